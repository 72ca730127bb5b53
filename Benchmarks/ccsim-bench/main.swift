// Benchmark: the "erlang-a-100" workload of issue 2, in a release build.
// 100 calls/min, exponential AHT 3 min, 310 agents, exponential patience mean 2 min,
// FIFO, 10,000 warm-up calls then N measured calls, one replication.
// Prints calls per second (all simulated calls, warm-up included, over wall time) and
// peak resident set size (getrusage ru_maxrss), for N = 10^5, 10^6 and 10^7 in that
// order: ru_maxrss is the process-wide peak, so equal figures mean memory does not
// grow with the number of calls.
import ContactCenter
import Foundation
import ScenarioFiles
import Stochastic

func peakRSSMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // Linux reports kilobytes
}

func workload(measuredCalls: Int) -> CenterConfig {
    CenterConfig(
        callTypes: [CallType(name: "retail", arrivalsPerHour: 6000, serviceSeconds: .exponential(mean: 180),
                             patienceSeconds: .exponential(mean: 120))],
        agents: 310, serviceLevelTargetSeconds: 20,
        horizon: .calls(warmupCalls: 10_000, measuredCalls: measuredCalls))
}

// Then the bank hotline (Scenarios/bank-hotline.yaml, run from the repository root):
// each variant's model with 10,000 warm-up and 1,000,000 measured calls.
//
// Usage: ccsim-bench [REPEATS [N1,N2,... [BANK_CALLS]]]
//   (defaults: 3; 100000,1000000,10000000; 1000000; BANK_CALLS 0 skips the bank hotline)
/// Median calls/s and wall seconds of `repeats` replications of `config`, and the last counters.
func measure(_ config: CenterConfig, seed: UInt64, repeats: Int) -> (rate: Double, seconds: Double, last: CenterCounters) {
    var rates: [Double] = []
    var seconds: [Double] = []
    var last = CenterCounters()
    for r in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        last = CenterModel.simulate(config, seed: seed, replication: UInt64(r))
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        seconds.append(elapsed)
        rates.append(Double(config.simulatedCallsPerReplication) / elapsed)
    }
    return (rates.sorted()[repeats / 2], seconds.sorted()[repeats / 2], last)
}

let arguments = Array(CommandLine.arguments.dropFirst())
let repeats = arguments.first.flatMap(Int.init) ?? 3
let sizes = arguments.count > 1
    ? arguments[1].split(separator: ",").compactMap { Int($0) }
    : [100_000, 1_000_000, 10_000_000]
print("ccsim-bench erlang-a-100 (release build; GSL \(GSL.version); median of \(repeats) runs)")
print("measured calls  calls/s (median)  wall s  peak RSS MB  service_level  abandon_rate")
for measured in sizes {
    let (rate, wall, last) = measure(workload(measuredCalls: measured), seed: 1, repeats: repeats)
    let m = last.metrics
    print(String(format: "%14d  %16.0f  %6.3f  %11.1f  %13.4f  %12.4f",
                 measured, rate, wall, peakRSSMegabytes(), m["service_level"]!, m["abandon_rate"]!))
}

let bankCalls = arguments.count > 2 ? Int(arguments[2]) ?? 1_000_000 : 1_000_000
if bankCalls > 0, let bank = try? ScenarioLoader.load(file: "Scenarios/bank-hotline.yaml") {
    print("")
    print("bank-hotline (IVR), \(bankCalls) measured calls per variant, median of \(repeats) runs")
    print("variant           calls/s (median)  wall s  peak RSS MB  mean_ivr_seconds  transfer_rate")
    for variant in bank.variants {
        var config = variant.config
        config.horizon = .calls(warmupCalls: 10_000, measuredCalls: bankCalls)
        let (rate, wall, last) = measure(config, seed: bank.seed, repeats: repeats)
        let m = last.metrics
        let name = variant.name.padding(toLength: 16, withPad: " ", startingAt: 0)
        print(name + String(format: "  %16.0f  %6.3f  %11.1f  %16.1f  %13.4f",
                            rate, wall, peakRSSMegabytes(), m["mean_ivr_seconds"]!, m["transfer_rate"]!))
    }
}
