/// A model driven by the run loop: one exhaustive `switch` over its event enum.
public protocol DiscreteEventModel {
    associatedtype Event
    /// Handles one event at `calendar.now`; may schedule further events.
    mutating func handle(_ event: Event, calendar: inout EventCalendar<Event>)
    /// True once the model wants the run to end (checked after every event).
    var isFinished: Bool { get }
}

extension DiscreteEventModel {
    public var isFinished: Bool { false }
}

/// Bounds every run: simulated time and number of events.
public struct RunLimits: Sendable, Equatable {
    public var maxTime: Double
    public var maxEvents: UInt64
    public init(maxTime: Double = .infinity, maxEvents: UInt64 = .max) {
        self.maxTime = maxTime
        self.maxEvents = maxEvents
    }
}

/// Why a run stopped.
public enum StopReason: Sendable, Equatable {
    /// No pending event left.
    case calendarEmpty
    /// The model said it is finished.
    case modelFinished
    /// The next event lies beyond `RunLimits.maxTime` (it stays pending).
    case timeLimit
    /// `RunLimits.maxEvents` events were handled.
    case eventLimit
}

extension EventCalendar {
    /// The run loop: takes events in (time, sequence) order and hands them to `model`
    /// until the calendar is empty, the model is finished, or a limit is reached.
    @inlinable
    public mutating func run<Model: DiscreteEventModel>(
        _ model: inout Model, limits: RunLimits = RunLimits()
    ) -> StopReason where Model.Event == Event {
        var handled: UInt64 = 0
        while true {
            if model.isFinished { return .modelFinished }
            guard let time = nextTime else { return .calendarEmpty }
            if time > limits.maxTime { return .timeLimit }
            if handled >= limits.maxEvents { return .eventLimit }
            let event = next()!
            model.handle(event, calendar: &self)
            handled &+= 1
        }
    }
}
