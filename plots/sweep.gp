# A metric against a swept parameter: one line per block (variant, and value of a second
# parameter), 95 % confidence bars. Called by `ccsim plot` as
# `gnuplot -e 'n=…; wordticks=…; rate=…' -c sweep.gp ARG…`: n (blocks), wordticks (1: the swept
# values are words, labelled from the last block), rate (1: a rate in %, its axis within 0–100). Data: per line a block (first line:
# its title, quoted; then "x mean low high"), then, with wordticks, a block of tick
# labels (first line "labels"; then "x "word""), blocks separated by two blank lines.
# Strings arrive as arguments, never as code:
datafile = ARG1
output = ARG2
title = ARG3
xlabel = ARG4
ylabel = ARG5
set datafile separator whitespace
set key outside right top
set grid lw 0.5 lc rgb "#dddddd"
set border 3
set tics nomirror
set xlabel xlabel noenhanced
set ylabel ylabel noenhanced
set title title noenhanced
set offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05
# The axis within the possible range: autoscaled, never below 0 (nor above 100 for a rate).
if (rate) { set yrange [0<*:*<100] } else { set yrange [0<*:*] }
if (wordticks) { set xtics () }
set terminal svg size 820,480 dynamic font "Helvetica,12" background rgb "white" noenhanced
set output output.".svg"
plot for [i=0:n-1] datafile index i using 1:2:3:4 with yerrorlines lw 2 pt 7 ps 0.8 title columnheader(1) noenhanced, \
     for [k=1:wordticks] datafile index n using 1:(NaN):xtic(2) notitle
set terminal pngcairo size 820,480 font "Helvetica,10" background rgb "white" noenhanced
set output output.".png"
replot
