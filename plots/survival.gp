# Survival curves: per series (call type) a block (first line: two quoted titles, the
# estimate's and the fitted law's; then "seconds kaplan_meier fitted"), blocks separated
# by two blank lines; the estimate as steps, the fitted law as a line of the same colour.
# Called by `ccsim fit` / `ccsim plot` as `gnuplot -e 'n=…' -c survival.gp ARG…` (n:
# series; series i has colour i). Strings arrive as arguments, never as code:
datafile = ARG1
output = ARG2
title = ARG3
set datafile separator whitespace
# (Below the plot: survival curves start at the top left and may stay high to the right.)
set key outside bottom center horizontal
set grid lw 0.5 lc rgb "#dddddd"
set border 3
set tics nomirror
set xlabel "seconds waited"
set ylabel "still waiting (survival)"
set title title noenhanced
set yrange [0:1.02]
set xrange [0:*]
set terminal svg size 760,520 dynamic font "Helvetica,12" background rgb "white" noenhanced
set output output.".svg"
plot for [i=0:n-1] datafile index i using 1:2 with steps lw 2 lc i+1 title columnheader(1) noenhanced, \
     for [i=0:n-1] datafile index i using 1:3 with lines dt 2 lw 2 lc i+1 title columnheader(2) noenhanced
set terminal pngcairo size 760,520 font "Helvetica,10" background rgb "white" noenhanced
set output output.".png"
replot
