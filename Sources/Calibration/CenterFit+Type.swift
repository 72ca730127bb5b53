import Foundation
import Stochastic

extension CenterFit.TypeFit {
    /// One call type's estimates from its calls (indices into `log`) of the chosen days:
    /// handling times (zero-length and unfinished services counted apart) with the χ² test
    /// of equal means by period of arrival, Σ n_p (x̄_p − x̄)² ÷ s² ~ χ²(P′ − 1) over periods
    /// with at least 30 services (below p = 0.001 the period factors are written and the
    /// law is refitted to time ÷ factor); patience from the queue waits (answered calls
    /// censored); IVR patience from the IVR times (callers who went on censored).
    init(log: CallLog, type t: Int, calls mine: [Int], periods: Int, period: (Int) -> Int?) {
        var durations: [Double] = [], durationPeriods: [Int] = []
        var zero = 0, noEnd = 0
        var waits: [Double] = [], abandoned: [Bool] = []
        for i in mine {
            switch log.outcome[i] {
            case .served:
                if log.serviceEnd[i].isNaN { noEnd += 1 } else {
                    let d = log.serviceEnd[i] - log.serviceStart[i]
                    if d <= 0 { zero += 1 } else { durations.append(d); durationPeriods.append(period(i) ?? 0) }
                }
                waits.append(log.queueExit[i] - log.queueEntry[i]); abandoned.append(false)
            case .abandoned:
                waits.append(log.queueExit[i] - log.queueEntry[i]); abandoned.append(true)
            case .ivrOnly, .ignore: break
            }
        }
        var handling = DurationFit(times: durations)
        var multipliers = [Double?](repeating: nil, count: periods)
        var pValue = 1.0
        if let h = handling, h.sd > 0 {
            var sums = [Double](repeating: 0, count: periods), ns = [Int](repeating: 0, count: periods)
            for (d, p) in zip(durations, durationPeriods) { sums[p] += d; ns[p] += 1 }
            var x2 = 0.0, used = 0
            for p in 0..<periods where ns[p] >= 30 {
                let m = sums[p] / Double(ns[p])
                multipliers[p] = m / h.mean
                x2 += Double(ns[p]) * (m - h.mean) * (m - h.mean) / (h.sd * h.sd)
                used += 1
            }
            if used >= 2 { pValue = SpecialFunctions.chiSquareUpperTail(x2, degreesOfFreedom: Double(used - 1)) }
        }
        var factors: [Double]?
        if pValue < 0.001 {
            let f = multipliers.map { (($0 ?? 1) * 10_000).rounded() / 10_000 }
            factors = f
            handling = DurationFit(times: zip(durations, durationPeriods).map { $0 / f[$1] })
        }
        var ivrTimes: [Double] = [], ivrLeft: [Bool] = []
        if log.hasIVR {
            for i in mine where !log.ivrExit[i].isNaN {
                ivrTimes.append(log.ivrExit[i] - log.arrival[i]); ivrLeft.append(log.outcome[i] == .ivrOnly)
            }
        }
        self.init(name: log.callTypes[t], handling: handling, zeroLengthServices: zero, servicesWithoutEnd: noEnd,
                  handlingMultipliers: multipliers, handlingByPeriodPValue: pValue, handlingFactors: factors,
                  patience: PatienceFit(waits: waits, abandoned: abandoned),
                  ivrPatience: ivrTimes.isEmpty ? nil : PatienceFit(waits: ivrTimes, abandoned: ivrLeft),
                  ivrHangupShare: ivrTimes.isEmpty ? nil : Double(ivrLeft.filter { $0 }.count) / Double(ivrTimes.count))
    }
}
