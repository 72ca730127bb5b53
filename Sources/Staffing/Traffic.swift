/// Offered traffic to one agent pool: Poisson arrivals, exponential handling times, and
/// (for Erlang A) exponential patience. Units: calls per hour and seconds.
public struct Traffic: Sendable, Equatable {
    public let callsPerHour: Double
    public let ahtSeconds: Double
    /// Mean patience in seconds; nil means infinitely patient callers (Erlang C).
    public let patienceSeconds: Double?

    /// Checks every number; throws `StaffingError.invalidInput` listing each problem.
    public init(callsPerHour: Double, ahtSeconds: Double, patienceSeconds: Double? = nil) throws {
        var problems: [String] = []
        if !(callsPerHour.isFinite && callsPerHour > 0) {
            problems.append("calls-per-hour: must be a positive finite number (got \(callsPerHour))")
        }
        if !(ahtSeconds.isFinite && ahtSeconds > 0) {
            problems.append("aht-seconds: must be a positive finite number (got \(ahtSeconds))")
        }
        if let p = patienceSeconds, !(p > 0) || p.isNaN {
            problems.append("patience-seconds: must be a positive number or infinity (got \(p))")
        }
        let load = callsPerHour / 3600 * ahtSeconds
        if problems.isEmpty && !(load.isFinite && load <= Self.maxOfferedLoadErlangs) {
            problems.append("calls-per-hour × aht-seconds: the offered load must be at most "
                + "\(formatDecimal(Self.maxOfferedLoadErlangs)) Erlangs (got \(formatDecimal(load)))")
        }
        if !problems.isEmpty { throw StaffingError.invalidInput(problems) }
        self.callsPerHour = callsPerHour
        self.ahtSeconds = ahtSeconds
        self.patienceSeconds = patienceSeconds.flatMap { $0.isInfinite ? nil : $0 }
    }

    /// Largest offered load accepted (Erlangs): far above any real center, small enough
    /// that every formula stays finite.
    public static let maxOfferedLoadErlangs = 1e8

    /// Arrival rate λ per second.
    public var arrivalRatePerSecond: Double { callsPerHour / 3600 }
    /// Offered load a = λ · AHT in Erlangs.
    public var offeredLoadErlangs: Double { arrivalRatePerSecond * ahtSeconds }
}

public enum StaffingError: Error, Equatable, CustomStringConvertible {
    case invalidInput([String])
    /// Erlang C has no steady state when the load is at least the number of agents.
    case unstable(offeredLoadErlangs: Double, agents: Int)
    /// Erlang A's exact sum would need more than 2·10^7 queue states: the pool is
    /// overloaded by callers so patient that the expected queue is astronomically long.
    case queueTooLongForExactSum(expectedQueue: Double)
    /// No number of agents up to the limit meets the goal.
    case goalUnreachable(String)

    public var description: String {
        switch self {
        case .invalidInput(let problems): return problems.joined(separator: "\n")
        case .unstable(let load, let agents):
            return "unstable: offered load \(formatDecimal(load)) Erlangs ≥ \(agents) agents; "
                + "with infinitely patient callers the queue grows without bound (Erlang C has no steady state)"
        case .queueTooLongForExactSum(let queue):
            return "patience-seconds: the expected queue (about \(formatDecimal(queue)) calls) is too long for the exact "
                + "Erlang A sum; the system is overloaded with very patient callers"
        case .goalUnreachable(let why): return "goal unreachable: \(why)"
        }
    }
}

/// Locale-free short decimal for messages.
func formatDecimal(_ x: Double) -> String {
    guard x.isFinite, abs(x) < 1e15 else { return x.description }
    let rounded = (x * 1000).rounded() / 1000
    return rounded == rounded.rounded() ? String(Int64(rounded)) : String(rounded)
}

func checkAgents(_ agents: Int) throws {
    if agents < 1 { throw StaffingError.invalidInput(["agents: must be an integer ≥ 1 (got \(agents))"]) }
    if agents > 1_000_000 { throw StaffingError.invalidInput(["agents: must be at most 1000000 (got \(agents))"]) }
}

func checkTarget(_ t: Double) throws {
    if !(t.isFinite && t >= 0) {
        throw StaffingError.invalidInput(["target-seconds: must be a finite number ≥ 0 (got \(t))"])
    }
}
