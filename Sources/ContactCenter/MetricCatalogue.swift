import Measures

/// Every metric ccsim reports, each declared once (`Metric`), then the views' orders.
/// Adding a metric: its declaration here (name, kind, definition on its views), the
/// `Recorder` event that feeds the counts it reads, its place in a view's order below,
/// and its line in PRODUCT.md. Files, shards, baselines, the report and the plots follow.
/// T is the service-level target; "entered" counts calls that entered the agent queue.
extension Metric {
    // MARK: The agent queue (center, call type, period)

    public static let offered = Metric("offered", .count, "arrivals (first attempts)",
                                       queue: { Fraction(Double($0.offered), 1) })
    public static let answered = Metric("answered", .count, "answered by an agent, live or on a callback",
                                        queue: { Fraction(Double($0.answered), 1) })
    public static let abandoned = Metric("abandoned", .count, "hung up in the queue",
                                         queue: { Fraction(Double($0.abandoned), 1) })
    public static let serviceLevel = Metric("service_level", .rate,
                                            "answered within T ÷ entered (abandoners and failed callbacks miss)",
                                            better: .higher, queue: { Fraction(Double($0.answeredWithinTarget), Double($0.enteredQueue)) })
    public static let serviceLevelAnswered = Metric("service_level_answered", .rate, "answered within T ÷ answered",
                                                    queue: { Fraction(Double($0.answeredWithinTarget), Double($0.answered)) })
    public static let serviceLevelExcludingShortAbandons = Metric(
        "service_level_excluding_short_abandons", .rate, "answered within T ÷ (entered − abandoned within T)",
        queue: { Fraction(Double($0.answeredWithinTarget), Double($0.enteredQueue) - Double($0.abandonedWithinTarget)) })
    public static let serviceLevelCountingShortAbandons = Metric(
        "service_level_counting_short_abandons", .rate, "(answered within T + abandoned within T) ÷ entered (SSJ's good calls)",
        queue: { Fraction(Double($0.answeredWithinTarget + $0.abandonedWithinTarget), Double($0.enteredQueue)) })
    public static let pWait = Metric("p_wait", .rate, "waited > 0 ÷ entered",
                                     queue: { Fraction(Double($0.delayed), Double($0.enteredQueue)) })
    public static let asaSeconds = Metric("asa_seconds", .seconds, "Σ wait of answered ÷ answered", title: "ASA",
                                          better: .lower, queue: { Fraction($0.totalWaitAnsweredSeconds, Double($0.answered)) })
    public static let meanWaitSeconds = Metric(
        "mean_wait_seconds", .seconds, "Σ wait of answered, abandoned and failed callbacks ÷ entered",
        queue: { Fraction($0.totalWaitAnsweredSeconds + $0.totalWaitAbandonedSeconds + $0.totalWaitCallbackFailedSeconds,
                          Double($0.enteredQueue)) })
    public static let abandonRate = Metric("abandon_rate", .rate, "abandoned ÷ entered", title: "abandonment",
                                           better: .lower, queue: { Fraction(Double($0.abandoned), Double($0.enteredQueue)) })
    public static let shortAbandonRate = Metric("short_abandon_rate", .rate, "abandoned within T ÷ entered",
                                                queue: { Fraction(Double($0.abandonedWithinTarget), Double($0.enteredQueue)) })
    public static let balkRate = Metric("balk_rate", .rate, "balked ÷ offered",
                                        queue: { Fraction(Double($0.balked), Double($0.offered)) })

    // MARK: The IVR (center)

    public static let meanIVRSeconds = Metric("mean_ivr_seconds", .seconds, "Σ IVR time ÷ entered IVR", title: "mean IVR time",
                                              better: .lower, needs: .ivr, center: { Fraction($0.ivr.totalSeconds, Double($0.ivr.entered)) })
    public static let ivrAbandonRate = Metric("ivr_abandon_rate", .rate, "hung up in the IVR ÷ entered IVR", title: "IVR hang-ups",
                                              better: .lower, needs: .ivr, center: { Fraction(Double($0.ivr.abandoned), Double($0.ivr.entered)) })
    public static let ivrContainment = Metric("ivr_containment", .rate, "resolved in self-service ÷ entered IVR", title: "IVR containment",
                                              better: .higher, needs: .ivr, center: { Fraction(Double($0.ivr.contained), Double($0.ivr.entered)) })
    public static let ivrDisconnectRate = Metric("ivr_disconnect_rate", .rate, "disconnected by the IVR ÷ entered IVR",
                                                 needs: .ivr, center: { Fraction(Double($0.ivr.disconnected), Double($0.ivr.entered)) })
    public static let ivrStepLimitRate = Metric("ivr_step_limit_rate", .rate, "walks that reached the node-visit bound ÷ entered IVR",
                                                needs: .ivr, center: { Fraction(Double($0.ivr.stepLimit), Double($0.ivr.entered)) })
    public static let transferRate = Metric("transfer_rate", .rate, "sent from the IVR to agents ÷ entered IVR",
                                            better: .lower, needs: .ivr, center: { Fraction(Double($0.ivr.transferred), Double($0.ivr.entered)) })
    public static let ivrChannelSwitchRate = Metric(
        "ivr_channel_switch_rate", .rate, "accepted the IVR's offer of another channel ÷ entered IVR", title: "moved to chat in the IVR",
        needs: [.ivr, .ivrChannelOffer], center: { Fraction(Double($0.ivr.switchedChannel), Double($0.ivr.entered)) })
    public static let ivrMisselectionRate = Metric("ivr_misselection_rate", .rate, "sent to a wrong leaf ÷ entered IVR",
                                                   title: "IVR mis-selection",
                                                   better: .lower, needs: .ivr, center: { Fraction(Double($0.ivr.misselected), Double($0.ivr.entered)) })
    public static let misrouteRate = Metric("misroute_rate", .rate, "agent-to-agent transfers ÷ answered",
                                            better: .lower, needs: .ivr, center: { Fraction(Double($0.agentTransfers), Double($0.answered)) })
    public static let ivrPortsBusyMean = Metric(
        "ivr_ports_busy_mean", .level, "∫ callers in the IVR dt ÷ the window (or the period)", title: "IVR ports busy (mean)",
        needs: .ivr, center: { Fraction($0.ivr.portSeconds, $0.windowSeconds) },
        period: { p, seconds in Fraction(p.ivrPortSeconds, seconds) })
    public static let ivrPortsBusyMax = Metric(
        "ivr_ports_busy_max", .level, "the most callers in the IVR at once",
        needs: .ivr, center: { Fraction(Double($0.ivr.portsBusyMax), 1) },
        period: { p, _ in Fraction(Double(p.ivrPortsBusyMax), 1) })
    public static let ivrBlockRate = Metric(
        "ivr_block_rate", .rate, "blocked at the IVR (all ports busy) ÷ (entered IVR + blocked there)", title: "IVR blocking",
        better: .lower, needs: [.ivr, .ivrPorts], center: { Fraction(Double($0.ivr.blocked), Double($0.ivr.entered + $0.ivr.blocked)) })

    // MARK: Lines, agents, waits, redials, callbacks (center)

    // Speech prompts and bots (`SpeechTally`), over the speech prompts or bot dialogs entered.
    public static let recognitionRate = Metric(
        "recognition_rate", .rate, "first utterances recognised as the caller's intent ÷ speech prompts entered",
        title: "speech recognition", better: .higher, needs: [.ivr, .speech],
        center: { Fraction(Double($0.ivr.speech.firstCorrect), Double($0.ivr.speech.prompts)) })
    public static let confirmationRate = Metric(
        "confirmation_rate", .rate, "confirmations asked ÷ speech prompts entered", needs: [.ivr, .speech],
        center: { Fraction(Double($0.ivr.speech.confirmations), Double($0.ivr.speech.prompts)) })
    public static let repromptRate = Metric(
        "reprompt_rate", .rate, "reprompts (after no match, no input or a rejected confirmation) ÷ speech prompts entered",
        better: .lower, needs: [.ivr, .speech],
        center: { Fraction(Double($0.ivr.speech.reprompts), Double($0.ivr.speech.prompts)) })
    public static let speechFallbackRate = Metric(
        "speech_fallback_rate", .rate, "fallbacks to the key-press menu after the last reprompt ÷ speech prompts entered",
        title: "speech fallback", better: .lower, needs: [.ivr, .speech],
        center: { Fraction(Double($0.ivr.speech.fallbacks), Double($0.ivr.speech.prompts)) })
    public static let botContainment = Metric(
        "bot_containment", .rate, "resolved by the bot ÷ bot dialogs entered", title: "bot containment", better: .higher,
        needs: [.ivr, .bot], center: { Fraction(Double($0.ivr.speech.botContained), Double($0.ivr.speech.botEntered)) })
    public static let zeroOutRate = Metric(
        "zero_out_rate", .rate, "asked the bot for an agent ÷ bot dialogs entered", title: "bot zero-out", better: .lower,
        needs: [.ivr, .bot], center: { Fraction(Double($0.ivr.speech.botZeroOuts), Double($0.ivr.speech.botEntered)) })
    public static let meanBotTurns = Metric(
        "mean_bot_turns", .level, "bot turns ÷ bot dialogs entered", title: "bot turns", needs: [.ivr, .bot],
        center: { Fraction(Double($0.ivr.speech.botTurns), Double($0.ivr.speech.botEntered)) })
    public static let blockRate = Metric("block_rate", .rate, "blocked at the lines ÷ (offered + redials)",
                                         better: .lower, needs: .lines, center: { Fraction(Double($0.blocked), Double($0.offered + $0.redials)) })
    public static let waitP50Seconds = Metric("wait_p50_seconds", .seconds, "median wait of calls that entered",
                                              center: { Fraction(quantity: $0.waits.quantile(0.5)) })
    public static let waitP90Seconds = Metric("wait_p90_seconds", .seconds, "90th percentile of the wait",
                                              center: { Fraction(quantity: $0.waits.quantile(0.9)) })
    public static let waitP99Seconds = Metric("wait_p99_seconds", .seconds, "99th percentile of the wait",
                                              center: { Fraction(quantity: $0.waits.quantile(0.99)) })
    public static let occupancy = Metric(
        "occupancy", .rate, "busy ÷ staffed agent time (agents away count as staffed)",
        center: { Fraction($0.busyAgentSeconds, $0.staffedAgentSeconds) },
        period: { p, seconds in Fraction(p.busyAgentSeconds, p.agents * seconds) })
    public static let agents = Metric("agents", .level, "scheduled agents of the period", period: { p, _ in Fraction(p.agents, 1) })
    public static let agentsAwayMean = Metric("agents_away_mean", .level, "∫ agents away dt ÷ the window",
                                              needs: .breaks, center: { Fraction($0.agentsAwaySeconds, $0.windowSeconds) })
    public static let concurrencyMean = Metric(
        "concurrency_mean", .level, "∫ chats in progress dt ÷ ∫ agents holding a chat dt (chats per agent busy with chat)",
        title: "chat concurrency", needs: .chat, center: { Fraction($0.chatSeconds, $0.agentsChattingSeconds) })
    public static let backlogEnd = Metric(
        "backlog_end", .level, "deferred contacts (e-mail) waiting at a day's close, mean over the days", title: "backlog at close",
        better: .lower, needs: .deferred,
        center: { Fraction(Double($0.deferred.backlogAtClose.reduce(0, +)), Double($0.deferred.backlogAtClose.count)) })
    public static let withinDueRate = Metric(
        "within_due_rate", .rate, "deferred contacts answered by their due time ÷ (answered + left past due at the window's end)",
        title: "answered within due", better: .higher, needs: .deferred,
        center: { Fraction(Double($0.deferred.answeredWithinDue), Double($0.deferred.answered + $0.deferred.overdueAtEnd)) })
    public static let meanAgeHours = Metric(
        "mean_age_hours", .level, "Σ (answered − arrived) of answered deferred contacts ÷ answered, in hours", title: "mean age (h)",
        better: .lower, needs: .deferred, center: { Fraction($0.deferred.totalAgeSeconds / 3600, Double($0.deferred.answered)) })
    public static let channelSwitchRate = Metric(
        "channel_switch_rate", .rate, "contacts customers moved to another channel (on the offer, or after abandoning) ÷ offered",
        title: "channel switches", needs: .channelSwitch,
        center: { Fraction(Double($0.channelSwitchAttempts), Double($0.offered)) })
    public static let silentAbandonRate = Metric(
        "silent_abandon_rate", .rate,
        "abandoned silently (the chat left queued for an agent to close) ÷ abandoned chats of the types that may",
        title: "silent abandonment", needs: .silentAbandonment,
        center: { Fraction(Double($0.silentAbandoned), Double($0.abandonedMaySilently)) })
    public static let silentChatShare = Metric(
        "silent_chat_share", .rate, "chats agents took whose customer had left silently ÷ chats taken",
        title: "chats with nobody there", better: .lower, needs: .silentAbandonment,
        center: { Fraction(Double($0.silentChatsTaken), Double($0.chatsTaken)) })
    public static let meanQueueLength = Metric("mean_queue_length", .level, "∫ calls waiting dt ÷ the window",
                                               center: { Fraction($0.queueLengthIntegral, $0.windowSeconds) })
    public static let redials = Metric("redials", .count, "attempts of callers who abandoned and called again",
                                       needs: .redials, center: { Fraction(Double($0.redials), 1) })
    public static let callbacks = Metric("callbacks", .count, "accepted callback offers",
                                         needs: .callbacks, center: { Fraction(Double($0.callbacks), 1) })
    public static let callbackSuccessRate = Metric(
        "callback_success_rate", .rate, "callbacks that reached the customer ÷ (reached + failed)",
        needs: .callbacks, center: { Fraction(Double($0.calledBack), Double($0.calledBack + $0.callbackFailed)) })
    public static let callbackDelaySeconds = Metric(
        "callback_delay_seconds", .seconds, "Σ (reached − requested) ÷ reached",
        needs: .callbacks, center: { Fraction($0.totalCallbackDelaySeconds, Double($0.calledBack)) })
    public static let agentTransfers = Metric("agent_transfers", .count, "misrouted calls handed on by the wrong group",
                                              needs: .agentTransfers, center: { Fraction(Double($0.agentTransfers), 1) })
    public static let transferWaitSeconds = Metric(
        "transfer_wait_seconds", .seconds, "Σ second waits (answered or hung up) ÷ agent transfers",
        needs: .agentTransfers, center: { Fraction($0.totalTransferWaitSeconds, Double($0.agentTransfers)) })
    public static let transferAbandonRate = Metric(
        "transfer_abandon_rate", .rate, "hung up on the second wait ÷ agent transfers",
        needs: .agentTransfers, center: { Fraction(Double($0.transferAbandoned), Double($0.agentTransfers)) })
    public static let unfinished = Metric(
        "unfinished", .count, "entered and not ended when the run did (nobody left to serve them, or the time bound)",
        center: { Fraction(Double($0.unfinished), 1) },
        period: { p, _ in Fraction(Double(p.unfinished), 1) })

    // MARK: Outbound campaigns (all campaigns, each campaign, each period: dials counted where they were made)

    public static let outboundAttempts = Metric("outbound_attempts", .count, "dials made", needs: .outbound,
                                                outbound: { Fraction(Double($0.attempts), 1) })
    public static let outboundConnects = Metric("outbound_connects", .count, "dials the right party answered", needs: .outbound,
                                                outbound: { Fraction(Double($0.connects), 1) })
    public static let outboundCompleted = Metric("outbound_completed", .count, "right-party conversations an agent took",
                                                 title: "outbound completions", better: .higher, needs: .outbound,
                                                 outbound: { Fraction(Double($0.completed), 1) })
    public static let outboundNuisanceRate = Metric(
        "outbound_nuisance_rate", .rate, "live answers the system hung up on (no agent in time) ÷ live answers (right or wrong party)",
        title: "nuisance rate", better: .lower, needs: .outbound,
        outbound: { Fraction(Double($0.nuisance), Double($0.liveAnswers)) })
    public static let outboundAttemptsPerEntry = Metric("outbound_attempts_per_entry", .level, "dials ÷ entries dialled",
                                                        needs: .outbound, outbound: { Fraction(Double($0.attempts), Double($0.entriesStarted)) })
    public static let listExhaustedShare = Metric(
        "list_exhausted_share", .rate, "entries done (completed, wrong number or attempts used up) ÷ entries on the list",
        needs: .outbound, outbound: { Fraction(Double($0.entriesDone), Double($0.listEntries)) })
    public static let outboundTalkShare = Metric(
        "outbound_talk_share", .rate, "agent time on outbound work (reading, waiting on a dial, talk, wrap-up) ÷ staffed agent time",
        needs: .outbound, center: { Fraction($0.outboundTotal.agentSeconds, $0.staffedAgentSeconds) },
        period: { p, seconds in Fraction(p.outbound.agentSeconds, p.agents * seconds) })

    // MARK: IVR nodes and moves (`IVRFlow`: `ivr.<node>.<figure>`, `ivr.<from>-><to>.moves`)

    public static let nodeCallsMean = Metric("calls_mean", .level, "Σ seconds measured callers spent at the node ÷ the window")
    public static let nodeSecondsPerStay = Metric("seconds_per_stay", .seconds, "Σ seconds at the node ÷ stays there")
    public static let nodeStays = Metric("stays", .rate, "stays at the node ÷ entered IVR")
    public static let nodeHangups = Metric("hangups", .rate, "hung up at the node ÷ entered IVR")
    public static let nodeContained = Metric("contained", .rate, "resolved at the node ÷ entered IVR")
    public static let moves = Metric("moves", .rate, "moves from one node to the next ÷ entered IVR")

    /// Every declaration (each name once).
    static let catalogue: [Metric] = [
        offered, answered, abandoned, serviceLevel, serviceLevelAnswered, serviceLevelExcludingShortAbandons,
        serviceLevelCountingShortAbandons, pWait, asaSeconds, meanWaitSeconds, abandonRate, shortAbandonRate, balkRate,
        meanIVRSeconds, ivrAbandonRate, ivrContainment, ivrDisconnectRate, ivrStepLimitRate, transferRate, ivrChannelSwitchRate,
        ivrMisselectionRate, misrouteRate, ivrPortsBusyMean, ivrPortsBusyMax, ivrBlockRate, recognitionRate, confirmationRate, repromptRate,
        speechFallbackRate, botContainment, zeroOutRate, meanBotTurns, blockRate, waitP50Seconds, waitP90Seconds, waitP99Seconds,
        occupancy, agents, agentsAwayMean, concurrencyMean, backlogEnd, withinDueRate, meanAgeHours, channelSwitchRate, silentAbandonRate, silentChatShare, meanQueueLength, redials, callbacks, callbackSuccessRate, callbackDelaySeconds,
        agentTransfers, transferWaitSeconds, transferAbandonRate, unfinished, outboundAttempts, outboundConnects, outboundCompleted,
        outboundNuisanceRate, outboundAttemptsPerEntry, listExhaustedShare, outboundTalkShare, nodeCallsMean, nodeSecondsPerStay,
        nodeStays, nodeHangups, nodeContained, moves,
    ]

    // MARK: Views, in report order

    /// A queue tally's metrics (`QueueTally.metrics`).
    public static let queueView: [Metric] = [
        offered, serviceLevel, serviceLevelAnswered, serviceLevelExcludingShortAbandons, serviceLevelCountingShortAbandons,
        pWait, asaSeconds, meanWaitSeconds, abandonRate, shortAbandonRate, balkRate,
    ]
    /// The IVR's, for a center with one.
    public static let ivrView: [Metric] = [
        meanIVRSeconds, ivrAbandonRate, ivrContainment, ivrDisconnectRate, transferRate, ivrChannelSwitchRate, ivrMisselectionRate,
        misrouteRate, ivrPortsBusyMean, ivrPortsBusyMax, ivrBlockRate, recognitionRate, confirmationRate, repromptRate, speechFallbackRate,
        botContainment, zeroOutRate, meanBotTurns,
    ]
    /// A replication's, where they apply (IVR first, then the queue and the agents).
    public static let centerView: [Metric] = ivrView + [blockRate] + queueView + [
        waitP50Seconds, waitP90Seconds, waitP99Seconds, occupancy, agentsAwayMean, concurrencyMean, backlogEnd, withinDueRate,
        meanAgeHours, channelSwitchRate, silentAbandonRate, silentChatShare, meanQueueLength, redials, callbacks,
        callbackSuccessRate, callbackDelaySeconds, agentTransfers, transferWaitSeconds, transferAbandonRate,
    ] + outboundView
    /// The outbound campaigns' (all together; per campaign `<campaign>.<metric>` when there
    /// are several, without the talk share, which is the agents').
    public static let outboundView: [Metric] = [
        outboundAttempts, outboundConnects, outboundCompleted, outboundNuisanceRate, outboundAttemptsPerEntry,
        listExhaustedShare, outboundTalkShare,
    ]
    public static let campaignView: [Metric] = outboundView.filter { $0.overOutbound != nil }
    /// Kept in every replication but listed only when some replication has them nonzero:
    /// they say something went wrong.
    public static let conditional: [Metric] = [ivrStepLimitRate, unfinished]
    /// Per channel (`<channel>.<metric>`) and per call type (`<type>.<metric>`), when there are several.
    public static let callTypeView: [Metric] = [offered, serviceLevel, asaSeconds, meanWaitSeconds, abandonRate, balkRate]
    /// Per day of a plan over several days (`day2.<metric>`; with e-mail also the day's
    /// `backlog_end`).
    public static let dayView: [Metric] = [offered, serviceLevel, asaSeconds, abandonRate]
    /// Per agent group (`<group>.<metric>`), when there are several.
    public static let groupView: [Metric] = [occupancy]
    /// Per period of a day (intervals.csv), then with an IVR its ports.
    public static let periodView: [Metric] = [
        offered, answered, abandoned, serviceLevel, asaSeconds, abandonRate, meanWaitSeconds, pWait, occupancy, agents, unfinished,
    ]
    public static let periodIVRView: [Metric] = [ivrPortsBusyMean, ivrPortsBusyMax]
    /// With outbound campaigns, per period (dials counted in the period they were made).
    public static let periodOutboundView: [Metric] = [outboundAttempts, outboundConnects, outboundCompleted, outboundNuisanceRate,
                                                      outboundTalkShare]
    /// With several channels, per period and channel (`chat.service_level`; contacts counted
    /// in the period they arrived, e-mail's service level against its due time).
    public static let periodChannelView: [Metric] = [offered, serviceLevel, asaSeconds, abandonRate]
    /// The report's key figures and forest plots, when present.
    public static let headline: [Metric] = [
        serviceLevel, asaSeconds, abandonRate, meanIVRSeconds, transferRate, ivrContainment, ivrAbandonRate,
        ivrMisselectionRate, misrouteRate, ivrPortsBusyMean, ivrBlockRate, blockRate, botContainment, occupancy, agentsAwayMean,
        outboundCompleted, outboundNuisanceRate, withinDueRate, backlogEnd,
    ]
    /// Drawn against a swept parameter, when present.
    public static let swept: [Metric] = [
        serviceLevel, asaSeconds, abandonRate, meanIVRSeconds, transferRate, ivrContainment, ivrAbandonRate,
        ivrMisselectionRate, misrouteRate, occupancy, ivrPortsBusyMean, ivrBlockRate, blockRate, recognitionRate, botContainment,
        outboundCompleted, outboundNuisanceRate, concurrencyMean, withinDueRate, backlogEnd,
    ]
}
