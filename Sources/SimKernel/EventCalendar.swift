/// The simulation clock and the pending-event set (future event list).
///
/// Events are ordered by the key (time, sequence), where `sequence` is a calendar-wide
/// counter assigned at scheduling: events at equal times fire in the order they were
/// scheduled, so runs are reproducible bit for bit. The clock (`now`) is the time of the
/// last event taken and never goes backwards (scheduling in the past traps).
///
/// Storage is a binary min-heap in one contiguous array, reused for the whole run: no
/// allocation per event once the array has grown to the peak number of pending events.
/// - Complexity: `schedule` and `next` are O(log n) in the number of pending events;
///   `nextTime`, `count` are O(1).
public struct EventCalendar<Event> {
    @usableFromInline
    struct Entry {
        @usableFromInline var time: Double
        @usableFromInline var sequence: UInt64
        @usableFromInline var event: Event

        @inlinable init(time: Double, sequence: UInt64, event: Event) {
            self.time = time
            self.sequence = sequence
            self.event = event
        }

        @inlinable @inline(__always)
        func precedes(_ other: Entry) -> Bool {
            time < other.time || (time == other.time && sequence < other.sequence)
        }
    }

    @usableFromInline var heap: ContiguousArray<Entry>
    @usableFromInline var nextSequence: UInt64 = 0
    @usableFromInline var currentTime: Double
    @usableFromInline var taken: UInt64 = 0
    /// The simulation time of the event being handled (seconds).
    @inlinable public var now: Double { currentTime }
    /// Events taken with `next()` so far.
    @inlinable public var eventsTaken: UInt64 { taken }

    public init(startTime: Double = 0, reservingCapacity capacity: Int = 64) {
        precondition(startTime.isFinite, "start time must be finite")
        currentTime = startTime
        heap = []
        heap.reserveCapacity(capacity)
    }

    /// Number of pending events (stale, lazily cancelled ones included).
    @inlinable public var count: Int { heap.count }
    @inlinable public var isEmpty: Bool { heap.isEmpty }
    /// Time of the earliest pending event.
    @inlinable public var nextTime: Double? { heap.first?.time }

    /// Schedules `event` at absolute time `time` ≥ `now`.
    @inlinable
    public mutating func schedule(_ event: Event, at time: Double) {
        precondition(time >= now, "cannot schedule an event in the past (at \(time), now \(now))")
        precondition(time.isFinite, "event time must be finite")
        let entry = Entry(time: time, sequence: nextSequence, event: event)
        nextSequence &+= 1
        heap.append(entry)
        siftUp(from: heap.count - 1, entry)
    }

    /// Schedules `event` after `delay` ≥ 0 seconds.
    @inlinable
    public mutating func schedule(_ event: Event, after delay: Double) {
        schedule(event, at: now + delay)
    }

    /// Removes the earliest event, advances the clock to its time and returns it.
    @inlinable
    public mutating func next() -> Event? {
        guard let first = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty { siftDown(last) }
        // Monotone by construction (heap order + no scheduling in the past).
        currentTime = first.time
        taken &+= 1
        return first.event
    }

    /// Moves the clock forward to `time` without taking an event (e.g. to close a
    /// measurement window). Traps when `time` precedes `now` or a pending event.
    public mutating func advance(to time: Double) {
        precondition(time >= now, "time never goes backwards (to \(time), now \(now))")
        precondition(nextTime.map { time <= $0 } ?? true, "cannot skip over a pending event")
        currentTime = time
    }

    @inlinable @inline(__always)
    mutating func siftUp(from start: Int, _ entry: Entry) {
        var child = start
        heap.withUnsafeMutableBufferPointer { h in
            while child > 0 {
                let parent = (child - 1) >> 1
                if !entry.precedes(h[parent]) { break }
                h[child] = h[parent]
                child = parent
            }
            h[child] = entry
        }
    }

    /// Places `entry` (the former last element) starting from the root's hole.
    @inlinable @inline(__always)
    mutating func siftDown(_ entry: Entry) {
        heap.withUnsafeMutableBufferPointer { h in
            let n = h.count
            var hole = 0
            while true {
                var child = 2 * hole + 1
                if child >= n { break }
                if child + 1 < n && h[child + 1].precedes(h[child]) { child += 1 }
                if !h[child].precedes(entry) { break }
                h[hole] = h[child]
                hole = child
            }
            h[hole] = entry
        }
    }
}
