# A metric by period of the day, per series (variant, call type, team): the estimate with
# its 95 % band, and an optional goal line. Called by `ccsim plot` / `ccsim report` as
# `gnuplot -e 'n=…; …' -c periods.gp ARG…`: n (series; series i has colour i), periods,
# hasgoal (1: draw the goal line at goal), rate (1: a rate in %, its axis within 0–100). Data: per series a block (first line: its
# title, quoted; then "period value low high"), then a block of tick labels (first line
# "labels"; then "period "label""), blocks separated by two blank lines. Strings arrive
# as arguments, never as code:
datafile = ARG1
output = ARG2
title = ARG3
ylabel = ARG4
set datafile separator whitespace
set key outside right top
set grid lw 0.5 lc rgb "#dddddd"
set border 3
set tics nomirror
set xtics rotate by -45 font ",9"
set xlabel "period start"
set xrange [-0.5:periods - 0.5]
set ylabel ylabel noenhanced
set title title noenhanced
# The axis within the possible range: autoscaled, never below 0 (nor above 100 for a rate).
if (rate) { set yrange [0<*:*<100] } else { set yrange [0<*:*] }
if (hasgoal) { set arrow from graph 0, first goal to graph 1, first goal nohead dt 2 lc rgb "#888888" }
set style fill transparent solid 0.18 noborder
set terminal svg size 900,440 dynamic font "Helvetica,12" background rgb "white" noenhanced
set output output.".svg"
plot for [i=0:n-1] datafile index i using 1:3:4 with filledcurves lc i+1 notitle, \
     for [i=0:n-1] datafile index i using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc i+1 title columnheader(1) noenhanced, \
     datafile index n using 1:(NaN):xtic(2) notitle
set terminal pngcairo size 900,440 font "Helvetica,10" background rgb "white" noenhanced
set output output.".png"
replot
