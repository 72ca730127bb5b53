# Paired differences of a comparison as a forest plot: one row per metric, each
# variant's difference from the baseline with its 95 % interval, a zero line; a filled
# point marks a difference that survives Holm's correction. Called by `ccsim report`
# with -e setting: datafile (blocks per variant, separated by two blank lines; columns:
# row, difference, low, high, significant 0/1), labels (metric labels, one word each,
# row 0 first), titles (variant titles, one word each), colors (their colour indices in
# the report's palette), n (variants), rows, output (path prefix), title.
set datafile separator whitespace
set key outside right top
set grid xtics lw 0.5 lc rgb "#dddddd"
set border 1
set tics nomirror
set ytics scale 0 (word(labels, 1) 0)
if (words(labels) > 1) { set for [i=2:words(labels)] ytics add (word(labels, i) i-1) }
set yrange [rows - 0.5:-0.5]
set xlabel "difference from the baseline (95 % interval; filled: significant after Holm)"
set title title noenhanced
set arrow from first 0, graph 0 to first 0, graph 1 nohead lc rgb "#555555"
set terminal svg size 900,(140 + 26 * rows) dynamic font "Helvetica,12" background rgb "white" noenhanced
set output output.".svg"
plot for [i=0:n-1] datafile index i using 2:($1 + (i - (n - 1) / 2.0) * 0.18):3:4 with xerrorbars lw 2 pt 6 ps 0.8 \
         lc int(word(colors, i+1)) title word(titles, i+1) noenhanced, \
     for [i=0:n-1] datafile index i using 2:($5 > 0 ? $1 + (i - (n - 1) / 2.0) * 0.18 : NaN) with points pt 7 ps 0.8 \
         lc int(word(colors, i+1)) notitle
