import Foundation

/// Steady-state performance of one agent pool, as computed by an Erlang formula.
/// Definitions (PASTA: an arriving call sees the stationary state):
/// - `pWait`: P(an arriving call finds all agents busy) = P(wait > 0).
/// - `serviceLevel`: P(answered within the target) over **all arrivals** (for Erlang C
///   every call is answered; for Erlang A abandoners count as misses).
/// - `serviceLevelAnswered`: P(wait ≤ target | answered).
/// - `asaSeconds`: mean wait of answered calls.
/// - `meanWaitSeconds`: mean time in queue over all arrivals (abandoners included).
/// - `abandonRate`: P(abandon) (0 for Erlang C).
/// - `occupancy`: carried load ÷ agents.
/// - `pBlock`: Erlang B blocking probability of the same load and agents (loss system).
public struct QueueMetrics: Sendable, Equatable {
    public var pBlock: Double
    public var pWait: Double
    public var serviceLevel: Double
    public var serviceLevelAnswered: Double
    public var asaSeconds: Double
    public var meanWaitSeconds: Double
    public var abandonRate: Double
    public var occupancy: Double
    /// Mean number of calls waiting (Little: λ · meanWait).
    public var meanQueueLength: Double
}

public enum Erlang {
    /// Erlang B (loss) probability B(n, a) by the recurrence
    /// B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)),
    /// which stays in [0, 1] at every step: no factorials, no overflow, O(n).
    /// (Jagerman 1974, "Some properties of the Erlang loss function".)
    public static func blocking(agents n: Int, offeredLoad a: Double) -> Double {
        precondition(n >= 0 && a >= 0 && a.isFinite)
        var b = 1.0
        if n == 0 { return 1 }
        for k in 1...n { b = a * b / (Double(k) + a * b) }
        return b
    }

    /// Erlang B for a traffic and a number of agents (all quantities as `QueueMetrics`:
    /// calls that find every agent busy are lost).
    public static func b(_ traffic: Traffic, agents n: Int) throws -> QueueMetrics {
        try checkAgents(n)
        let a = traffic.offeredLoadErlangs
        let blocked = blocking(agents: n, offeredLoad: a)
        return QueueMetrics(
            pBlock: blocked, pWait: 0, serviceLevel: 1 - blocked, serviceLevelAnswered: 1,
            asaSeconds: 0, meanWaitSeconds: 0, abandonRate: 0,
            occupancy: a * (1 - blocked) / Double(n), meanQueueLength: 0)
    }

    /// Erlang C (M/M/n): C(n, a) = B / (1 − ρ(1 − B)), ρ = a/n < 1;
    /// SL(T) = 1 − C·exp(−(n − a)·T/AHT); ASA = C·AHT/(n − a); occupancy = ρ.
    /// (Erlang 1917; e.g. Gross & Harris, Fundamentals of Queueing Theory, §2.3.)
    /// Throws `.unstable` when a ≥ n.
    public static func c(_ traffic: Traffic, agents n: Int, targetSeconds t: Double) throws -> QueueMetrics {
        try checkAgents(n)
        try checkTarget(t)
        let a = traffic.offeredLoadErlangs
        guard a < Double(n) else { throw StaffingError.unstable(offeredLoadErlangs: a, agents: n) }
        let blocked = blocking(agents: n, offeredLoad: a)
        let rho = a / Double(n)
        let pWait = blocked / (1 - rho * (1 - blocked))
        let slack = Double(n) - a
        let sl = 1 - pWait * exp(-slack * t / traffic.ahtSeconds)
        let asa = pWait * traffic.ahtSeconds / slack
        return QueueMetrics(
            pBlock: blocked, pWait: pWait, serviceLevel: sl, serviceLevelAnswered: sl,
            asaSeconds: asa, meanWaitSeconds: asa, abandonRate: 0, occupancy: rho,
            meanQueueLength: traffic.arrivalRatePerSecond * asa)
    }

    /// Erlang A (M/M/n+M; Palm 1946, Garnett, Mandelbaum & Reiman 2002), computed exactly
    /// from the birth–death chain of the number in system (λ; death rate kμ below n,
    /// nμ + jθ with j waiting), summed in log space so that no term over- or underflows.
    ///
    /// A call arriving with j already waiting (PASTA) moves up one place at rate
    /// nμ + (m−1)θ from place m, while its own patience is Exp(θ). Hence, with
    /// r_m = nμ + mθ:
    /// - P(served | j) = ∏_{m=1}^{j+1} r_{m−1}/r_m = nμ / (nμ + (j+1)θ);
    /// - E[W; served | j] = P(served | j) · Σ_{m=1}^{j+1} 1/r_m;
    /// - P(served, W ≤ T | j) = P(served | j) · P(Σ_{m=1}^{j+1} Exp(r_m) ≤ T)
    ///   = P(served | j) · I_p(j+1, nμ/θ + 1), p = 1 − e^{−θT}
    ///   (exponential tilting turns each Exp(r_{m−1}) into Exp(r_m), and the sum of
    ///   Exp(θ(x+m)), m = 1…J, satisfies 1 − e^{−θS} ~ Beta(J, x+1)).
    /// Then P(abandon) = θ·E[queue]/λ and mean wait = E[queue]/λ (Little).
    /// Infinite patience delegates to Erlang C.
    public static func a(_ traffic: Traffic, agents n: Int, targetSeconds t: Double) throws -> QueueMetrics {
        try checkAgents(n)
        try checkTarget(t)
        guard let patience = traffic.patienceSeconds else {
            return try c(traffic, agents: n, targetSeconds: t)
        }
        let lambda = traffic.arrivalRatePerSecond
        let mu = 1 / traffic.ahtSeconds
        let theta = 1 / patience
        let a = traffic.offeredLoadErlangs
        let serviceRate = Double(n) * mu  // nμ

        // Peak of the queue weights q_j = ∏_{i=1}^{j} λ/(nμ + iθ).
        let peakFloat = max(0, ((lambda - serviceRate) / theta).rounded(.down))
        let termLimit = 20_000_000.0
        guard peakFloat < termLimit else { throw StaffingError.queueTooLongForExactSum(expectedQueue: peakFloat) }
        let peak = Int(peakFloat)
        let logLambda = log(lambda)
        var logPeak = 0.0
        if peak > 0 { for i in 1...peak { logPeak += logLambda - log(serviceRate + Double(i) * theta) } }

        let blocked = blocking(agents: n, offeredLoad: a)
        let logInverseB = blocked > 0 ? -log(blocked) : Double.infinity

        // Incomplete beta I_p(J, b) by the recurrence I(J+1) = I(J) − t_J with
        // t_J = p^J (1−p)^b Γ(J+b)/(Γ(J+1)Γ(b)); b = nμ/θ + 1, p = 1 − e^{−θT}.
        let b = serviceRate / theta + 1
        let p = -expm1(-theta * t)
        let logP = log(p)
        var betaInc = -expm1(-b * theta * t)  // I_p(1, b) = 1 − (1−p)^b
        var logTerm = logP - b * theta * t + log(b)  // log t_1

        var sumWait = 0.0, sumQueue = 0.0, sumServed = 0.0, sumServedWait = 0.0, sumServedInTarget = 0.0
        var logQ = 0.0
        var harmonic = 0.0  // Σ_{m=1}^{j+1} 1/r_m
        var j = 0
        while true {
            if j > 0 { logQ += logLambda - log(serviceRate + Double(j) * theta) }
            let w = exp(logQ - logPeak)
            let rNext = serviceRate + Double(j + 1) * theta
            let served = serviceRate / rNext
            harmonic += 1 / rNext
            let inTarget = min(1, max(0, betaInc))
            sumWait += w
            sumQueue += Double(j) * w
            sumServed += w * served
            sumServedWait += w * served * harmonic
            sumServedInTarget += w * served * inTarget
            // Advance I_p(J, b) from J = j+1 to J = j+2.
            betaInc -= exp(logTerm)
            let jj = Double(j + 1)
            logTerm += logP + log(jj + b) - log(jj + 1)
            if j > peak && w < 1e-17 * sumWait { break }
            j += 1
            if Double(j) > termLimit + peakFloat {
                throw StaffingError.queueTooLongForExactSum(expectedQueue: Double(j))
            }
        }
        // Normaliser, scaled by e^{−logPeak}: Σ_{k<n} π_k/π_n + Σ_{j≥0} q_j = 1/B − 1 + Σ q_j.
        let scaledBelow = exp(logInverseB - logPeak) - exp(-logPeak)
        let z = scaledBelow + sumWait
        let pWait = sumWait / z
        let queue = sumQueue / z
        let pServed = (1 - pWait) + sumServed / z
        let sl = (1 - pWait) + sumServedInTarget / z
        let asa = pServed > 0 ? (sumServedWait / z) / pServed : 0
        return QueueMetrics(
            pBlock: blocked, pWait: pWait, serviceLevel: sl,
            serviceLevelAnswered: pServed > 0 ? sl / pServed : 0,
            asaSeconds: asa, meanWaitSeconds: queue / lambda, abandonRate: theta * queue / lambda,
            occupancy: a * pServed / Double(n), meanQueueLength: queue)
    }
}
