import ArgumentParser
import ContactCenter
import Experiments

/// `--channel-goal chat.service_level=0.9` (`ccsim staff`, `ccsim schedule`): further goals
/// each period must meet on one channel's contacts (`SimulatedStaffingGoal.further`).
enum ChannelGoals {
    static let help = ArgumentHelp(
        "With several channels: a further goal of each period on one channel's contacts, CHANNEL.METRIC=BOUND with METRIC "
            + "service_level (at least; each type's own target), asa_seconds or abandon_rate (at most), e.g. chat.service_level=0.9 "
            + "(repeatable; the simulated plan meets every goal); or email.within_due_rate=P over a horizon of several days "
            + "(agents then added alike to every open period until e-mail answered within its due time reaches P).",
                                   valueName: "channel.metric=bound")

    /// What one `--channel-goal` asks: a goal of each period on a live channel's contacts,
    /// or e-mail's share answered within due over the horizon.
    enum Goal {
        case period(SimulatedStaffingGoal)
        case emailWithinDue(Double)
    }

    /// `chat.service_level=0.9` as a goal on the chat contacts of each period (the bound
    /// checked as `--service-level`, `--asa-seconds`, `--abandon-rate` are), or
    /// `email.within_due_rate=0.9`.
    static func parse(_ text: String, onShareOfDays share: Double?) throws -> Goal {
        let sides = text.split(separator: "=", maxSplits: 1).map(String.init)
        let names = sides.first?.split(separator: ".").map(String.init) ?? []
        if sides.count == 2, sides[0] == Channel.email.figure(Metric.withinDueRate.name) {
            guard let bound = Double(sides[1]), bound > 0 && bound < 1 else {
                throw ValidationError("--channel-goal: \(text): the bound must be in (0, 1)")
            }
            return .emailWithinDue(bound)
        }
        let metrics: [SimulatedStaffingGoal.Quantity] = [.serviceLevel, .asaSeconds, .abandonRate]
        guard sides.count == 2, names.count == 2, let channel = Channel(rawValue: names[0]),
              let metric = metrics.first(where: { $0.name == names[1] }), let bound = Double(sides[1]) else {
            throw ValidationError("--channel-goal: CHANNEL.METRIC=BOUND, CHANNEL voice or chat with METRIC one of "
                + "\(metrics.map(\.name).joined(separator: ", ")), or email.within_due_rate, e.g. chat.service_level=0.9 (got \"\(text)\")")
        }
        guard channel.isRealTime else {
            throw ValidationError("--channel-goal: \(text): e-mail is deferred work, answered in idle time within hours; its goal is "
                + "email.within_due_rate over the horizon, not a period's")
        }
        let valid = metric == .asaSeconds ? bound > 0 && bound.isFinite : bound > 0 && bound < 1
        guard valid else {
            throw ValidationError("--channel-goal: \(text): the bound must be " + (metric == .asaSeconds ? "positive seconds" : "in (0, 1)"))
        }
        return .period(SimulatedStaffingGoal(metric: metric, bound: bound, onShareOfDays: share, channel: channel))
    }

    /// The goals of `texts` for `config`: each channel among the center's, which has several;
    /// otherwise the error said (exit 2).
    static func read(_ texts: [String], config: CenterConfig, onShareOfDays share: Double?, command: String) throws
        -> (period: [SimulatedStaffingGoal], emailWithinDue: Double?) {
        var period: [SimulatedStaffingGoal] = []
        var email: Double?
        for text in texts {
            switch try parse(text, onShareOfDays: share) {
            case .period(let goal): period.append(goal)
            case .emailWithinDue(let p): email = p
            }
        }
        let named = period.map { ($0.name, $0.channel!) } + (email.map { _ in [(Channel.email.figure(Metric.withinDueRate.name), Channel.email)] } ?? [])
        if let missing = named.first(where: { config.channels.count < 2 || !config.channels.contains($0.1) }) {
            printError("ccsim \(command): --channel-goal \(missing.0): the scenario's contacts are "
                + config.channels.map(\.rawValue).joined(separator: " and ") + "; a channel goal needs several channels, that one among them")
            throw ExitCodes.badInput
        }
        return (period, email)
    }
}
