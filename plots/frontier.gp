# Outbound completions against the inbound service level across a swept parameter (the
# blending frontier): one line per block (variant), 95 % confidence bars both ways, each
# point labelled with its swept value. Called by `ccsim plot` as
# `gnuplot -e 'n=…' -c frontier.gp ARG…`: n (blocks). Data: per block its title (quoted),
# then rows "completions sl sl_low sl_high completions_low completions_high "label"";
# blocks separated by two blank lines. Strings arrive as arguments, never as code:
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
set offsets graph 0.05, graph 0.05, graph 0.05, graph 0.05
set yrange [0<*:*<100]
set xrange [0<*:*]
set terminal svg size 820,480 dynamic font "Helvetica,12" background rgb "white" noenhanced
set output output.".svg"
plot for [i=0:n-1] datafile index i using 1:2:5:6:3:4 with xyerrorlines lw 2 pt 7 ps 0.8 title columnheader(1) noenhanced, \
     for [i=0:n-1] datafile index i using 1:2:7 with labels offset char 0.8, char 0.6 font ",9" notitle noenhanced
set terminal pngcairo size 820,480 font "Helvetica,10" background rgb "white" noenhanced
set output output.".png"
replot
