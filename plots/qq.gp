# QQ plot: observed quantiles against a fitted law's, one block per series (call type),
# blocks separated by two blank lines (columns: fitted quantile, observed quantile), and
# the diagonal. Called by `ccsim fit` / `ccsim plot` with -e setting: datafile, titles,
# colors, n, xlabel, ylabel, output, title.
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
     for [i=0:n-1] datafile index i using 1:2 with points pt 7 ps 0.5 lc int(word(colors, i+1)) title word(titles, i+1) noenhanced
set terminal pngcairo size 640,560 font "Helvetica,10" background rgb "white" noenhanced
set output output.".png"
replot
