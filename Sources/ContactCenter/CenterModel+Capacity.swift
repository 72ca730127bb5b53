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
        if lineLimit == .max && !call.throughIVR {
            joinQueue(call, existing: existing, calendar: &calendar)
            return
        }
        if lineLimit != .max {
            let now = calendar.now
            while let first = lineReleases.earliest, first <= now { lineReleases.removeEarliest() }
            if lineHolders + lineReleases.count >= lineLimit {
                block(call, existing: existing, atIVR: false, calendar: &calendar)
                return
            }
            call.holdsLine = true
            lineHolders += 1
        }
        guard ivrPlan != nil, call.throughIVR else {
            joinQueue(call, existing: existing, calendar: &calendar)
            return
        }
        if inIVR >= ivrPorts {
            releaseLine(&call)
            block(call, existing: existing, atIVR: true, calendar: &calendar)
            return
        }
        let now = calendar.now
        setInIVR(inIVR + 1, at: now)
        if let existing, let walk = pendingWalks.removeValue(forKey: existing) {
            recorder.enteredIVR(call, visits: walk)
        } else {
            recorder.enteredIVR(call, visits: ivrVisits)  // a first attempt: its walk was just drawn
        }
        call.queueEntryTime = now + call.ivrSeconds
        calendar.schedule(.ivrExit(store(call, in: existing)), after: call.ivrSeconds)
    }

    /// A busy signal: the attempt ends blocked; the caller may redial (his type's law,
    /// from his redial block), and comes back to the same door (with the same IVR walk,
    /// kept by the slot of his redial).
    mutating func block(_ call: Call, existing: SlotHandle?, atIVR: Bool, calendar: inout EventCalendar<Event>) {
        var walk: ContiguousArray<IVRVisit>?
        if call.throughIVR { walk = existing.flatMap { pendingWalks.removeValue(forKey: $0) } ?? ivrVisits }
        if let existing { calls.remove(existing) }
        recorder.blocked(call, atIVR: atIVR)
        traceCall(call) { $0.outcome = atIVR ? .ivrBlocked : .blocked }
        if let again = redial(call, calendar: &calendar), let walk { pendingWalks[again] = walk }
    }

    /// The call no longer holds a line (it ended, or handed it back).
    @inline(__always)
    mutating func releaseLine(_ call: inout Call) {
        guard call.holdsLine else { return }
        call.holdsLine = false
        lineHolders -= 1
    }

    /// An agent starts the call's (last) talk of `talkSeconds`: its line is freed then.
    @inline(__always)
    mutating func releaseLineAfterTalk(_ call: Call, at now: Double, talkSeconds: Double) {
        guard call.holdsLine else { return }
        lineHolders -= 1
        lineReleases.insert(now + talkSeconds)
    }

    @inline(__always)
    mutating func setInIVR(_ n: Int, at now: Double) {
        inIVRIntegral.update(to: Double(n), at: now)
        inIVR = n
        if n > inIVRMax && recorder.isWindowOpen { inIVRMax = n }
        if n > inIVRPeriodMax { inIVRPeriodMax = n }
    }
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
