/// A kind of shift people may work: when it may start, how long it lasts, its breaks and
/// its cost. Times are minutes after the day's opening.
public struct ShiftTemplate: Sendable, Equatable {
    public var name: String
    /// The allowed start times (minutes after opening).
    public var startMinutes: [Double]
    public var lengthMinutes: Double
    /// Cost of one paid hour of one person.
    public var costPerHour: Double
    public var breaks: [ShiftBreak]
    /// People on this template over all its starts: at least, at most (nil: no bound).
    public var minPeople: Int
    public var maxPeople: Int?

    public init(name: String, startMinutes: [Double], lengthMinutes: Double, costPerHour: Double = 1, breaks: [ShiftBreak] = [],
                minPeople: Int = 0, maxPeople: Int? = nil) {
        self.name = name
        self.startMinutes = startMinutes
        self.lengthMinutes = lengthMinutes
        self.costPerHour = costPerHour
        self.breaks = breaks
        self.minPeople = minPeople
        self.maxPeople = maxPeople
    }

    /// Paid minutes of one shift: its length less its unpaid breaks.
    public var paidMinutes: Double { lengthMinutes - breaks.filter { !$0.paid }.reduce(0) { $0 + $1.minutes } }
}

/// A break within a shift: `minutes` long, starting between `earliestMinutes` and
/// `latestMinutes` after the shift starts, on a grid of `stepMinutes`.
public struct ShiftBreak: Sendable, Equatable {
    public var minutes: Double
    public var paid: Bool
    public var earliestMinutes: Double
    public var latestMinutes: Double
    public var stepMinutes: Double

    public init(minutes: Double, paid: Bool, earliestMinutes: Double, latestMinutes: Double, stepMinutes: Double = 15) {
        self.minutes = minutes
        self.paid = paid
        self.earliestMinutes = earliestMinutes
        self.latestMinutes = latestMinutes
        self.stepMinutes = stepMinutes
    }

    /// The allowed start times of the break, after the shift's start.
    var starts: [Double] {
        guard stepMinutes > 0 else { return [earliestMinutes] }
        return stride(from: earliestMinutes, through: latestMinutes + 1e-9, by: stepMinutes).map { $0 }
    }
}

/// One way to work a template: its start and where each break falls, with the share of
/// each period the person works (present and not on a break). The integer program's
/// columns.
public struct ShiftPattern: Sendable, Equatable {
    public let template: Int
    public let startMinutes: Double
    public let breakStartMinutes: [Double]
    /// [period] → the share of the period worked, in [0, 1].
    public let coverage: [Double]
    public let cost: Double
    public let paidHours: Double

    /// Most start times of one template, and of one break, a scenario may give.
    public static let maximumStarts = 5_000
    /// Most patterns (start × break placement) of one template: the integer program's
    /// columns for a day (a week has one set per day).
    public static let maximumColumns = 50_000

    /// The number of patterns of `template` before equal coverages are merged (an upper
    /// bound of `all`'s count), counted without building them: placements of break i at
    /// start s = the placements of break i − 1 ending by s (prefix sums over sorted starts).
    /// - Complexity: O(starts of the breaks and of the template).
    public static func count(_ template: ShiftTemplate) -> Double {
        var ends: [Double] = [0]      // where the previous break ends (before the first: the shift's start)
        var counts: [Double] = [1]
        for rule in template.breaks {
            let starts = rule.starts.filter { $0 >= 0 && $0 + rule.minutes <= template.lengthMinutes }
            var next: [Double] = [], running = 0.0, p = 0
            for s in starts {
                while p < ends.count && ends[p] <= s { running += counts[p]; p += 1 }
                next.append(running)
            }
            ends = starts.map { $0 + rule.minutes }
            counts = next
        }
        return counts.reduce(0, +) * Double(template.startMinutes.count)
    }

    /// Every pattern of `templates` over a day of `periods` periods of `periodMinutes`:
    /// each start × each placement of the breaks (in order, not overlapping, within the
    /// shift), less placements that cover the periods exactly as an earlier one of the same
    /// start does (two 15-minute breaks at :00 and :15 of one 30-minute period are the same
    /// column: keeping both only multiplies the integer program's symmetric solutions).
    /// Work outside the day covers nothing but is paid.
    public static func all(_ templates: [ShiftTemplate], periods: Int, periodMinutes: Double) -> [ShiftPattern] {
        var out: [ShiftPattern] = []
        for (t, template) in templates.enumerated() {
            var placements: [[Double]] = [[]]
            for rule in template.breaks {
                placements = placements.flatMap { placed in
                    rule.starts.compactMap { s -> [Double]? in
                        if let last = placed.last, let previous = template.breaks[safe: placed.count - 1], s < last + previous.minutes { return nil }
                        guard s >= 0, s + rule.minutes <= template.lengthMinutes else { return nil }
                        return placed + [s]
                    }
                }
            }
            for start in template.startMinutes {
                var seen = Set<[Double]>()
                for placement in placements {
                    var coverage = [Double](repeating: 0, count: periods)
                    // Working intervals: the shift less its breaks, in minutes after opening.
                    var pieces: [(Double, Double)] = []
                    var from = start
                    for (b, s) in placement.enumerated() {
                        pieces.append((from, start + s))
                        from = start + s + template.breaks[b].minutes
                    }
                    pieces.append((from, start + template.lengthMinutes))
                    for (a, b) in pieces where b > a {
                        let first = max(0, Int((a / periodMinutes).rounded(.down)))
                        let last = min(periods - 1, Int(((b - 1e-9) / periodMinutes).rounded(.down)))
                        guard first <= last else { continue }
                        for k in first...last {
                            let lo = max(a, Double(k) * periodMinutes), hi = min(b, Double(k + 1) * periodMinutes)
                            if hi > lo { coverage[k] += (hi - lo) / periodMinutes }
                        }
                    }
                    guard seen.insert(coverage).inserted else { continue }
                    let hours = template.paidMinutes / 60
                    out.append(ShiftPattern(template: t, startMinutes: start, breakStartMinutes: placement, coverage: coverage,
                                            cost: hours * template.costPerHour, paidHours: hours))
                }
            }
        }
        return out
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
