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

/// Bounds a run: simulated time (the models bound the number of calls themselves).
public struct RunLimits: Sendable, Equatable {
    public var maxTime: Double
    public init(maxTime: Double = .infinity) {
        self.maxTime = maxTime
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
}

extension EventCalendar {
    /// The run loop: takes events in (time, sequence) order and hands them to `model`
    /// until the calendar is empty, the model is finished, or the time limit is reached.
    @inlinable
    public mutating func run<Model: DiscreteEventModel>(
        _ model: inout Model, limits: RunLimits = RunLimits()
    ) -> StopReason where Model.Event == Event {
        while true {
            if model.isFinished { return .modelFinished }
            guard let event = next(notAfter: limits.maxTime) else { return isEmpty ? .calendarEmpty : .timeLimit }
            model.handle(event, calendar: &self)
        }
    }
}
