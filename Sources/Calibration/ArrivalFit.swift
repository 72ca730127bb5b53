import Foundation
import Measures
import Stochastic

/// Arrivals per period of one day type, per call type, with the day-to-day busyness.
///
/// - Rate of type i in period p: the mean over the day type's days of the calls that
///   arrived in it, ÷ the period in hours; 95 % interval from the days' spread (Student t,
///   its low end at least 0).
///   Calls without a class (logs that record it only for queued calls) are shared among
///   the types in proportion to the classified calls of the same period (all days).
/// - Busyness (`busyness.shape`): daily totals N_d with N | B ~ Poisson(B·Λ), B ~ Gamma
///   (mean 1, variance 1/shape) have Var N = Λ + Λ²/shape, so by moments
///   1/shape = (s² − m) ÷ m² (none when s² ≤ m: no over-dispersion beyond Poisson).
/// - Within-day check: given each day's total, the periods' counts are multinomial with
///   the day type's profile; X² = Σ_d Σ_p (n_dp − N_d π_p)² ÷ (N_d π_p) is χ² with
///   (D − 1)(P − 1) degrees of freedom. A small p-value (< 0.001) means the days' shapes
///   differ beyond one busyness factor: the fit warns.
public struct ArrivalFit: Sendable {
    public struct TypeRates: Sendable {
        public var name: String
        public var perHourByPeriod: [Double]
        public var lowByPeriod: [Double]
        public var highByPeriod: [Double]
        public var callsPerDay: Double
    }

    public var days: [Int32]
    public var types: [TypeRates]
    public var unclassifiedCalls: Int
    public var dailyTotals: [Double]
    public var dailyMean: Double
    public var dailyVariance: Double
    public var busynessShape: Double?

    /// The busyness shape's interval at `level` from the χ² interval of the daily totals'
    /// variance ((D − 1) s² ÷ χ²_{D−1} quantiles; normal daily totals): shape = m² ÷ (v − m)
    /// at each end (∞ when the variance's end is at or below the mean: no busyness).
    public func busynessShapeInterval(level: Double) -> (low: Double, high: Double) {
        let d = Double(days.count - 1)
        guard d >= 1 else { return (0, .infinity) }
        let vHigh = d * dailyVariance / SpecialFunctions.chiSquareQuantile((1 - level) / 2, degreesOfFreedom: d)
        let vLow = d * dailyVariance / SpecialFunctions.chiSquareQuantile(1 - (1 - level) / 2, degreesOfFreedom: d)
        func shape(_ v: Double) -> Double { v > dailyMean ? dailyMean * dailyMean / (v - dailyMean) : .infinity }
        return (shape(vHigh), shape(vLow))
    }
    public var withinDayChiSquare: Double
    public var withinDayDegrees: Int
    public var withinDayPValue: Double

    /// `period(i)` is the period of call i (nil outside the day's periods); `dayIndex(i)`
    /// the index of its day among `days`.
    init(log: CallLog, days: [Int32], periods: Int, periodMinutes: Double,
         calls: [Int], period: (Int) -> Int?, dayIndex: [Int32: Int]) {
        let typeCount = log.callTypes.count
        let d = days.count
        // counts[day][type][period]; unclassified apart.
        var counts = [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 0, count: periods), count: typeCount), count: d)
        var unclassified = [[Double]](repeating: [Double](repeating: 0, count: periods), count: d)
        var unclassifiedCalls = 0
        for i in calls {
            guard let p = period(i), let k = dayIndex[log.day[i]] else { continue }
            let t = Int(log.callType[i])
            if t < 0 { unclassified[k][p] += 1; unclassifiedCalls += 1 } else { counts[k][t][p] += 1 }
        }
        if unclassifiedCalls > 0 {
            for p in 0..<periods {
                let byType = (0..<typeCount).map { t in (0..<d).reduce(0.0) { $0 + counts[$1][t][p] } }
                let total = byType.reduce(0, +)
                for k in 0..<d where unclassified[k][p] > 0 {
                    for t in 0..<typeCount {
                        let share = total > 0 ? byType[t] / total : 1 / Double(typeCount)
                        counts[k][t][p] += unclassified[k][p] * share
                    }
                }
            }
        }
        let hours = periodMinutes / 60
        types = (0..<typeCount).map { t in
            var rate = [Double](), low = [Double](), high = [Double]()
            for p in 0..<periods {
                let samples = (0..<d).map { counts[$0][t][p] / hours }
                let mean = samples.reduce(0, +) / Double(d)
                rate.append(mean)
                if d >= 2 {
                    let ci = ConfidenceInterval.studentT(samples)
                    low.append(max(0, ci.low)); high.append(ci.high)  // (a rate is never below 0)
                } else { low.append(.nan); high.append(.nan) }
            }
            let perDay = (0..<d).reduce(0.0) { s, k in s + counts[k][t].reduce(0, +) } / Double(d)
            return TypeRates(name: log.callTypes[t], perHourByPeriod: rate, lowByPeriod: low, highByPeriod: high, callsPerDay: perDay)
        }
        self.days = days
        self.unclassifiedCalls = unclassifiedCalls
        let totalsByPeriod = (0..<d).map { k in (0..<periods).map { p in (0..<typeCount).reduce(0.0) { $0 + counts[k][$1][p] } } }
        dailyTotals = totalsByPeriod.map { $0.reduce(0, +) }
        let m = dailyTotals.reduce(0, +) / Double(d)
        let v = d >= 2 ? dailyTotals.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(d - 1) : 0
        dailyMean = m
        dailyVariance = v
        busynessShape = d >= 3 && v > m ? m * m / (v - m) : nil
        // Within-day homogeneity given the daily totals.
        let all = dailyTotals.reduce(0, +)
        let profile = (0..<periods).map { p in totalsByPeriod.reduce(0.0) { $0 + $1[p] } / all }
        var x2 = 0.0, used = 0
        for p in 0..<periods where profile[p] > 0 {
            used += 1
            for k in 0..<d where dailyTotals[k] > 0 {
                let expected = dailyTotals[k] * profile[p]
                x2 += (totalsByPeriod[k][p] - expected) * (totalsByPeriod[k][p] - expected) / expected
            }
        }
        withinDayChiSquare = x2
        withinDayDegrees = max(1, (d - 1) * (used - 1))
        withinDayPValue = d >= 2 && used >= 2 ? SpecialFunctions.chiSquareUpperTail(x2, degreesOfFreedom: Double(withinDayDegrees)) : 1
    }
}
