import ContactCenter
import Experiments
import Foundation
import Measures

/// `ccsim staff --channel-goal email.within_due_rate=p` on a plan over several days: after
/// the live contacts' plan, the fewest agents added alike to every open period so that the
/// share of e-mail answered within its due time over the horizon (`within_due_rate`,
/// expected over fresh runs: Σ answered by due ÷ Σ (answered + left past due), delta-method
/// interval) reaches p. E-mail is worked in the agents' idle time, so any open period's
/// extra agent helps it; the search is `AgentTopUp`'s, on the inbound plan's own fresh runs
/// (substreams from `PlanValidation.firstFreshDay`, common to every candidate).
public struct DeferredStaffing: Sendable {
    public let added: Int
    public let plan: [Int]
    public let withinDue: ConfidenceInterval
    /// The plan before the top-up: its within-due share on the same runs.
    public let before: ConfidenceInterval
    public let runs: Int
    public let evaluations: Int
    /// False when more agents stopped raising the share (or `maxAdded` was not enough).
    public let reached: Bool

    public static func run(_ config: CenterConfig, plan: [Int], goal: Double, seed: UInt64, runs: Int, jobs: Int,
                           maxAdded: Int = 200) throws -> DeferredStaffing {
        guard let day = config.day, config.callTypes.contains(where: { $0.channel == .email }) else {
            throw WorkflowError("--channel-goal email.within_due_rate needs e-mail (a call type with channel: email) in a day of periods")
        }
        guard day.days > 1 else {
            throw WorkflowError("--channel-goal email.within_due_rate needs days: (a horizon of several days: e-mail left at a day's close "
                + "is answered the next morning, within its due time or not)")
        }
        let open = (0..<day.count).filter(day.isOpen)
        func estimate(_ a: Int) -> ConfidenceInterval {
            let staffed = PlanValidation.staffed(config, plan: AgentTopUp.adding(a, to: open, of: plan))
            let shares = runReplications(count: runs, jobs: jobs) { r in
                Metric.withinDueRate.value(CenterModel.simulate(staffed, seed: seed, replication: PlanValidation.firstFreshDay + UInt64(r)))!
            }
            return ConfidenceInterval.ratioOfSums(numerators: shares.map(\.numerator), denominators: shares.map(\.denominator))
        }
        let search = AgentTopUp.search(goal: goal, maxAdded: maxAdded, evaluate: estimate)
        return DeferredStaffing(added: search.added, plan: AgentTopUp.adding(search.added, to: open, of: plan), withinDue: search.estimate,
                                before: search.initial, runs: runs, evaluations: search.evaluations, reached: search.reached)
    }
}
