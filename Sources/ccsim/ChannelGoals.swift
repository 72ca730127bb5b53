import ArgumentParser
import ContactCenter
import Experiments

/// `--channel-goal chat.service_level=0.9` (`ccsim staff`, `ccsim schedule`): further goals
/// each period must meet on one channel's contacts (`SimulatedStaffingGoal.further`).
enum ChannelGoals {
    static let help = ArgumentHelp(
        "With several channels: a further goal of each period on one channel's contacts, CHANNEL.METRIC=BOUND with METRIC "
            + "service_level (at least; each type's own target), asa_seconds or abandon_rate (at most), e.g. chat.service_level=0.9 "
            + "(repeatable; the simulated plan meets every goal).", valueName: "channel.metric=bound")

    /// `chat.service_level=0.9` as a goal on the chat contacts of each period (the bound
    /// checked as `--service-level`, `--asa-seconds`, `--abandon-rate` are).
    static func parse(_ text: String, onShareOfDays share: Double?) throws -> SimulatedStaffingGoal {
        let sides = text.split(separator: "=", maxSplits: 1).map(String.init)
        let names = sides.first?.split(separator: ".").map(String.init) ?? []
        let metrics: [SimulatedStaffingGoal.Quantity] = [.serviceLevel, .asaSeconds, .abandonRate]
        guard sides.count == 2, names.count == 2, let channel = Channel(rawValue: names[0]),
              let metric = metrics.first(where: { $0.name == names[1] }), let bound = Double(sides[1]) else {
            throw ValidationError("--channel-goal: CHANNEL.METRIC=BOUND, CHANNEL one of \(Channel.allCases.map(\.rawValue).joined(separator: ", ")), "
                + "METRIC one of \(metrics.map(\.name).joined(separator: ", ")), e.g. chat.service_level=0.9 (got \"\(text)\")")
        }
        guard channel.isRealTime else {
            throw ValidationError("--channel-goal: \(text): e-mail is deferred work, answered in idle time within hours; its goal "
                + "is not a period's (read email.within_due_rate and backlog_end in ccsim run)")
        }
        let valid = metric == .asaSeconds ? bound > 0 && bound.isFinite : bound > 0 && bound < 1
        guard valid else {
            throw ValidationError("--channel-goal: \(text): the bound must be " + (metric == .asaSeconds ? "positive seconds" : "in (0, 1)"))
        }
        return SimulatedStaffingGoal(metric: metric, bound: bound, onShareOfDays: share, channel: channel)
    }

    /// The goals of `texts` for `config`: each channel among the center's, which has several;
    /// otherwise the error said (exit 2).
    static func read(_ texts: [String], config: CenterConfig, onShareOfDays share: Double?, command: String) throws
        -> [SimulatedStaffingGoal] {
        let goals = try texts.map { try parse($0, onShareOfDays: share) }
        if let missing = goals.first(where: { config.channels.count < 2 || !config.channels.contains($0.channel!) }) {
            printError("ccsim \(command): --channel-goal \(missing.name): the scenario's contacts are "
                + config.channels.map(\.rawValue).joined(separator: " and ") + "; a channel goal needs several channels, that one among them")
            throw ExitCodes.badInput
        }
        return goals
    }
}
