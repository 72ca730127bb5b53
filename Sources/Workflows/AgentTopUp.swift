import Foundation
import Measures

/// The fewest agents a added alike to a set of periods so that a day-level figure that
/// grows with agents reaches a goal, judged on the same fresh days for every a: the search
/// doubles a until the goal is met, then bisects. When doubling adds nothing beyond the two
/// estimates' intervals (the figure is capped by something else: the lists, the windows) the
/// goal is out of reach, and the last addition that still helped stands (`reached` false).
/// Used for outbound completions (`OutboundStaffing`) and e-mail answered within due
/// (`DeferredStaffing`).
enum AgentTopUp {
    struct Result {
        var added: Int
        var estimate: ConfidenceInterval
        /// The estimate with no agent added.
        var initial: ConfidenceInterval
        var evaluations: Int
        var reached: Bool
    }

    /// `plan` with a agents more in each of `periods`.
    static func adding(_ a: Int, to periods: [Int], of plan: [Int]) -> [Int] {
        var p = plan
        for k in periods { p[k] += a }
        return p
    }

    /// `evaluate(a)`: the figure's estimate with a agents added (a = 0 first).
    static func search(goal: Double, maxAdded: Int, evaluate: (Int) -> ConfidenceInterval) -> Result {
        var evaluations = 0
        func estimate(_ a: Int) -> ConfidenceInterval {
            evaluations += 1
            return evaluate(a)
        }
        var low = -1, high = 0
        let initial = estimate(0)
        var best = initial
        while best.mean < goal && high < maxAdded {
            let next = estimate(min(maxAdded, max(1, 2 * high)))
            if next.mean - best.mean <= (pow(next.halfWidth, 2) + pow(best.halfWidth, 2)).squareRoot() { break }
            low = high
            high = min(maxAdded, max(1, 2 * high))
            best = next
        }
        let reached = best.mean >= goal
        if reached {
            while high - low > 1 {
                let mid = (low + high) / 2
                let candidate = estimate(mid)
                if candidate.mean >= goal { (high, best) = (mid, candidate) } else { low = mid }
            }
        }
        return Result(added: high, estimate: best, initial: initial, evaluations: evaluations, reached: reached)
    }
}
