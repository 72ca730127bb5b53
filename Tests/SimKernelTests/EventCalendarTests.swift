import XCTest
@testable import SimKernel

final class EventCalendarTests: XCTestCase {
    /// Exact trace: events leave in time order; equal times in scheduling order.
    func testOrderIsTimeThenSchedulingSequence() {
        var calendar = EventCalendar<String>()
        calendar.schedule("c@5", at: 5)
        calendar.schedule("a@1", at: 1)
        calendar.schedule("d@5", at: 5)
        calendar.schedule("b@3", at: 3)
        calendar.schedule("e@5", at: 5)
        var trace: [String] = []
        var times: [Double] = []
        while let e = calendar.next() {
            trace.append(e)
            times.append(calendar.now)
            if e == "b@3" { calendar.schedule("f@5", at: 5) }  // scheduled later than c, d, e
        }
        XCTAssertEqual(trace, ["a@1", "b@3", "c@5", "d@5", "e@5", "f@5"])
        XCTAssertEqual(times, [1, 3, 5, 5, 5, 5])
        XCTAssertEqual(calendar.eventsTaken, 6)
    }

    /// Zero delay at the current time fires after the events already due now.
    func testZeroDelayGoesBehindEventsAlreadyDue() {
        var calendar = EventCalendar<Int>()
        calendar.schedule(1, at: 2)
        calendar.schedule(2, at: 2)
        XCTAssertEqual(calendar.next(), 1)
        calendar.schedule(3, after: 0)
        XCTAssertEqual([calendar.next(), calendar.next()], [2, 3])
        XCTAssertNil(calendar.next())
        XCTAssertEqual(calendar.now, 2)
    }

    /// The heap agrees with a stable sort on (time, sequence) over many interleaved
    /// operations, and the clock never decreases.
    func testHeapMatchesStableSortUnderInterleaving() {
        var calendar = EventCalendar<Int>()
        var pending: [(time: Double, id: Int)] = []
        var state: UInt64 = 12345
        func nextInt(_ bound: Int) -> Int {  // a fixed LCG: the test needs no randomness source
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var id = 0
        var popped: [Int] = []
        var expected: [Int] = []
        var lastTime = 0.0
        for _ in 0..<5_000 {
            if nextInt(3) > 0 || pending.isEmpty {
                let t = calendar.now + Double(nextInt(50))  // many ties
                calendar.schedule(id, at: t)
                pending.append((t, id))
                id += 1
            } else {
                let best = pending.indices.min { (pending[$0].time, pending[$0].id) < (pending[$1].time, pending[$1].id) }!
                expected.append(pending.remove(at: best).id)
                popped.append(calendar.next()!)
                XCTAssertGreaterThanOrEqual(calendar.now, lastTime)
                lastTime = calendar.now
            }
        }
        XCTAssertEqual(popped, expected)
    }

    /// Source events (one pending per source, outside the heap) leave in the same
    /// (time, sequence) order as if they were in the heap: 3 sources rescheduling
    /// themselves among heap events, with many ties, against a stable sort.
    func testSourcesTakeTheSameOrderAsTheHeap() {
        var calendar = EventCalendar<Int>()
        var pending: [(time: Double, id: Int)] = []
        var state: UInt64 = 777
        func nextInt(_ bound: Int) -> Int {  // a fixed LCG
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var id = 0
        func add(_ time: Double, source: Int?) {
            if let source { calendar.schedule(id, at: time, source: source) } else { calendar.schedule(id, at: time) }
            pending.append((time, id))
            id += 1
        }
        var sourceOf: [Int: Int] = [:]  // event id → its source
        for s in 0..<3 {
            sourceOf[id] = s
            add(Double(nextInt(20)), source: s)
        }
        var popped: [Int] = [], expected: [Int] = []
        for _ in 0..<6_000 {
            if nextInt(2) == 0 { add(calendar.now + Double(nextInt(20)), source: nil) }
            XCTAssertEqual(calendar.count, pending.count)
            let best = pending.indices.min { (pending[$0].time, pending[$0].id) < (pending[$1].time, pending[$1].id) }!
            XCTAssertEqual(calendar.nextTime, pending[best].time)
            expected.append(pending.remove(at: best).id)
            let event = calendar.next()!
            popped.append(event)
            if let s = sourceOf[event] {  // the source schedules its next event
                sourceOf[id] = s
                add(calendar.now + Double(nextInt(20)), source: s)
            }
        }
        XCTAssertEqual(popped, expected)
        XCTAssertEqual(Set(popped.compactMap { sourceOf[$0] }), [0, 1, 2])
    }

    /// Negative and mixed-sign times order correctly (the key maps the IEEE order), and
    /// `next(notAfter:)` leaves a later event pending, from the heap or a source.
    func testNegativeTimesAndTakingUpToATime() {
        var calendar = EventCalendar<String>(startTime: -100)
        calendar.schedule("b", at: -0.5)
        calendar.schedule("a", at: -50, source: 0)
        calendar.schedule("d", at: 3)
        calendar.schedule("c", at: -0.0)
        XCTAssertEqual(calendar.next(), "a")
        XCTAssertEqual(calendar.now, -50)
        XCTAssertEqual(calendar.next(notAfter: -1), nil)
        XCTAssertEqual(calendar.next(), "b")
        XCTAssertEqual(calendar.next(), "c")
        XCTAssertEqual(calendar.now, 0)
        calendar.schedule("e", at: 2, source: 0)
        XCTAssertEqual(calendar.next(notAfter: 1), nil)
        XCTAssertEqual(calendar.count, 2)
        XCTAssertEqual(calendar.next(notAfter: 2), "e")
        XCTAssertEqual(calendar.next(notAfter: 2.5), nil)
        XCTAssertFalse(calendar.isEmpty)
        XCTAssertEqual(calendar.next(notAfter: 3), "d")
        XCTAssertTrue(calendar.isEmpty)
        XCTAssertNil(calendar.nextTime)
    }

    func testAdvanceMovesTheClockWithoutAnEvent() {
        var calendar = EventCalendar<Int>(startTime: 10)
        calendar.schedule(1, at: 30)
        calendar.advance(to: 20)
        XCTAssertEqual(calendar.now, 20)
        XCTAssertEqual(calendar.next(), 1)
        XCTAssertEqual(calendar.now, 30)
    }
}

final class RunLoopAndCancellationTests: XCTestCase {
    /// A toy model: a job holds a slot; its timeout is cancelled lazily when it finishes.
    struct TimeoutModel: DiscreteEventModel {
        enum Event { case start(Double, timeout: Double), finish(SlotHandle), timeout(SlotHandle) }
        var slab = Slab<String>()
        var log: [String] = []
        var stopAfter = Int.max

        mutating func handle(_ event: Event, calendar: inout EventCalendar<Event>) {
            switch event {
            case .start(let work, let timeout):
                let h = slab.insert("job\(log.count)")
                log.append("start \(slab[h]) @\(calendar.now)")
                calendar.schedule(.finish(h), after: work)
                calendar.schedule(.timeout(h), after: timeout)
            case .finish(let h):
                guard slab.isCurrent(h) else { log.append("stale finish @\(calendar.now)"); return }
                log.append("finish \(slab[h]) @\(calendar.now)")
                slab.remove(h)
            case .timeout(let h):
                guard slab.isCurrent(h) else { log.append("stale timeout @\(calendar.now)"); return }
                log.append("timeout \(slab[h]) @\(calendar.now)")
                slab.remove(h)
            }
        }

        var isFinished: Bool { log.count >= stopAfter }
    }

    func testLazyCancellationTrace() {
        var calendar = EventCalendar<TimeoutModel.Event>()
        var model = TimeoutModel()
        calendar.schedule(.start(5, timeout: 8), at: 0)   // finishes first
        calendar.schedule(.start(10, timeout: 4), at: 1)  // times out first
        XCTAssertEqual(calendar.run(&model), .calendarEmpty)
        XCTAssertEqual(model.log, [
            "start job0 @0.0", "start job1 @1.0", "finish job0 @5.0", "timeout job1 @5.0",
            "stale timeout @8.0", "stale finish @11.0",
        ])
        XCTAssertEqual(model.slab.count, 0)
    }

    /// A slot reused by a new occupant does not receive its predecessor's events.
    func testReusedSlotIgnoresOldGeneration() {
        var slab = Slab<Int>()
        let first = slab.insert(1)
        slab.remove(first)
        let second = slab.insert(2)
        XCTAssertEqual(first.index, second.index)
        XCTAssertFalse(slab.isCurrent(first))
        XCTAssertTrue(slab.isCurrent(second))
        let renewed = slab.renew(second)
        XCTAssertFalse(slab.isCurrent(second))
        XCTAssertEqual(slab[renewed], 2)
    }

    func testRunStopsAtEachLimit() {
        func fresh() -> (EventCalendar<TimeoutModel.Event>, TimeoutModel) {
            var c = EventCalendar<TimeoutModel.Event>()
            for i in 0..<10 { c.schedule(.start(1, timeout: 100), at: Double(i) * 10) }
            return (c, TimeoutModel())
        }
        var (c1, m1) = fresh()
        XCTAssertEqual(c1.run(&m1, limits: RunLimits(maxTime: 25)), .timeLimit)
        XCTAssertEqual(c1.nextTime, 30)  // the event beyond the limit stays pending
        var (c3, m3) = fresh()
        m3.stopAfter = 3
        XCTAssertEqual(c3.run(&m3), .modelFinished)
        XCTAssertEqual(m3.log.count, 3)
    }
}

final class FIFOQueueTests: XCTestCase {
    func testOrderSurvivesWraparoundAndGrowth() {
        var q = FIFOQueue<Int>(reservingCapacity: 2)
        var expected: [Int] = []
        var next = 0
        for round in 0..<200 {
            for _ in 0..<(round % 7 + 1) { q.append(next); expected.append(next); next += 1 }
            for _ in 0..<(round % 5) where !expected.isEmpty {
                XCTAssertEqual(q.popFirst(), expected.removeFirst())
            }
            XCTAssertEqual(q.count, expected.count)
            XCTAssertEqual(q.first, expected.first)
        }
        while let x = q.popFirst() { XCTAssertEqual(x, expected.removeFirst()) }
        XCTAssertTrue(expected.isEmpty)
    }
}
