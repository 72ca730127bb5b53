import SimKernel
import Stochastic

/// One replication of a day plan paused at the start of a period, so that the periods
/// ahead can be simulated under several staffings from the same state. Simulation-based
/// staffing settles periods in time order: with a checkpoint per day, the settled part of
/// a day is simulated once, not once per candidate of every later period.
///
/// A continuation draws exactly the numbers a run of the whole day from time 0 would
/// (same streams, same positions): the paused model shares its `RandomStream` objects
/// with its continuations, and each of them first puts every stream back where it was at
/// the pause. So a continuation's counters equal those of `CenterModel.simulate` on the
/// same plan closed after the same period (tested bit for bit). Not thread-safe: one
/// thread works on one day (one checkpoint and its continuations) at a time.
/// - Complexity: a continuation copies the model's arrays (calls in progress, pending
///   events, counters) once, then costs what simulating its periods costs.
public struct DayCheckpoint {
    var model: CenterModel
    var calendar: EventCalendar<CenterModel.Event>
    let config: CenterConfig
    /// Every stream's state at the pause (the model's streams in order, then each call
    /// type's IVR blocks). Caller blocks (redials, callbacks) are positioned afresh at
    /// every use and have no state to keep.
    var randomState: [[UInt64]]
    /// The period that starts at the pause (0: the day has not begun).
    public private(set) var period = 0

    /// Replication `replication` of a day plan with one agent group, paused at time 0.
    public init(config: CenterConfig, seed: UInt64, replication: UInt64) {
        precondition(config.day != nil, "a day checkpoint needs a day plan")
        precondition(config.groups.count == 1, "a day checkpoint staffs one agent group")
        self.config = config
        (model, calendar) = CenterModel.prepare(config, seed: seed, replication: replication)
        randomState = []
        randomState = savedRandomState()
    }

    /// The number of periods of the day.
    public var periodCount: Int { config.day!.count }

    /// Simulates the paused period with `agents` agents and pauses again at the start of
    /// the next one (the next period's staffing is chosen later, by `advance` or `finish`).
    public mutating func advance(agents: Int) {
        precondition(period < periodCount - 1, "the last period has nothing after it to pause at")
        restoreRandomState()
        staff([agents])
        let next = Double(period + 1) * config.day!.periodSeconds
        // Events at exactly the next period's start belong after the pause (its start first).
        _ = calendar.run(&model, limits: RunLimits(maxTime: next.nextDown))
        period += 1
        randomState = savedRandomState()
    }

    /// Continues a copy of the day with `agents[j]` agents in period `period + j` and closes
    /// it after the last of them: no arrival after that period's end, and its agents serve
    /// (or callers abandon) the calls left. Returns the copy's counters; `self` stays paused.
    public func finish(agents: [Int]) -> CenterCounters {
        precondition(!agents.isEmpty && period + agents.count <= periodCount, "one head count per period, within the day")
        var copy = self
        copy.restoreRandomState()
        copy.staff(agents)
        let last = period + agents.count - 1
        if last < periodCount - 1 {
            copy.model.closeDay(afterPeriod: last, calendar: &copy.calendar)
        }
        copy.model.runToEnd(calendar: &copy.calendar, config: config)
        return copy.model.counters
    }

    /// Sets the head count of the periods from the paused one on (none has started yet;
    /// the first period is started again at time 0 with its new head count).
    mutating func staff(_ agents: [Int]) {
        for (j, n) in agents.enumerated() {
            model.day!.agentsByGroup[0][period + j] = n
            if !model.day!.partialAgentShareByGroup.isEmpty { model.day!.partialAgentShareByGroup[0][period + j] = 0 }
            model.recorder.counters.periods[period + j].agents = Double(n)
        }
        if period == 0 { model.startPeriod(0, calendar: &calendar) }
    }

    func savedRandomState() -> [[UInt64]] {
        model.streams.map(\.state) + model.ivrBlocks.map(\.checkpoint)
    }

    func restoreRandomState() {
        for (stream, state) in zip(model.streams, randomState) { stream.restore(state: state) }
        for (k, blocks) in model.ivrBlocks.enumerated() { blocks.restore(randomState[model.streams.count + k]) }
    }
}

extension CenterModel {
    /// Day plan: the center takes no call after the end of period `last`; later periods
    /// are dropped (the agents of `last` stay to serve the calls left).
    mutating func closeDay(afterPeriod last: Int, calendar: inout EventCalendar<Event>) {
        guard var plan = day, last < plan.count - 1 else { return }
        plan.agentsByGroup = plan.agentsByGroup.map { Array($0[0...last]) }
        plan.partialAgentShareByGroup = plan.partialAgentShareByGroup.map { Array($0[0...last]) }
        plan.arrivalsPerHour = plan.arrivalsPerHour.map { Array($0[0...last]) }
        day = plan
        recorder.counters.periods.removeLast(recorder.counters.periods.count - last - 1)
        recorder.counters.periodLabels.removeLast(recorder.counters.periodLabels.count - last - 1)
        calendar.schedule(.arrivalsClose, at: plan.lengthSeconds)
    }
}
