import SimKernel

/// Calls taken by agents holding chats (`ChatCapacity.VoiceWhileChatting`): with `hold` or
/// `continue`, a call that finds no idle agent goes to an agent of a group eligible at once
/// who holds chats (the fewest, ties to the one whose count changed longest ago) and is not
/// on a call; a call takes him whole (no new chat), his chats paused (`hold`) or going on
/// (`continue`); when the call's work ends he takes the next waiting call, else his chats
/// resume and he fills his free slots. Calls thus come before chats for such agents.
extension CenterModel {
    /// The agent holding chats who takes a call of class c that found no idle agent (now
    /// on it: his chats held or going on); nil: none may.
    mutating func agentForCall(forClass c: Int, at now: Double) -> (group: Int, agent: Int32)? {
        if hasDeferred && deferred!.isDeferredClass[c] { return nil }
        let best = agentHoldingFewestChats(forClass: c, groupQualifies: { chat!.voiceMode[$0] != .never },
                                           agentQualifies: { g, a in !chat!.holders[g][Int(a)].onVoice })
        if let best { beginCall(group: best.group, agent: Int(best.agent), at: now) }
        return best
    }

    /// Agent `agent` of group g, holding chats and not on a call, takes the call ranked
    /// first among the calls waiting for his group (true), else false.
    mutating func takeCallWhileChatting(group g: Int, agent: Int32, calendar: inout EventCalendar<Event>) -> Bool {
        let now = calendar.now
        guard !chat!.holders[g][Int(agent)].onVoice, !chat!.holders[g][Int(agent)].sessions.isEmpty,
              let (c, transfer) = bestWaitingClass(group: g, onlyChats: false, onlyCalls: true, at: now) else { return false }
        beginCall(group: g, agent: Int(agent), at: now)
        let call = takeWaiting(queueClass: c, transfer: transfer, at: now)
        startWork(call, group: g, agent: agent, calendar: &calendar)
        return true
    }

    /// The agent goes on a call: with `hold` his chats stop where they are (their work left
    /// kept, their end events made stale by new slots).
    mutating func beginCall(group g: Int, agent a: Int, at now: Double) {
        chat!.holders[g][a].onVoice = true
        guard chat!.voiceMode[g] == .hold else { return }
        bringChatsUpToDate(group: g, agent: a, pace: chat!.slowdown[g][chat!.holders[g][a].sessions.count - 1], at: now)
    }

    /// `agentFrees`' first step with chats: the agent ending a call while holding chats
    /// takes the next call, else resumes his chats and fills his slots (true: he stays
    /// busy); false when he was not on a call with chats in hand (he frees as usual).
    @inline(never)
    mutating func callEndsWhileChatting(group g: Int, agent: Int32, calendar: inout EventCalendar<Event>) -> Bool {
        let a = Int(agent)
        guard chat!.holders.indices.contains(g), chat!.holders[g].indices.contains(a), chat!.holders[g][a].onVoice else { return false }
        chat!.holders[g][a].onVoice = false
        guard !chat!.holders[g][a].sessions.isEmpty else { return false }  // his chats ended during the call
        let now = calendar.now
        if chat!.voiceMode[g] == .hold {
            let pace = chat!.slowdown[g][chat!.holders[g][a].sessions.count - 1]
            for handle in chat!.holders[g][a].sessions {
                chat!.sessions[handle].updatedAt = now
                calendar.schedule(.chatEnds(handle), at: now + chat!.sessions[handle].remainingWork * pace)
            }
        }
        if hasDeferred { deferredWorkEnds(group: g, agent: agent) }
        fillChats(group: g, agent: agent, calendar: &calendar)  // the next call first, else more chats
        return true
    }
}
