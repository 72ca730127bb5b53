/// The simulation clock and the pending-event set (future event list).
///
/// Events are ordered by the key (time, sequence), where `sequence` is a calendar-wide
/// counter assigned at scheduling: events at equal times fire in the order they were
/// scheduled, so runs are reproducible bit for bit. The clock (`now`) is the time of the
/// last event taken and never goes backwards (scheduling in the past traps).
///
/// Storage is a 4-ary min-heap in one contiguous array, reused for the whole run: no
/// allocation per event once the array has grown to the peak number of pending events.
/// Beside the heap, *sources*: a source (e.g. one call type's arrival process) has at most
/// one pending event at a time, kept in its own slot and never in the heap, so that the
/// event every call brings (the next arrival) costs no heap insertion and removal. Source
/// events carry a sequence number from the same counter and are taken in the same
/// (time, sequence) order: moving an event to a source changes no result.
/// - Complexity: `schedule` and `next` are O(log n) in the number of pending events, plus
///   O(s) in the number of sources when a source's event is taken; `nextTime`, `count` O(1).
public struct EventCalendar<Event> {
    /// A pending event and its order key: (time, sequence) packed into one unsigned 128-bit
    /// number, the time's bits mapped so that unsigned order is the order of the times
    /// (IEEE 754 total order: flip every bit of a negative time, the sign bit of another;
    /// −0 is +0 first). One integer comparison orders two events.
    @usableFromInline
    struct Entry {
        @usableFromInline var key: UInt128
        @usableFromInline var event: Event

        @inlinable @inline(__always) init(time: Double, sequence: UInt64, event: Event) {
            let bits = (time + 0).bitPattern
            let ordered = bits >> 63 == 0 ? bits | (1 << 63) : ~bits
            key = UInt128(ordered) << 64 | UInt128(sequence)
            self.event = event
        }

        @inlinable var time: Double {
            let ordered = UInt64(truncatingIfNeeded: key >> 64)
            return Double(bitPattern: ordered >> 63 == 1 ? ordered & ~(1 << 63) : ~ordered)
        }

        @inlinable @inline(__always)
        func precedes(_ other: Entry) -> Bool { key < other.key }
    }

    @usableFromInline var heap: ContiguousArray<Entry>
    /// Source s's pending event (nil: none); the earliest of them (nil: none) and its source.
    @usableFromInline var sourceEntries: ContiguousArray<Entry?> = []
    @usableFromInline var earliestSourceEntry: Entry?
    @usableFromInline var earliestSource = -1
    /// Pending source events.
    @usableFromInline var sourceCount = 0
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
    @inlinable public var count: Int { heap.count + sourceCount }
    @inlinable public var isEmpty: Bool { heap.isEmpty && sourceCount == 0 }
    /// Time of the earliest pending event.
    @inlinable public var nextTime: Double? {
        guard let sourceTime = earliestSourceEntry?.time else { return heap.first?.time }
        guard let heapTime = heap.first?.time else { return sourceTime }
        return min(sourceTime, heapTime)
    }

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

    /// Schedules `event` at absolute time `time` ≥ `now` as source `source`'s pending event
    /// (0 ≤ source; the source has no pending event: it schedules its next one when its
    /// last one is taken).
    @inlinable
    public mutating func schedule(_ event: Event, at time: Double, source: Int) {
        precondition(time >= now, "cannot schedule an event in the past (at \(time), now \(now))")
        precondition(time.isFinite, "event time must be finite")
        precondition(source >= 0, "a source is a non-negative number")
        if sourceEntries.count <= source { sourceEntries += repeatElement(nil, count: source + 1 - sourceEntries.count) }
        precondition(sourceEntries[source] == nil, "a source has one pending event at a time")
        let entry = Entry(time: time, sequence: nextSequence, event: event)
        nextSequence &+= 1
        sourceEntries[source] = entry
        sourceCount += 1
        if earliestSourceEntry.map({ entry.precedes($0) }) ?? true {
            earliestSourceEntry = entry
            earliestSource = source
        }
    }

    /// Schedules `event` after `delay` ≥ 0 seconds.
    @inlinable
    public mutating func schedule(_ event: Event, after delay: Double) {
        schedule(event, at: now + delay)
    }

    /// Removes the earliest event, advances the clock to its time and returns it.
    @inlinable
    public mutating func next() -> Event? { next(notAfter: .infinity) }

    /// Removes the earliest event if its time is at most `latest`, advances the clock to
    /// its time and returns it; nil when no event is pending or the earliest is later.
    @inlinable
    public mutating func next(notAfter latest: Double) -> Event? {
        if let entry = earliestSourceEntry {
            if heap.isEmpty || entry.precedes(heap[0]) {
                let time = entry.time
                if time > latest { return nil }
                takeSourceEvent()
                currentTime = time
                taken &+= 1
                return entry.event
            }
        }
        guard let first = heap.first else { return nil }
        let time = first.time
        if time > latest { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty { siftDown(last) }
        // Monotone by construction (heap order + no scheduling in the past).
        currentTime = time
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

    /// Empties the earliest source's slot and finds the next earliest.
    @inlinable @inline(__always)
    mutating func takeSourceEvent() {
        sourceEntries[earliestSource] = nil
        sourceCount -= 1
        earliestSourceEntry = nil
        earliestSource = -1
        guard sourceCount > 0 else { return }
        for s in sourceEntries.indices {
            guard let entry = sourceEntries[s] else { continue }
            if earliestSourceEntry.map({ entry.precedes($0) }) ?? true {
                earliestSourceEntry = entry
                earliestSource = s
            }
        }
    }

    @inlinable @inline(__always)
    mutating func siftUp(from start: Int, _ entry: Entry) {
        var child = start
        heap.withUnsafeMutableBufferPointer { h in
            while child > 0 {
                let parent = (child &- 1) >> 2
                if !entry.precedes(h[parent]) { break }
                h[child] = h[parent]
                child = parent
            }
            h[child] = entry
        }
    }

    /// Index of the earliest of `first` and the next three, without a branch.
    @inlinable @inline(__always)
    static func earliestOfFour(_ h: UnsafeMutableBufferPointer<Entry>, _ first: Int) -> Int {
        let a = first &+ Int(truncatingIfNeeded: unsafeBitCast(h[first &+ 1].key < h[first].key, to: UInt8.self))
        let b = first &+ 2 &+ Int(truncatingIfNeeded: unsafeBitCast(h[first &+ 3].key < h[first &+ 2].key, to: UInt8.self))
        return h[b].key < h[a].key ? b : a
    }

    /// Fills the root's hole with `entry` (the former last element), bottom-up (Floyd):
    /// the hole descends along the earliest child to a leaf, then `entry` rises from there
    /// (rarely more than a level: it came from the bottom). The heap is 4-ary (children of
    /// i: 4i+1…4i+4): half the levels of a binary heap, and the earliest of four is picked
    /// without branches (which child is earliest cannot be predicted).
    @inlinable @inline(__always)
    mutating func siftDown(_ entry: Entry) {
        heap.withUnsafeMutableBufferPointer { h in
            let n = h.count
            var hole = 0
            var child = 1
            // (Indices stay below the count: unchecked arithmetic.)
            while child &+ 3 < n {
                child = Self.earliestOfFour(h, child)
                h[hole] = h[child]
                hole = child
                child = hole &<< 2 &+ 1
            }
            if child < n {  // fewer than four children at the bottom
                var earliest = child
                for c in (child &+ 1)..<n where h[c].key < h[earliest].key { earliest = c }
                h[hole] = h[earliest]
                hole = earliest
            }
            while hole > 0 {
                let parent = (hole &- 1) >> 2
                if !entry.precedes(h[parent]) { break }
                h[hole] = h[parent]
                hole = parent
            }
            h[hole] = entry
        }
    }
}
