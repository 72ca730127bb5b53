# Wait-time distribution: share of calls that entered the queue and waited at most x
# seconds (abandoners' time in queue included), one line per variant. Called by
# `ccsim plot` / `ccsim report` as `gnuplot -e 'n=…; target=…' -c waits.gp ARG…`:
# n (variants), target (the service-level target in seconds, drawn as a line). Data:
# per variant a block (first line: its title, quoted; then "seconds percent"), blocks
# separated by two blank lines. Every string arrives as an argument, never as code:
datafile = ARG1
output = ARG2
title = ARG3
set datafile separator whitespace
set key outside right top
set grid lw 0.5 lc rgb "#dddddd"
set border 3
set tics nomirror
set xlabel "wait in queue (s)"
set ylabel "calls that waited at most x (%)"
set title title noenhanced
set yrange [0:100]
set arrow from target, graph 0 to target, graph 1 nohead dt 2 lc rgb "#888888"
set terminal svg size 820,480 dynamic font "Helvetica,12" background rgb "white" noenhanced
set output output.".svg"
plot for [i=0:n-1] datafile index i using 1:2 with steps lw 2 title columnheader(1) noenhanced
set terminal pngcairo size 820,480 font "Helvetica,10" background rgb "white" noenhanced
set output output.".png"
replot
