# A day's staffing plan, by period. Called by `ccsim plot` as
# `gnuplot -e 'n=…; …' -c staffing.gp ARG…`: n (plans), periods, goal (same unit as the
# service-level chart), scheduled (1: draw the scheduled line, the column after the
# plans), hassl (1: draw slfile), slrate (1: its quantity is a rate in %). datafile: a header row (quoted titles: period, load,
# each plan, scheduled, label), then per period: index, offered load, one column per plan,
# scheduled, tick label (quoted). slfile: a header row (period, then per plan its title,
# "low", "high"), then per period: index, then per plan the out-of-sample value, low and
# high of the goal's quantity. Plan i has colour i in both charts; the agents chart draws
# earlier plans wider, so a plan hidden under a later one shows. Strings arrive as
# arguments, never as code:
datafile = ARG1
slfile = ARG2
output = ARG3
title = ARG4
sltitle = ARG5
ylabel = ARG6
set datafile separator whitespace
set key outside right top autotitle columnhead
set grid lw 0.5 lc rgb "#dddddd"
set border 3
set tics nomirror
set xtics rotate by -45 font ",9"
set xlabel "period start"
set xrange [-0.5:periods]
set title title noenhanced

set ylabel "agents (load in Erlangs)"
set terminal svg size 900,480 dynamic font "Helvetica,12" background rgb "white" noenhanced
set output output."-agents.svg"
plot datafile using 1:2:xtic(n+4) with filledcurves y1=0 lc rgb "#e8e8e8" title "offered load", \
     for [i=1:n] datafile using 1:(column(i+2)) with steps lw (n + 2 - i) lc i title columnheader(i+2) noenhanced, \
     datafile using 1:(scheduled ? column(n+3) : NaN) with steps lw 1.5 dt 2 lc rgb "#333333" \
         title (scheduled ? "scheduled (after shrinkage)" : "")
set terminal pngcairo size 900,480 font "Helvetica,10" background rgb "white" noenhanced
set output output."-agents.png"
replot

if (hassl) {
    set ylabel ylabel noenhanced
    set title sltitle noenhanced
    set autoscale y
    # The axis within the possible range: never below 0 (nor above 100 for a rate).
    if (slrate) { set yrange [0<*:*<100] } else { set yrange [0<*:*] }
    set arrow from graph 0, first goal to graph 1, first goal nohead dt 2 lc rgb "#888888"
    set terminal svg size 900,480 dynamic font "Helvetica,12" background rgb "white" noenhanced
    set output output."-service-level.svg"
    # Plans side by side within a period (small offsets), each value with its 95 % bar.
    plot for [i=1:n] slfile using ($1 + (i - (n + 1) / 2.0) * 0.12):(column(3*i-1)):(column(3*i)):(column(3*i+1)) \
         with yerrorlines lw 2 lc i pt 7 ps 0.5 title columnheader(3*i-1) noenhanced, \
         datafile using 1:(NaN):xtic(n+4) notitle
    set terminal pngcairo size 900,480 font "Helvetica,10" background rgb "white" noenhanced
    set output output."-service-level.png"
    replot
}
