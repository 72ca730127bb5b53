# QQ plot: observed quantiles against a fitted law's, one block per series (call type):
# first line its title, quoted; then "fitted observed" quantiles; blocks separated by two
# blank lines; and the diagonal. Called by `ccsim fit` / `ccsim plot` as
# `gnuplot -e 'n=…' -c qq.gp ARG…` (n: series; series i has colour i). Strings arrive
# as arguments, never as code:
datafile = ARG1
output = ARG2
title = ARG3
xlabel = ARG4
ylabel = ARG5
set datafile separator whitespace
set key left top
set grid lw 0.5 lc rgb "#dddddd"
set border 3
set tics nomirror
set xlabel xlabel noenhanced
set ylabel ylabel noenhanced
set title title noenhanced
set xrange [0:*]
set yrange [0:*]
set terminal svg size 640,560 dynamic font "Helvetica,12" background rgb "white" noenhanced
set output output.".svg"
plot x with lines dt 2 lc rgb "#888888" title "observed = fitted", \
     for [i=0:n-1] datafile index i using 1:2 with points pt 7 ps 0.5 lc i+1 title columnheader(1) noenhanced
set terminal pngcairo size 640,560 font "Helvetica,10" background rgb "white" noenhanced
set output output.".png"
replot
