import Foundation

/// Square-root (QED) staffing: n = ⌈a + β√a⌉ with the smallest β (on a 0.01 grid) whose
/// Halfin–Whitt approximation of the service level meets the goal:
/// P(wait) ≈ [1 + βΦ(β)/φ(β)]⁻¹ (Halfin & Whitt 1981), SL ≈ 1 − P(wait)·e^{−β√a·T/AHT}
/// (the Erlang C waiting-time law with n − a = β√a). See also Borst, Mandelbaum & Reiman 2004.
public func squareRootStaffing(_ traffic: Traffic, targetSeconds t: Double, fraction: Double) -> Int {
    let a = traffic.offeredLoadErlangs
    var beta = 0.01
    while beta < 10 {
        let phi = exp(-beta * beta / 2) / (2 * Double.pi).squareRoot()
        let bigPhi = 0.5 * erfc(-beta / 2.0.squareRoot())
        let pWait = 1 / (1 + beta * bigPhi / phi)
        let sl = 1 - pWait * exp(-beta * a.squareRoot() * t / traffic.ahtSeconds)
        if sl >= fraction { break }
        beta += 0.01
    }
    return Int((a + beta * a.squareRoot()).rounded(.up))
}

/// Agents to schedule for `required` productive agents when a share `shrinkage` of paid
/// time is lost to breaks, training and absence: ⌈required / (1 − shrinkage)⌉.
public func scheduledAgents(required: Int, shrinkage: Double) -> Int {
    precondition(shrinkage >= 0 && shrinkage < 1)
    return Int((Double(required) / (1 - shrinkage) - 1e-9).rounded(.up))
}

/// One period's formula answers (no simulation).
public struct PeriodRequirement: Sendable, Equatable {
    public var offeredLoadErlangs: Double
    public var erlangC: Int
    /// nil when the callers have no (exponential) patience.
    public var erlangA: Int?
    public var squareRoot: Int
}

public enum PeriodPlanner {
    /// Erlang C, Erlang A and square-root staffing for one period's traffic; a period with
    /// no calls needs no agents. The square-root rule answers service-level goals only
    /// (for other goals it repeats Erlang C).
    public static func requirement(_ traffic: Traffic?, goal: StaffingGoal, maxOccupancy: Double?) throws -> PeriodRequirement {
        guard let traffic else { return PeriodRequirement(offeredLoadErlangs: 0, erlangC: 0, erlangA: 0, squareRoot: 0) }
        let c = try traffic.requiredAgents(goal: goal, model: .erlangC, maxOccupancy: maxOccupancy).agents
        var a: Int?
        if traffic.patienceSeconds != nil {
            a = try traffic.requiredAgents(goal: goal, model: .erlangA, maxOccupancy: maxOccupancy).agents
        }
        var root = c
        if case .serviceLevel(let t, let fraction) = goal {
            root = squareRootStaffing(traffic, targetSeconds: t, fraction: fraction)
            if let cap = maxOccupancy { root = max(root, Int((traffic.offeredLoadErlangs / cap).rounded(.up))) }
        }
        return PeriodRequirement(offeredLoadErlangs: traffic.offeredLoadErlangs, erlangC: c, erlangA: a, squareRoot: root)
    }
}
