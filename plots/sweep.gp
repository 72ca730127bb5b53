# A metric against a swept parameter: one line per variant, 95 % confidence bars.
# Called by `ccsim plot` with -e setting: datafile (blocks "x mean low high", one per line,
# separated by two blank lines), output (path without extension), xlabel, ylabel, title,
# titles (one word per block), n (number of blocks), xticsdef ("" or a gnuplot xtics command).
set datafile separator whitespace
set key outside right top
set grid lw 0.5 lc rgb "#dddddd"
set border 3
set tics nomirror
set xlabel xlabel noenhanced
set ylabel ylabel noenhanced
set title title noenhanced
set offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05
if (strlen(xticsdef) > 0) { eval xticsdef }
set terminal svg size 820,480 dynamic font "Helvetica,12" background rgb "white"
set output output.".svg"
plot for [i=0:n-1] datafile index i using 1:2:3:4 with yerrorlines lw 2 pt 7 ps 0.8 title word(titles, i+1) noenhanced
set terminal pngcairo size 820,480 font "Helvetica,10" background rgb "white"
set output output.".png"
replot
