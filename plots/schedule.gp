# A roster against its requirement, by period, and its simulated service level. Called
# by `ccsim plot` / `ccsim report` as `gnuplot -e 'periods=…; goal=…' -c schedule.gp ARG…`:
# periods (rows), goal (the goal in %). Data: one row per period: index, erlang_c,
# required, scheduled, service level, low, high (in %), tick label (quoted).
# Colours: Erlang C 1, the repaired requirement 2, the roster 3 (the report's palette).
# Strings arrive as arguments, never as code:
datafile = ARG1
output = ARG2
title = ARG3
set datafile separator whitespace
set key outside bottom center horizontal
set grid lw 0.5 lc rgb "#dddddd"
set border 3
set tics nomirror
set xtics rotate by -45 font ",9"
set xlabel "period start"
set xrange [-0.5:periods - 0.5]

set title title." (agents)" noenhanced
set ylabel "agents"
set terminal svg size 900,440 dynamic font "Helvetica,12" background rgb "white" noenhanced
set output output."-coverage.svg"
plot datafile using 1:2:xtic(8) with histeps lw 1.5 dt 2 lc 1 title "Erlang C requirement", \
     datafile using 1:3 with histeps lw 2 lc 2 title "requirement (repaired)", \
     datafile using 1:4 with histeps lw 2.5 lc 3 title "scheduled (breaks as shares)"
set terminal pngcairo size 900,440 font "Helvetica,10" background rgb "white" noenhanced
set output output."-coverage.png"
replot

set title title." (simulated service level)" noenhanced
set ylabel "service level (%)"
set yrange [0<*:*<100]
set arrow from graph 0, first goal to graph 1, first goal nohead dt 2 lc rgb "#888888"
set style fill transparent solid 0.18 noborder
set terminal svg size 900,440 dynamic font "Helvetica,12" background rgb "white" noenhanced
set output output."-service-level.svg"
plot datafile using 1:6:7:xtic(8) with filledcurves lc 3 notitle, \
     datafile using 1:5 with linespoints lw 2 pt 7 ps 0.5 lc 3 title "roster, simulated on fresh days (95 % band)"
set terminal pngcairo size 900,440 font "Helvetica,10" background rgb "white" noenhanced
set output output."-service-level.png"
replot
