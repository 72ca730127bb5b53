import ContactCenter
import Experiments
import Foundation
import Measures

/// `ccsim staff --outbound-completions N`: after the inbound plan, the fewest agents added
/// to every period of the campaigns' calling windows so that the day's expected outbound
/// completions (right-party conversations, all campaigns) reach N, judged on fresh days
/// (the inbound plan's own validation days: substreams from `PlanValidation.firstFreshDay`,
/// common to every candidate). Agents are added alike in each window period (a dialling
/// team on top of the inbound plan), by `AgentTopUp`'s search: completions grow with agents
/// (more free agents dial more) until the lists run dry.
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
        let search = AgentTopUp.search(goal: goal, maxAdded: maxAdded) { a in
            let staffed = PlanValidation.staffed(config, plan: AgentTopUp.adding(a, to: periods, of: plan))
            let done = runReplications(count: days, jobs: jobs) { d in
                Double(CenterModel.simulate(staffed, seed: seed, replication: PlanValidation.firstFreshDay + UInt64(d)).outboundTotal.completed)
            }
            return ConfidenceInterval.studentT(done)
        }
        return OutboundStaffing(added: search.added, plan: AgentTopUp.adding(search.added, to: periods, of: plan), periods: periods, completions: search.estimate, days: days,
                                evaluations: search.evaluations, reached: search.reached)
    }
}
