# A metric by period of the day, per variant: the estimate with its 95 % band, and an
# optional goal line. Called by `ccsim plot` and `ccsim report` with -e setting: datafile (blocks per
# variant, separated by two blank lines; columns: period index, value, low, high),
# labels (period start times, one word each), titles (variant titles), colors (their
# colour indices), n (variants), periods, goalline ("" for none), ylabel, output, title.
set datafile separator whitespace
set key outside right top
set grid lw 0.5 lc rgb "#dddddd"
set border 3
set tics nomirror
set xtics rotate by -45 font ",9"
set for [i=1:words(labels)] xtics add (word(labels, i) i-1)
set xlabel "period start"
set xrange [-0.5:periods - 0.5]
set ylabel ylabel noenhanced
set title title noenhanced
if (strlen(goalline) > 0) { set arrow from graph 0, first real(goalline) to graph 1, first real(goalline) nohead dt 2 lc rgb "#888888" }
set style fill transparent solid 0.18 noborder
set terminal svg size 900,440 dynamic font "Helvetica,12" background rgb "white" noenhanced
set output output.".svg"
plot for [i=0:n-1] datafile index i using 1:3:4 with filledcurves lc int(word(colors, i+1)) notitle, \
     for [i=0:n-1] datafile index i using 1:2 with linespoints lw 2 pt 7 ps 0.5 lc int(word(colors, i+1)) \
         title word(titles, i+1) noenhanced
set terminal pngcairo size 900,440 font "Helvetica,10" background rgb "white" noenhanced
set output output.".png"
replot
