import ContactCenter
import Experiments
import Foundation
import Measures

/// `ccsim staff --outbound-completions N`: after the inbound plan, the fewest agents added
/// to every period of the campaigns' calling windows so that the day's expected outbound
/// completions (right-party conversations, all campaigns) reach N, judged on fresh days
/// (the inbound plan's own validation days: substreams from `PlanValidation.firstFreshDay`,
/// common to every candidate). Agents are added alike in each window period (a dialling
/// team on top of the inbound plan); the search doubles the addition until the goal is
/// met, then bisects: completions grow with agents (more free agents dial more) until the
/// lists run dry — when doubling adds no completions beyond the intervals the goal is
/// out of reach, and the last addition that still helped is the answer (`reached` false).
public struct OutboundStaffing: Sendable {
    /// Agents added in each period of a window, and the resulting plan.
    public let added: Int
    public let plan: [Int]
    /// The periods that got them (those that overlap a campaign's window).
    public let periods: [Int]
    /// Completions per day with the plan (mean and 95 % Student t interval over `days`).
    public let completions: ConfidenceInterval
    public let days: Int
    /// Plans evaluated in the search.
    public let evaluations: Int
    /// False when the goal is out of reach: more agents stopped adding completions, or
    /// `maxAdded` agents were not enough (the plan is then the last that still helped).
    public let reached: Bool

    /// The top-up for `goal` completions a day on `config` (a day plan with one group and
    /// campaigns) staffed by `plan`.
    public static func run(_ config: CenterConfig, plan: [Int], goal: Double, seed: UInt64, days: Int, jobs: Int,
                           maxAdded: Int = 500) throws -> OutboundStaffing {
        guard let day = config.day, !config.campaigns.isEmpty else {
            throw WorkflowError("--outbound-completions needs campaigns: in the scenario (a day of periods)")
        }
        guard config.groups.count == 1, !config.groups[0].campaigns.isEmpty else {
            throw WorkflowError("--outbound-completions sizes one pool of agents that dials for the campaigns (outbound: on its group)")
        }
        let windows = config.campaigns.flatMap { $0.windowsSeconds.isEmpty ? [0...day.lengthSeconds] : $0.windowsSeconds }
        let periods = (0..<day.count).filter { k in
            let start = Double(k) * day.periodSeconds, end = start + day.periodSeconds
            return windows.contains { $0.lowerBound < end && $0.upperBound > start }
        }
        var evaluations = 0
        func evaluate(_ a: Int) -> (plan: [Int], completions: ConfidenceInterval) {
            evaluations += 1
            var p = plan
            for k in periods { p[k] += a }
            let staffed = PlanValidation.staffed(config, plan: p)
            let done = runReplications(count: days, jobs: jobs) { d in
                Double(CenterModel.simulate(staffed, seed: seed, replication: PlanValidation.firstFreshDay + UInt64(d)).outboundTotal.completed)
            }
            return (p, ConfidenceInterval.studentT(done))
        }
        var low = -1, high = 0
        var best = evaluate(0)
        while best.completions.mean < goal && high < maxAdded {
            let next = evaluate(min(maxAdded, max(1, 2 * high)))
            // More agents that add no completions (beyond the two intervals' reach): the
            // lists, attempts or windows cap the day; the last plan that still added some stands.
            if next.completions.mean - best.completions.mean
                <= (pow(next.completions.halfWidth, 2) + pow(best.completions.halfWidth, 2)).squareRoot() {
                break
            }
            low = high
            high = min(maxAdded, max(1, 2 * high))
            best = next
        }
        let reached = best.completions.mean >= goal
        if reached {
            while high - low > 1 {
                let mid = (low + high) / 2
                let candidate = evaluate(mid)
                if candidate.completions.mean >= goal { (high, best) = (mid, candidate) } else { low = mid }
            }
        }
        return OutboundStaffing(added: high, plan: best.plan, periods: periods, completions: best.completions, days: days,
                                evaluations: evaluations, reached: reached)
    }
}
