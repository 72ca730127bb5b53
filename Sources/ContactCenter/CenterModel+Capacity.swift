import Measures
import SimKernel

/// Capacity at the door: trunk lines (`CenterConfig.lines`) and IVR ports
/// (`IVRConfig.ports`). An attempt takes a line when one is free (else it is `blocked`),
/// then a port when it enters the IVR and one is free (else `ivrBlocked`, and its line is
/// given back); a blocked caller redials with his type's redial law, and his redial comes
/// back to the same door. A line is held in the IVR, in the queue and while talking to an
/// agent (not during after-call work, nor by a callback request or its outbound call); a
/// port while in the IVR. Lines are only looked at when an attempt arrives, so the talk end
/// times are kept in a heap and released lazily then (no event per call).
extension CenterModel {
    /// An attempt at the door (a first attempt, or a redial): through the lines, then the
    /// IVR's ports or straight to the queue. `existing`: its slot (a redial). The call is
    /// passed in place (no copy on the hot path).
    @inline(__always)
    mutating func enterCenter(_ call: inout Call, existing: SlotHandle?, calendar: inout EventCalendar<Event>) {
        if (lines == nil || someBypassIVR && bypassesIVR[Int(call.callType)]) && !call.throughIVR {
            joinQueue(call, existing: existing, calendar: &calendar)  // (a chat holds no line)
            return
        }
        if lines != nil {
            guard lines!.take(at: calendar.now) else {
                block(call, existing: existing, atIVR: false, calendar: &calendar)
                return
            }
            call.holdsLine = true
        }
        guard ivrWalker != nil, call.throughIVR else {
            joinQueue(call, existing: existing, calendar: &calendar)
            return
        }
        if let ports = ivr.ports, ivr.callers >= ports {
            releaseLine(&call)
            block(call, existing: existing, atIVR: true, calendar: &calendar)
            return
        }
        let now = calendar.now
        setInIVR(ivr.callers + 1, at: now)
        if let existing, let walk = ivr.pendingWalks.removeValue(forKey: existing) {
            recorder.enteredIVR(call, visits: walk.visits, speech: walk.speech)
        } else {
            recorder.enteredIVR(call, visits: ivr.lastWalk, speech: ivr.lastSpeech)  // a first attempt: its walk was just drawn
        }
        call.queueEntryTime = now + call.ivrSeconds
        calendar.schedule(.ivrExit(store(call, in: existing)), after: call.ivrSeconds)
    }

    /// A busy signal: the attempt ends blocked; the caller may redial (his type's law,
    /// from his redial block), and comes back to the same door (with the same IVR walk,
    /// kept by the slot of his redial).
    mutating func block(_ call: Call, existing: SlotHandle?, atIVR: Bool, calendar: inout EventCalendar<Event>) {
        var walk: PendingWalk?
        if call.throughIVR {
            walk = existing.flatMap { ivr.pendingWalks.removeValue(forKey: $0) } ?? PendingWalk(visits: ivr.lastWalk, speech: ivr.lastSpeech)
        }
        if let existing { calls.remove(existing) }
        recorder.blocked(call, atIVR: atIVR)
        traceCall(call) { $0.outcome = atIVR ? .ivrBlocked : .blocked }
        if let again = redial(call, calendar: &calendar), let walk { ivr.pendingWalks[again] = walk }
    }

    /// The call no longer holds a line (it ended, or handed it back).
    @inline(__always)
    mutating func releaseLine(_ call: inout Call) {
        guard call.holdsLine else { return }
        call.holdsLine = false
        lines!.holders -= 1
    }

    /// An agent starts the call's (last) talk of `talkSeconds`: its line is freed then.
    @inline(__always)
    mutating func releaseLineAfterTalk(_ call: Call, at now: Double, talkSeconds: Double) {
        guard call.holdsLine else { return }
        lines!.holders -= 1
        lines!.releases.insert(now + talkSeconds)
    }

    @inline(__always)
    mutating func setInIVR(_ n: Int, at now: Double) {
        ivr.callersIntegral.update(to: Double(n), at: now)
        ivr.callers = n
        if n > ivr.mostInWindow && recorder.isWindowOpen { ivr.mostInWindow = n }
        if n > ivr.mostInPeriod { ivr.mostInPeriod = n }
    }
}

/// A limited number of trunk lines: calls holding one in the IVR or the queue, and the
/// talk end times of calls holding one with an agent (released lazily, when an attempt
/// arrives).
struct TrunkLines {
    let limit: Int
    var holders = 0
    var releases = ReleaseTimes()

    init(limit: Int) { self.limit = limit }

    /// An attempt at `now` takes a line: the talks ended by then give theirs back first;
    /// false (a busy signal) when none is free.
    @inline(__always)
    mutating func take(at now: Double) -> Bool {
        while let first = releases.earliest, first <= now { releases.removeEarliest() }
        guard holders + releases.count < limit else { return false }
        holders += 1
        return true
    }
}

/// Callers in the IVR: the port limit (nil: none), how many are there now, their time
/// integral, their most at once in the window and in the current period (day plans, with
/// the integral at the period's start); the stays and speech events of the last walk drawn
/// (`IVRWalker.walk`), and those of blocked callers who will redial through the IVR, by the
/// slot of their redial, credited to the nodes when the caller gets a port
/// (`Recorder.enteredIVR`).
struct IVROccupancy {
    let ports: Int?
    var callers = 0
    var callersIntegral = TimeWeightedAverage(value: 0, at: 0)
    var mostInWindow = 0
    var mostInPeriod = 0
    var integralAtPeriodStart = 0.0
    var lastWalk = ContiguousArray<IVRVisit>()
    var lastSpeech = SpeechTally()
    var pendingWalks: [SlotHandle: PendingWalk] = [:]

    init(ports: Int?) { self.ports = ports }
}

/// A blocked caller's walk, kept until his redial gets a port.
struct PendingWalk {
    var visits: ContiguousArray<IVRVisit>
    var speech: SpeechTally
}

/// Agents on a break (`AgentAbsence`), over all groups: how many now, and their time
/// integral.
struct AgentsAway {
    var count = 0
    var integral = TimeWeightedAverage(value: 0, at: 0)
}

/// Times in a binary min-heap (the talk ends of calls holding a line): insert and remove
/// the earliest in O(log n), no allocation once grown.
struct ReleaseTimes {
    private var times = ContiguousArray<Double>()

    var count: Int { times.count }
    var earliest: Double? { times.first }

    mutating func insert(_ t: Double) {
        times.append(t)
        var i = times.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard times[parent] > times[i] else { break }
            times.swapAt(parent, i)
            i = parent
        }
    }

    mutating func removeEarliest() {
        let last = times.removeLast()
        guard !times.isEmpty else { return }
        times[0] = last
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < times.count && times[l] < times[m] { m = l }
            if r < times.count && times[r] < times[m] { m = r }
            if m == i { break }
            times.swapAt(i, m)
            i = m
        }
    }
}
