#!/usr/bin/env python3
"""Mutation check of the metric definitions and the estimators (`make mutate`; not part
of `make test`). Each mutant is one small, plausible mistake in Sources/: it is applied,
the tests of the modules that define and use it are built and run, and the source is put
back. A mutant the tests do not notice ("survived") is a test to write. Exit 1 if any
survived.

Usage: python3 Tests/mutate.py [NAME ...]   (default: every mutant)
"""
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILTER = "ContactCenterTests|MeasuresTests|ExperimentsTests"

# (name, file, original text, mutated text): the original must occur exactly once.
MUTANTS = [
    ("wait of exactly T is a miss", "Sources/ContactCenter/QueueTally.swift",
     "if wait <= target { answeredWithinTarget += 1 }", "if wait < target { answeredWithinTarget += 1 }"),
    ("abandon at exactly T is not short", "Sources/ContactCenter/QueueTally.swift",
     "if wait <= target { abandonedWithinTarget += 1 }", "if wait < target { abandonedWithinTarget += 1 }"),
    ("every abandon excluded, not only short ones", "Sources/ContactCenter/MetricCatalogue.swift",
     "Double($0.enteredQueue) - Double($0.abandonedWithinTarget)", "Double($0.enteredQueue) - Double($0.abandoned)"),
    ("ASA over entered calls", "Sources/ContactCenter/MetricCatalogue.swift",
     "Fraction($0.totalWaitAnsweredSeconds, Double($0.answered))", "Fraction($0.totalWaitAnsweredSeconds, Double($0.enteredQueue))"),
    ("mean wait leaves out failed callbacks", "Sources/ContactCenter/MetricCatalogue.swift",
     "+ $0.totalWaitCallbackFailedSeconds,", ","),
    ("p_wait over offered calls", "Sources/ContactCenter/MetricCatalogue.swift",
     "Fraction(Double($0.delayed), Double($0.enteredQueue))", "Fraction(Double($0.delayed), Double($0.offered))"),
    ("balk rate over entered calls", "Sources/ContactCenter/MetricCatalogue.swift",
     "Fraction(Double($0.balked), Double($0.offered))", "Fraction(Double($0.balked), Double($0.enteredQueue))"),
    ("period occupancy over one agent", "Sources/ContactCenter/MetricCatalogue.swift",
     "Fraction(p.busyAgentSeconds, p.agents * seconds)", "Fraction(p.busyAgentSeconds, seconds)"),
    ("paired variant term over the baseline's mean denominator", "Sources/Measures/RatioEstimators.swift",
     "let z = (u[i] - rb * v[i]) / meanV", "let z = (u[i] - rb * v[i]) / meanY"),
    ("ratio of sums: n degrees of freedom", "Sources/Measures/RatioEstimators.swift",
     "degreesOfFreedom: Double(n - 1))\n        return ConfidenceInterval(mean: ratio,",
     "degreesOfFreedom: Double(n))\n        return ConfidenceInterval(mean: ratio,"),
    ("ratio of sums: variance over n", "Sources/Measures/RatioEstimators.swift",
     "let sd = (squares / Double(n - 1)).squareRoot()\n        let t = SpecialFunctions.studentTQuantile(1 - (1 - level) / 2, degreesOfFreedom: Double(n - 1))\n        return ConfidenceInterval(mean: ratio,",
     "let sd = (squares / Double(n)).squareRoot()\n        let t = SpecialFunctions.studentTQuantile(1 - (1 - level) / 2, degreesOfFreedom: Double(n - 1))\n        return ConfidenceInterval(mean: ratio,"),
    ("control variates shift the wrong way", "Sources/Measures/RatioEstimators.swift",
     "let mean = plain.mean - fit.shift / meanY", "let mean = plain.mean + fit.shift / meanY"),
    ("paired control variates shift the wrong way", "Sources/Measures/RatioEstimators.swift",
     "let difference = plain.mean - fit.shift", "let difference = plain.mean + fit.shift"),
    ("control variates without the extrapolation term", "Sources/Measures/RatioEstimators.swift",
     "return (shift, squares, p, 1 / Double(n) + distance, used)", "return (shift, squares, p, 1 / Double(n), used)"),
    ("control-variate jackknife without its (g − 1)/g factor", "Sources/Measures/RatioEstimators.swift",
     "let variance = Double(g - 1) / Double(g) * estimates", "let variance = estimates"),
    ("control-variate jackknife leaves the slope's centring out", "Sources/Measures/ControlVariateJackknife.swift",
     "s.cc[j][k] - s.count * mean[j] * mean[k]", "s.cc[j][k]"),
    ("nuisance rate over right-party answers only", "Sources/ContactCenter/MetricCatalogue.swift",
     "Fraction(Double($0.nuisance), Double($0.liveAnswers))", "Fraction(Double($0.nuisance), Double($0.connects))"),
    ("outbound work while exactly K agents are free", "Sources/ContactCenter/CenterModel+Outbound.swift",
     "guard groups[g].available > inboundReserve[g] else { return false }",
     "guard groups[g].available >= inboundReserve[g] else { return false }"),
    ("predictive pacing rounds the dials up", "Sources/ContactCenter/CenterModel+Outbound.swift",
     "let target = Int((campaigns[c].ratio * Double(free)).rounded(.down))",
     "let target = Int((campaigns[c].ratio * Double(free)).rounded(.up))"),
    ("a reached customer waits behind inbound calls", "Sources/ContactCenter/CenterModel+Routing.swift",
     "} else if (hasOutbound && takeConnectedCustomer(group: g, freedAgent: agent, calendar: &calendar))\n"
     "                || (hasDeferred && takeDeferredFirst(group: g, freedAgent: agent, calendar: &calendar))\n"
     "                || answerBest(group: g, freedAgent: agent, calendar: &calendar)",
     "} else if (hasDeferred && takeDeferredFirst(group: g, freedAgent: agent, calendar: &calendar))\n"
     "                || answerBest(group: g, freedAgent: agent, calendar: &calendar)\n"
     "                || (hasOutbound && takeConnectedCustomer(group: g, freedAgent: agent, calendar: &calendar))"),
    ("a misheard no rejects instead of accepting", "Sources/ContactCenter/IVRWalker.swift",
     "uAnswer < s.noHeardAsYes", "uAnswer >= s.noHeardAsYes"),
    ("one reprompt too many", "Sources/ContactCenter/IVRWalker.swift",
     "if failures > s.maxReprompts {", "if failures > s.maxReprompts + 1 {"),
    ("recognition counted on every attempt", "Sources/ContactCenter/IVRWalker.swift",
     "if failures == 0 && recognised == intent { tally.firstCorrect += 1 }", "if recognised == intent { tally.firstCorrect += 1 }"),
    ("a zero-out may still be resolved", "Sources/ContactCenter/IVRWalker.swift",
     "if zeroOut {\n                    speech.botZeroOuts += 1\n                } else if uResolved",
     "if zeroOut {\n                    speech.botZeroOuts += 1\n                }\n                if uResolved"),
    ("context factor on a wrong intent too", "Sources/ContactCenter/IVRWalker.swift",
     "if carried == intent { speech.handlingFactor = b.contextFactor }", "speech.handlingFactor = b.contextFactor"),
    ("bot containment over speech prompts", "Sources/ContactCenter/MetricCatalogue.swift",
     "Fraction(Double($0.ivr.speech.botContained), Double($0.ivr.speech.botEntered))",
     "Fraction(Double($0.ivr.speech.botContained), Double($0.ivr.speech.prompts))"),
    ("chats re-timed at the new pace", "Sources/ContactCenter/CenterModel+Chat.swift",
     "bringChatsUpToDate(group: g, agent: a, pace: before, at: now)", "bringChatsUpToDate(group: g, agent: a, pace: after, at: now)"),
    ("a new chat to the agent with the most chats", "Sources/ContactCenter/CenterModel+Chat.swift",
     "guard n < fewest || (n == fewest && holder.since < since), agentQualifies",
     "guard n > fewest || fewest == Int.max || (n == fewest && holder.since < since), agentQualifies"),
    ("concurrency over staffed agents", "Sources/ContactCenter/MetricCatalogue.swift",
     "Fraction($0.chatSeconds, $0.agentsChattingSeconds)", "Fraction($0.chatSeconds, $0.staffedAgentSeconds)"),
    ("held chats keep running", "Sources/ContactCenter/CenterModel+ChatVoice.swift",
     "guard chat!.voiceMode[g] == .hold else { return }", "guard chat!.voiceMode[g] == .never else { return }"),
    ("e-mail taken after the close", "Sources/ContactCenter/CenterModel+Deferred.swift",
     "guard !deferred!.closed, let (c, transfer)", "guard let (c, transfer)"),
    ("the e-mail share filled one agent late", "Sources/ContactCenter/CenterModel+Deferred.swift",
     "Double(deferred!.onDeferred[g]) < (share * Double(groups[g].staffed)).rounded()",
     "Double(deferred!.onDeferred[g]) <= (share * Double(groups[g].staffed)).rounded()"),
    ("within due over the answered only", "Sources/ContactCenter/MetricCatalogue.swift",
     "Double($0.deferred.answered + $0.deferred.overdueAtEnd)", "Double($0.deferred.answered)"),
    ("no e-mail at night", "Sources/ContactCenter/DayPlan.swift",
     "layout.spread(byDay: factored, night: nightArrivalsPerHour.indices.contains(i) ? nightArrivalsPerHour[i] : 0)",
     "layout.spread(byDay: factored, night: 0)"),
    ("a switched call is not an outcome", "Sources/ContactCenter/CenterCounters.swift",
     "+ callbackFailed + switchedOnOffer", "+ callbackFailed"),
    ("a further goal's clear miss is not a miss", "Sources/Experiments/SimulatedStaffingGoal.swift",
     "if parts.contains(where: { $0.map { !$0.meets && $0.clear } ?? false }) {",
     "if parts.contains(where: { $0.map { !$0.meets && !$0.clear } ?? false }) {"),
    ("a plan meets the goal whatever its further goals", "Sources/Experiments/SimulatedStaffingGoal.swift",
     "isOwnMet(by: e) && zip(further, e.further).allSatisfy { $0.isOwnMet(by: $1) }", "isOwnMet(by: e)"),
    ("a period's channel figures left empty", "Sources/ContactCenter/Recorder.swift",
     "if byPeriod { update(&counters.periods[Int(call.period)].byChannel[channel]) }", ""),
    ("the IVR's channel offer accepted by the others", "Sources/ContactCenter/IVRWalker.swift",
     "if u < channelOfferAcceptance[callType] { return (.switchedChannel, clock.t, node) }",
     "if u >= channelOfferAcceptance[callType] { return (.switchedChannel, clock.t, node) }"),
    ("a silent chat counted answered when taken", "Sources/ContactCenter/CenterModel+SilentAbandonment.swift",
     "        calls[handle].measured = false\n", ""),
    ("a silent chat held for its handling time", "Sources/ContactCenter/CenterModel+Chat.swift",
     "if call.gone { return silentAbandonments[Int(call.callType)]!.inactivityTimeoutSeconds }", ""),
    ("a day type's head counts ignored", "Sources/ContactCenter/DayPlan.swift",
     "layout.spread(byDay: (0..<days).map { variant($0)?.agentsByGroup[g] ?? counts }, night: 0)",
     "layout.spread(byDay: (0..<days).map { _ in counts }, night: 0)"),
]


def run(*command):
    return subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def main():
    wanted = set(sys.argv[1:])
    chosen = [m for m in MUTANTS if not wanted or m[0] in wanted]
    results = []
    for name, file, original, mutated in chosen:
        path = ROOT / file
        text = path.read_text()
        if text.count(original) != 1:
            print(f"?  {name}: the original text occurs {text.count(original)} times in {file}; update the mutant")
            results.append((name, "stale"))
            continue
        started = time.time()
        try:
            path.write_text(text.replace(original, mutated))
            build = run("swift", "build", "--build-tests")
            if build.returncode != 0:
                verdict = "does not build"
            else:
                tests = run("swift", "test", "--skip-build", "--filter", FILTER)
                verdict = "killed" if tests.returncode != 0 else "SURVIVED"
        finally:
            path.write_text(text)
        print(f"{'✔' if verdict != 'SURVIVED' else '✘'}  {name}: {verdict} ({time.time() - started:.0f} s)", flush=True)
        results.append((name, verdict))
    run("swift", "build", "--build-tests")  # the unmutated build back in place
    survivors = [n for n, v in results if v in ("SURVIVED", "stale")]
    print(f"mutate: {len(results) - len(survivors)} of {len(results)} mutants killed" +
          (f"; survived or stale: {', '.join(survivors)}" if survivors else ""))
    sys.exit(1 if survivors else 0)


if __name__ == "__main__":
    main()
