import ContactCenter
import Experiments

/// `--trace FILE`: one CSV row per call attempt of the traced replications, in (variant,
/// replication, arrival) order. The columns are stable (the calibration reads the same
/// layout back as a call log); times are seconds from the start of the replication with
/// three decimals, empty when the step did not happen:
///
/// `replication, variant, call` (arrival number in the replication, the same for its
/// redials), `attempt` (0, then 1, 2, … per redial), `call_type, intent` (names),
/// `measured` (1: counted in the results; 0: warm-up or after closing), `arrival_seconds,
/// ivr_exit_seconds, ivr_outcome` (contained, transferred, misselected — sent to a wrong
/// leaf —, abandoned, disconnected, step_limit, switched_channel), `queue_entry_seconds, answer_seconds`
/// (an agent took the call, or the callback reached the customer), `abandon_seconds` (left
/// the queue unanswered, or the last callback attempt failed), `group, agent` (who served
/// the call to its end; agents numbered 0, 1, … within their group),
/// `service_start_seconds, service_end_seconds, wrap_up_end_seconds` (after-call work
/// end), `handed_on_seconds` (a misrouted call handed on by the wrong agent),
/// `callback_attempts`, `outcome` (contained, ivr_abandoned, ivr_disconnected,
/// ivr_step_limit, blocked, ivr_blocked, balked, answered, abandoned, called_back,
/// callback_failed, unfinished), `skill` (the skill it reached the agents on: a misrouted
/// call's wrong one), `handed_on_by_group` (the wrong agent's group).
public enum TraceFile {
    public static let columns = [
        "replication", "variant", "call", "attempt", "call_type", "intent", "measured", "arrival_seconds", "ivr_exit_seconds",
        "ivr_outcome", "queue_entry_seconds", "answer_seconds", "abandon_seconds", "group", "agent", "service_start_seconds",
        "service_end_seconds", "wrap_up_end_seconds", "handed_on_seconds", "callback_attempts", "outcome", "skill",
        "handed_on_by_group",
    ]

    /// The CSV text of `traces` of `config` (its call type, intent, group and skill names).
    public static func csv(_ traces: [CallTrace], config: CenterConfig) -> String {
        let callTypes = config.callTypes.map(\.name), intents = config.intents.map(\.name), groups = config.groups.map(\.name)
        let skills = config.skillNames
        func time(_ t: Double?) -> String { t.map { fixed($0, 3) } ?? "" }
        var lines = [columns.joined(separator: ",")]
        for trace in traces {
            for r in trace.calls {
                let fields: [String] = [
                    "\(trace.replication)", CSV.field(trace.variant), "\(r.call)", "\(r.attempt)",
                    CSV.field(callTypes[r.callType]), r.intent.map { CSV.field(intents[$0]) } ?? "",
                    r.measured ? "1" : "0", time(r.arrivalSeconds), time(r.ivrExitSeconds), r.ivrOutcome.map(ivrOutcomeName) ?? "",
                    time(r.queueEntrySeconds), time(r.answerSeconds), time(r.abandonSeconds),
                    r.group.map { CSV.field(groups[$0]) } ?? "", r.agent.map { "\($0)" } ?? "",
                    time(r.serviceStartSeconds), time(r.serviceEndSeconds), time(r.wrapUpEndSeconds), time(r.handedOnSeconds),
                    "\(r.callbackAttempts)", r.outcome.rawValue, r.skill.map { CSV.field(skills[$0]) } ?? "",
                    r.handedOnByGroup.map { CSV.field(groups[$0]) } ?? "",
                ]
                lines.append(fields.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func ivrOutcomeName(_ outcome: IVROutcome) -> String {
        switch outcome {
        case .contained: "contained"
        case .transferred(let misrouted): misrouted ? "misselected" : "transferred"
        case .abandoned: "abandoned"
        case .disconnected: "disconnected"
        case .stepLimit: "step_limit"
        case .switchedChannel: "switched_channel"
        }
    }

    /// Writes the trace atomically (temporary file + rename).
    public static func write(_ traces: [CallTrace], config: CenterConfig, to path: String) throws {
        try AtomicFiles.write([(path, csv(traces, config: config))])
    }
}
