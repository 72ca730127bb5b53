import Measures

/// How a metric reads, for every table, report, plot and baseline: nothing downstream
/// guesses it from the name.
public enum MetricKind: Sendable, Equatable {
    /// A number of calls or events (whole numbers).
    case count
    /// A share, numerator ≤ denominator in the usual case, shown in % (differences in
    /// percentage points).
    case rate
    /// A time in seconds.
    case seconds
    /// A mean number over time (agents, callers waiting or in the IVR), a maximum, or a
    /// head count: shown with a decimal.
    case level
}

/// One metric, declared once (`MetricCatalogue.swift` holds every declaration): its stable
/// name (PRODUCT.md, "Metric names"; scripts and baselines depend on it), how it reads,
/// and its definition as numerator ÷ denominator on each view it has. A replication keeps
/// the numerator and the denominator (`Fraction`); replications combine as a ratio of sums.
///
/// Views: `overQueue` on a `QueueTally` (the center, each call type, each period: calls
/// counted where they arrived), `overCenter` on a whole replication's `CenterCounters`
/// (figures only the center has: IVR, lines, agent time, quantiles; nil where the model
/// lacks what it measures), `overPeriod` on one period of a day (its own time: agents,
/// occupancy, ports). Where a metric has a queue definition, every queue view uses it.
public struct Metric: Sendable {
    public let name: String
    public let kind: MetricKind
    /// Its name in words, for axes and captions ("service level", "ASA").
    public let title: String
    /// The definition in words, as PRODUCT.md states it.
    public let definition: String
    let overQueue: (@Sendable (QueueTally) -> Fraction)?
    let overCenter: (@Sendable (CenterCounters) -> Fraction?)?
    let overPeriod: (@Sendable (PeriodCounters, _ periodSeconds: Double) -> Fraction?)?

    init(_ name: String, _ kind: MetricKind, _ definition: String, title: String? = nil,
         queue: (@Sendable (QueueTally) -> Fraction)? = nil,
         center: (@Sendable (CenterCounters) -> Fraction?)? = nil,
         period: (@Sendable (PeriodCounters, Double) -> Fraction?)? = nil) {
        self.name = name
        self.kind = kind
        self.title = title ?? name.replacingOccurrences(of: "_seconds", with: "").replacingOccurrences(of: "_", with: " ")
        self.definition = definition
        self.overQueue = queue
        self.overCenter = center
        self.overPeriod = period
    }

    /// Its value on a queue view (nil: not a queue metric).
    public func value(_ tally: QueueTally) -> Fraction? { overQueue?(tally) }

    /// Its value for a whole replication: the queue definition on the center's tally, or
    /// the center's own (nil where it does not apply).
    public func value(_ counters: CenterCounters) -> Fraction? {
        overQueue.map { $0(counters.queue) } ?? overCenter?(counters)
    }

    /// Its value in one period of a day: the period's own definition, else the queue
    /// definition on the period's calls.
    public func value(_ period: PeriodCounters, periodSeconds: Double) -> Fraction? {
        overPeriod.map { $0(period, periodSeconds) } ?? overQueue.map { $0(period.queue) }
    }

    /// The catalogue entry a metric name refers to: its own name, or, for a breakdown
    /// (`vip.service_level`, `senior.occupancy`, `ivr.menu.calls_mean`), the part after the
    /// last dot.
    public static func named(_ name: String) -> Metric? {
        byName[name] ?? name.lastIndex(of: ".").flatMap { byName[String(name[name.index(after: $0)...])] }
    }

    /// How `name` reads (`named`); a name outside the catalogue reads as a rate.
    public static func kind(of name: String) -> MetricKind { named(name)?.kind ?? .rate }

    /// Its title with its unit, for an axis: "service level (%)", "ASA (s)".
    public var axisLabel: String {
        switch kind {
        case .rate: title + " (%)"
        case .seconds: title + " (s)"
        case .count, .level: title
        }
    }

    static let byName: [String: Metric] = Dictionary(uniqueKeysWithValues: catalogue.map { ($0.name, $0) })
}
