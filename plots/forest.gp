# Paired differences of a comparison as a forest plot: one row per metric, each
# variant's difference from the baseline with its 95 % interval, a zero line; a filled
# point marks a difference that survives Holm's correction. Called by `ccsim report` as
# `gnuplot -e 'n=…; rows=…; array colors[n] = […]' -c forest.gp ARG…`: n (variants),
# rows (metrics), colors (each variant's colour in the report's palette). Data: per
# variant a block (first line: its title, quoted; then "row difference low high
# significant(0/1)"), then a block of row labels (first line "labels"; then
# "row "label""), blocks separated by two blank lines. Strings arrive as arguments:
datafile = ARG1
output = ARG2
title = ARG3
set datafile separator whitespace
set key outside right top
set grid xtics lw 0.5 lc rgb "#dddddd"
set border 1
set tics nomirror
set ytics scale 0
set yrange [rows - 0.5:-0.5]
set xlabel "difference from the baseline (95 % interval; filled: significant after Holm)"
set title title noenhanced
set arrow from first 0, graph 0 to first 0, graph 1 nohead lc rgb "#555555"
set terminal svg size 900,(140 + 26 * rows) dynamic font "Helvetica,12" background rgb "white" noenhanced
set output output.".svg"
plot for [i=0:n-1] datafile index i using 2:($1 + (i - (n - 1) / 2.0) * 0.18):3:4 with xerrorbars lw 2 pt 6 ps 0.8 \
         lc int(colors[i+1]) title columnheader(1) noenhanced, \
     for [i=0:n-1] datafile index i using 2:($5 > 0 ? $1 + (i - (n - 1) / 2.0) * 0.18 : NaN) with points pt 7 ps 0.8 \
         lc int(colors[i+1]) notitle, \
     datafile index n using (NaN):1:ytic(2) notitle
