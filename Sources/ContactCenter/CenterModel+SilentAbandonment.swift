import SimKernel

/// Silent abandonment of chats (`SilentAbandonment`).
extension CenterModel {
    /// The waiting chat `handle`'s customer abandons: with his type's share he leaves
    /// silently (true): counted abandoned now (and free to redial or switch), his chat left
    /// in the queue, marked gone, for an agent to take and close after the timeout.
    @inline(never)
    mutating func leavesSilently(_ handle: SlotHandle, at now: Double, calendar: inout EventCalendar<Event>) -> Bool {
        let call = calls[handle]
        guard let silent = silentAbandonments[Int(call.callType)] else { return false }
        let quietly = silentBlocks[Int(call.callType)].generator(caller: call.caller, part: Int(call.redials)).bernoulli(silent.share)
        recorder.chatAbandons(call, silently: quietly)
        guard quietly else { return false }
        // Taken later, it counts no answer (`takeWaiting` records only measured calls).
        calls[handle].gone = true
        calls[handle].goneMeasured = call.measured
        calls[handle].measured = false
        // He is gone (his chat stays): he may redial or try another channel as any abandoner.
        if redial(call, calendar: &calendar) == nil && hasChannelSwitch { retriesInOtherChannel(call, calendar: &calendar) }
        recorder.abandoned(call, waitSeconds: now - call.queueEntryTime)
        traceCall(call) {
            $0.abandonSeconds = now
            $0.outcome = .abandoned
        }
        return true
    }
}
