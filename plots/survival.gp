# Survival curves: per series (call type) a block (columns: seconds, Kaplan–Meier
# survival, fitted law's survival), blocks separated by two blank lines; the estimate as
# steps, the fitted law as a line of the same colour. Called by `ccsim fit` / `ccsim plot`
# with -e setting: datafile, titles, colors, n, output, title.
set datafile separator whitespace
set key right top
set grid lw 0.5 lc rgb "#dddddd"
set border 3
set tics nomirror
set xlabel "seconds waited"
set ylabel "still waiting (survival)"
set title title noenhanced
set yrange [0:1.02]
set xrange [0:*]
set terminal svg size 760,480 dynamic font "Helvetica,12" background rgb "white" noenhanced
set output output.".svg"
plot for [i=0:n-1] datafile index i using 1:2 with steps lw 2 lc int(word(colors, i+1)) title word(titles, i+1)." (Kaplan–Meier)" noenhanced, \
     for [i=0:n-1] datafile index i using 1:3 with lines dt 2 lw 2 lc int(word(colors, i+1)) title word(titles, i+1)." (fitted)" noenhanced
set terminal pngcairo size 760,480 font "Helvetica,10" background rgb "white" noenhanced
set output output.".png"
replot
