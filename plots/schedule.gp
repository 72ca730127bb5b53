# A roster against its requirement, by period, and its simulated service level. Called
# by `ccsim plot` / `ccsim report` with -e setting: datafile (columns: period index,
# erlang_c, required, scheduled, service level, low, high, in %), labels (period start
# times, one word each), periods, goalline (the goal in %), output (path prefix), title.
# Colours: Erlang C 1, the repaired requirement 2, the roster 3 (the report's palette).
set datafile separator whitespace
set key outside bottom center horizontal
set grid lw 0.5 lc rgb "#dddddd"
set border 3
set tics nomirror
set xtics rotate by -45 font ",9"
set for [i=1:words(labels)] xtics add (word(labels, i) i-1)
set xlabel "period start"
set xrange [-0.5:periods - 0.5]
set title title noenhanced

set ylabel "agents"
set terminal svg size 900,440 dynamic font "Helvetica,12" background rgb "white" noenhanced
set output output."-coverage.svg"
plot datafile using 1:2 with histeps lw 1.5 dt 2 lc 1 title "Erlang C requirement", \
     datafile using 1:3 with histeps lw 2 lc 2 title "requirement (repaired)", \
     datafile using 1:4 with histeps lw 2.5 lc 3 title "scheduled (breaks as shares)"
set terminal pngcairo size 900,440 font "Helvetica,10" background rgb "white"
set output output."-coverage.png"
replot

set ylabel "service level (%)"
set arrow from graph 0, first real(goalline) to graph 1, first real(goalline) nohead dt 2 lc rgb "#888888"
set style fill transparent solid 0.18 noborder
set terminal svg size 900,440 dynamic font "Helvetica,12" background rgb "white" noenhanced
set output output."-service-level.svg"
plot datafile using 1:6:7 with filledcurves lc 3 notitle, \
     datafile using 1:5 with linespoints lw 2 pt 7 ps 0.5 lc 3 title "roster, simulated on fresh days (95 % band)"
set terminal pngcairo size 900,440 font "Helvetica,10" background rgb "white"
set output output."-service-level.png"
replot
