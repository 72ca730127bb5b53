import Foundation

/// A finite continuous-time Markov chain built by exploring the states reachable from one
/// state (`transitions` gives each state's moves and rates), with its stationary law
/// (Gauss–Seidel on πQ = 0) and, for chains with absorbing states, the probability of
/// being absorbed in some of them by a time t (uniformization). Used by the tests to hold
/// the simulation against exact values of small models.
struct MarkovChain<State: Hashable> {
    private(set) var states: [State] = []
    private(set) var index: [State: Int] = [:]
    /// Per state, its moves (target index, rate).
    private(set) var moves: [[(to: Int, rate: Double)]] = []

    init(from starts: [State], transitions: (State) -> [(State, Double)]) {
        var queue: [State] = []
        for s in starts where index[s] == nil {
            index[s] = states.count
            states.append(s)
            queue.append(s)
        }
        var k = 0
        while k < queue.count {
            let s = queue[k]
            k += 1
            var out: [(to: Int, rate: Double)] = []
            for (t, rate) in transitions(s) where rate > 0 {
                if index[t] == nil {
                    index[t] = states.count
                    states.append(t)
                    queue.append(t)
                }
                out.append((index[t]!, rate))
            }
            moves.append(out)
        }
    }

    /// The stationary distribution: Gauss–Seidel sweeps of π_j = Σ_i π_i q_ij ÷ q_j until
    /// no probability moves by more than `tolerance` (relative), normalised each sweep.
    func stationary(tolerance: Double = 1e-14, maxSweeps: Int = 200_000) -> [Double] {
        let n = states.count
        var incoming = [[(from: Int, rate: Double)]](repeating: [], count: n)
        var exit = [Double](repeating: 0, count: n)
        for (i, out) in moves.enumerated() {
            for m in out where m.to != i {
                incoming[m.to].append((i, m.rate))
                exit[i] += m.rate
            }
        }
        var pi = [Double](repeating: 1 / Double(n), count: n)
        for _ in 0..<maxSweeps {
            var change = 0.0
            for j in 0..<n where exit[j] > 0 {
                let value = incoming[j].reduce(0) { $0 + pi[$1.from] * $1.rate } / exit[j]
                change = max(change, abs(value - pi[j]) / max(value, 1e-300))
                pi[j] = value
            }
            let total = pi.reduce(0, +)
            for j in 0..<n { pi[j] /= total }
            if change < tolerance { break }
        }
        return pi
    }

    /// Starting from `initial` (a law over the states), the probability of being in one of
    /// the `target` states by time t, where targets are absorbing: uniformization,
    /// P(t) = Σ_n e^{−Λt}(Λt)ⁿ/n! · (initial · Pⁿ)[target], P = I + Q/Λ, Λ = the largest
    /// exit rate (the sum cut when the Poisson tail is below 1e-15).
    func absorbed(into target: Set<Int>, by t: Double, from initial: [Double]) -> Double {
        let n = states.count
        var exit = [Double](repeating: 0, count: n)
        for (i, out) in moves.enumerated() { for m in out where m.to != i { exit[i] += m.rate } }
        let lambda = max(exit.max() ?? 0, 1e-300)
        var v = initial
        var weight = exp(-lambda * t), cumulative = weight
        func mass(_ v: [Double]) -> Double { target.reduce(0) { $0 + v[$1] } }
        var result = weight * mass(v)
        var k = 0
        while 1 - cumulative > 1e-15 && k < 100_000 {
            var next = [Double](repeating: 0, count: n)
            for i in 0..<n where v[i] != 0 {
                next[i] += v[i] * (1 - exit[i] / lambda)
                for m in moves[i] where m.to != i { next[m.to] += v[i] * m.rate / lambda }
            }
            v = next
            k += 1
            weight *= lambda * t / Double(k)
            cumulative += weight
            result += weight * mass(v)
        }
        return result + (1 - cumulative) * mass(v)
    }
}
