import Stochastic

extension ConfidenceInterval {
    /// The ratio of sums over n independent replications, R = Σx_i ÷ Σy_i (e.g. calls
    /// answered within the target ÷ calls that entered the queue, over days), with the
    /// delta-method interval
    ///
    ///     R ± t_{1−α/2, n−1} · s_d ÷ (√n · ȳ),   s_d² = Σ(x_i − R·y_i)² ÷ (n − 1)
    ///
    /// (Asmussen & Glynn, *Stochastic Simulation*, 2007, §III.3, ratio estimators; SSJ
    /// reports rates as such "functions of averages"). Busy replications weigh more, as
    /// they do in the expectation E[X] ÷ E[Y] it estimates. Σy = 0 gives a NaN mean;
    /// n = 1 a NaN half-width.
    public static func ratioOfSums(numerators x: [Double], denominators y: [Double],
                                   level: Double = 0.95) -> ConfidenceInterval {
        precondition(x.count == y.count, "one numerator per denominator")
        precondition(level > 0 && level < 1, "confidence level must be in (0, 1)")
        let n = x.count
        let sumX = x.reduce(0, +), sumY = y.reduce(0, +)
        guard sumY > 0 else { return ConfidenceInterval(mean: .nan, halfWidth: .nan, n: n, level: level) }
        let ratio = sumX / sumY
        guard n >= 2 else { return ConfidenceInterval(mean: ratio, halfWidth: .nan, n: n, level: level) }
        var squares = 0.0
        for i in 0..<n {
            let d = x[i] - ratio * y[i]
            squares += d * d
        }
        let sd = (squares / Double(n - 1)).squareRoot()
        let t = SpecialFunctions.studentTQuantile(1 - (1 - level) / 2, degreesOfFreedom: Double(n - 1))
        return ConfidenceInterval(mean: ratio, halfWidth: t * sd / (Double(n).squareRoot() * sumY / Double(n)), n: n, level: level)
    }
}

extension ConfidenceInterval {
    /// The paired difference of two ratios of sums over the same n replications (common
    /// random numbers: replication i of both variants on the same streams),
    /// D = R_B − R_A with R_A = Σx_i ÷ Σy_i (baseline) and R_B = Σu_i ÷ Σv_i (variant), and
    /// the paired delta-method interval
    ///
    ///     D ± t_{1−α/2, n−1} · s_z ÷ √n,
    ///     z_i = (u_i − R_B·v_i) ÷ v̄ − (x_i − R_A·y_i) ÷ ȳ,   s_z² = Σ z_i² ÷ (n − 1)
    ///
    /// (the delta method applied to the pair (R_A, R_B); Asmussen & Glynn 2007, §III.3).
    /// The linearised terms of one replication share its randomness, so their difference
    /// varies far less than either. With every denominator 1 this is the paired t interval
    /// of the differences u_i − x_i. An empty denominator on either side gives NaN.
    public static func pairedRatioOfSums(baseline: (numerators: [Double], denominators: [Double]),
                                         variant: (numerators: [Double], denominators: [Double]),
                                         level: Double = 0.95) -> ConfidenceInterval {
        let (x, y) = baseline, (u, v) = variant
        precondition(x.count == y.count && u.count == v.count && x.count == u.count, "one pair per replication")
        precondition(level > 0 && level < 1, "confidence level must be in (0, 1)")
        let n = x.count
        let sumX = x.reduce(0, +), sumY = y.reduce(0, +), sumU = u.reduce(0, +), sumV = v.reduce(0, +)
        guard sumY > 0, sumV > 0 else { return ConfidenceInterval(mean: .nan, halfWidth: .nan, n: n, level: level) }
        let ra = sumX / sumY, rb = sumU / sumV
        guard n >= 2 else { return ConfidenceInterval(mean: rb - ra, halfWidth: .nan, n: n, level: level) }
        let meanY = sumY / Double(n), meanV = sumV / Double(n)
        var squares = 0.0
        for i in 0..<n {
            let z = (u[i] - rb * v[i]) / meanV - (x[i] - ra * y[i]) / meanY
            squares += z * z
        }
        let sd = (squares / Double(n - 1)).squareRoot()
        let t = SpecialFunctions.studentTQuantile(1 - (1 - level) / 2, degreesOfFreedom: Double(n - 1))
        return ConfidenceInterval(mean: rb - ra, halfWidth: t * sd / Double(n).squareRoot(), n: n, level: level)
    }
}

extension ConfidenceInterval {
    /// `ratioOfSums` with control variates: quantities c_{j,i} observed with each
    /// replication i whose expectations μ_j are known exactly (a day's busyness factor B,
    /// mean 1, and (B − 1)², mean Var B). The linearised ratio z_i = x_i − R₀·y_i
    /// (R₀ = x̄ ÷ ȳ) is regressed on the centred controls by least squares:
    ///
    ///     β = argmin Σ_i (z_i − Σ_j β_j (c_{j,i} − c̄_j))²,   R = R₀ − Σ_j β_j (c̄_j − μ_j) ÷ ȳ,
    ///     R ± t_{1−α/2, n−1−p} · s_e · √(1/n + (c̄ − μ)ᵀ A⁻¹ (c̄ − μ)) ÷ ȳ,
    ///     s_e² = Σ_i e_i² ÷ (n − 1 − p),  A = Σ_i (c_i − c̄)(c_i − c̄)ᵀ
    ///
    /// with e_i the regression residuals and p the number of controls (linear control
    /// variates, Lavenberg & Welch, Mgmt. Sci. 27(3), 1981, applied to the delta-method
    /// linearisation of the ratio). What the controls explain of the spread between
    /// replications leaves the interval. Controls without spread are dropped; with none
    /// left (or n ≤ p + 2) this is the plain `ratioOfSums`. With `.jackknife` (the default)
    /// the half-width is the jackknife's instead (`ControlVariateVariance`).
    public static func ratioOfSums(numerators x: [Double], denominators y: [Double], controls: [[Double]],
                                   controlMeans mu: [Double], level: Double = 0.95,
                                   variance: ControlVariateVariance = .jackknife) -> ConfidenceInterval {
        precondition(controls.count == mu.count && controls.allSatisfy { $0.count == x.count }, "one value per control and replication")
        let plain = ratioOfSums(numerators: x, denominators: y, level: level)
        let n = x.count
        guard plain.mean.isFinite else { return plain }
        let z = (0..<n).map { x[$0] - plain.mean * y[$0] }
        guard let fit = regress(z, on: controls, means: mu) else { return plain }
        let meanY = y.reduce(0, +) / Double(n)
        let mean = plain.mean - fit.shift / meanY
        if variance == .jackknife {
            let (group, g) = jackknifeGroups(n)
            let sums = ControlVariateJackknife(x: x, y: y, controls: fit.usedControls.map { controls[$0] },
                                               means: fit.usedControls.map { mu[$0] }, group: group, g: g)
            let halfWidth = jackknifeHalfWidth(g: g, controlsUsed: fit.used, level: level, estimateWithout: sums.ratio)
            return ConfidenceInterval(mean: mean, halfWidth: halfWidth, n: n, level: level)
        }
        let sd = (fit.residualSquares / Double(n - 1 - fit.used)).squareRoot()
        let t = SpecialFunctions.studentTQuantile(1 - (1 - level) / 2, degreesOfFreedom: Double(n - 1 - fit.used))
        return ConfidenceInterval(mean: mean, halfWidth: t * sd * fit.varianceFactor.squareRoot() / meanY, n: n, level: level)
    }

    /// n replications in g = min(n, `ControlVariateVariance.jackknifeGroups`) contiguous
    /// groups: [replication] → its group, and g.
    static func jackknifeGroups(_ n: Int) -> (group: [Int], g: Int) {
        let g = min(n, ControlVariateVariance.jackknifeGroups)
        return ((0..<n).map { $0 * g / n }, g)
    }

    /// The delete-a-group jackknife's half-width for an estimator θ over g groups of
    /// replications, θ_k the estimate without group k,
    ///
    ///     t_{1−α/2, g−1−p} · √((g − 1)/g · Σ_k (θ_k − θ̄)²)
    ///
    /// (Efron & Stein 1981; Kott, Survey Methodology 27(1), 2001, for groups), p the
    /// controls the estimate regressed on. NaN with fewer than p + 2 groups.
    static func jackknifeHalfWidth(g: Int, controlsUsed p: Int, level: Double, estimateWithout: (Int) -> Double) -> Double {
        guard g >= p + 2 else { return .nan }
        let estimates = (0..<g).map(estimateWithout)
        let mean = estimates.reduce(0, +) / Double(g)
        let variance = Double(g - 1) / Double(g) * estimates.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let t = SpecialFunctions.studentTQuantile(1 - (1 - level) / 2, degreesOfFreedom: Double(g - 1 - p))
        return t * variance.squareRoot()
    }

    /// `pairedRatioOfSums` with control variates observed with each replication (common to
    /// both variants: the same days): the paired linearised terms z_i (mean 0) are
    /// regressed on the centred controls as in `ratioOfSums(…controls:…)`,
    ///
    ///     D = D₀ − Σ_j β_j (c̄_j − μ_j),   D ± t_{1−α/2, n−1−p} · s_e · √(1/n + (c̄ − μ)ᵀ A⁻¹ (c̄ − μ)).
    ///
    /// Controls without spread are dropped; with none left (or n ≤ p + 2) this is the plain
    /// `pairedRatioOfSums`. With `.jackknife` (the default) the half-width is the
    /// jackknife's (`ControlVariateVariance`).
    public static func pairedRatioOfSums(baseline: (numerators: [Double], denominators: [Double]),
                                         variant: (numerators: [Double], denominators: [Double]),
                                         controls: [[Double]], controlMeans mu: [Double], level: Double = 0.95,
                                         variance: ControlVariateVariance = .jackknife) -> ConfidenceInterval {
        let plain = pairedRatioOfSums(baseline: baseline, variant: variant, level: level)
        let (x, y) = baseline, (u, v) = variant
        let n = x.count
        precondition(controls.count == mu.count && controls.allSatisfy { $0.count == n }, "one value per control and replication")
        guard plain.mean.isFinite else { return plain }
        let sumY = y.reduce(0, +), sumV = v.reduce(0, +)
        let ra = x.reduce(0, +) / sumY, rb = u.reduce(0, +) / sumV
        let meanY = sumY / Double(n), meanV = sumV / Double(n)
        let z = (0..<n).map { (u[$0] - rb * v[$0]) / meanV - (x[$0] - ra * y[$0]) / meanY }
        guard let fit = regress(z, on: controls, means: mu) else { return plain }
        let difference = plain.mean - fit.shift
        if variance == .jackknife {
            let (group, g) = jackknifeGroups(n)
            let sums = ControlVariateJackknife(x: x, y: y, u: u, v: v, controls: fit.usedControls.map { controls[$0] },
                                               means: fit.usedControls.map { mu[$0] }, group: group, g: g)
            let halfWidth = jackknifeHalfWidth(g: g, controlsUsed: fit.used, level: level, estimateWithout: sums.paired)
            return ConfidenceInterval(mean: difference, halfWidth: halfWidth, n: n, level: level)
        }
        let sd = (fit.residualSquares / Double(n - 1 - fit.used)).squareRoot()
        let t = SpecialFunctions.studentTQuantile(1 - (1 - level) / 2, degreesOfFreedom: Double(n - 1 - fit.used))
        return ConfidenceInterval(mean: difference, halfWidth: t * sd * fit.varianceFactor.squareRoot(), n: n, level: level)
    }

    /// The least-squares regression of `z` (mean 0) on the centred controls:
    /// β = argmin Σ_i (z_i − Σ_j β_j (c_{j,i} − c̄_j))², the shift Σ_j β_j (c̄_j − μ_j), the
    /// residual sum of squares, the number of controls used (those with spread), and the
    /// variance factor 1/n + (c̄ − μ)ᵀ A⁻¹ (c̄ − μ), A = Σ_i d_i d_iᵀ: the estimate is the
    /// regression's value at c = μ, whose variance is s_e² times that factor (Lavenberg &
    /// Welch 1981; Nelson, Oper. Res. 38(6), 1990). The second term widens the interval
    /// when the sample's controls are far from their means (a run of light days), where
    /// the fitted slope is extrapolated. Nil when no control has spread, n ≤ p + 2, or the
    /// system is singular.
    static func regress(_ z: [Double], on controls: [[Double]], means mu: [Double])
        -> (shift: Double, residualSquares: Double, used: Int, varianceFactor: Double, usedControls: [Int])? {
        let n = z.count
        let centred = controls.map { c in
            let m = c.reduce(0, +) / Double(n)
            return (values: c.map { $0 - m }, mean: m)
        }
        let used = centred.indices.filter { j in centred[j].values.contains { $0 != 0 } }
        let p = used.count
        guard p > 0, n > p + 2 else { return nil }
        // Normal equations A β = b, A = Σ d dᵀ, b = Σ d z, solved by Gaussian elimination.
        let normal = used.map { j in used.map { k in zip(centred[j].values, centred[k].values).reduce(0) { $0 + $1.0 * $1.1 } } }
        var a = normal
        var b = used.map { j in zip(centred[j].values, z).reduce(0) { $0 + $1.0 * $1.1 } }
        guard let beta = solve(&a, &b) else { return nil }
        var squares = 0.0
        for i in 0..<n {
            var e = z[i]
            for (q, j) in used.enumerated() { e -= beta[q] * centred[j].values[i] }
            squares += e * e
        }
        var shift = 0.0
        for (q, j) in used.enumerated() { shift += beta[q] * (centred[j].mean - mu[j]) }
        let offset = used.map { centred[$0].mean - mu[$0] }
        var system = normal, solved = offset
        guard let w = solve(&system, &solved) else { return nil }
        let distance = zip(offset, w).reduce(0) { $0 + $1.0 * $1.1 }
        return (shift, squares, p, 1 / Double(n) + distance, used)
    }

    /// Solves the small symmetric system a·β = b by Gaussian elimination with partial
    /// pivoting; nil when it is (numerically) singular.
    static func solve(_ a: inout [[Double]], _ b: inout [Double]) -> [Double]? {
        let p = b.count
        let scale = a.indices.map { a[$0][$0] }.max() ?? 0
        for col in 0..<p {
            let pivot = (col..<p).max { abs(a[$0][col]) < abs(a[$1][col]) }!
            guard abs(a[pivot][col]) > 1e-12 * scale else { return nil }
            a.swapAt(col, pivot)
            b.swapAt(col, pivot)
            for row in (col + 1)..<p {
                let f = a[row][col] / a[col][col]
                for k in col..<p { a[row][k] -= f * a[col][k] }
                b[row] -= f * b[col]
            }
        }
        var beta = [Double](repeating: 0, count: p)
        for row in stride(from: p - 1, through: 0, by: -1) {
            var s = b[row]
            for k in (row + 1)..<p { s -= a[row][k] * beta[k] }
            beta[row] = s / a[row][row]
        }
        return beta
    }
}

/// How the interval of a control-variate estimate is computed.
public enum ControlVariateVariance: Sendable, Equatable {
    /// The regression's: s_e² times the Lavenberg–Welch factor (exact when the outputs and
    /// controls are jointly normal; the staffing search's, on at least 100 days).
    case regression
    /// The delete-a-group jackknife of the whole estimator (ratio, regression and shift):
    /// on busy day mixes, where a day's rates bend with its volume, the regression's
    /// interval is too narrow for few days. Measured at n = 20 days (1,500 intervals, one
    /// hour at 64 calls/h × B, 4 agents): with busyness cv 0.2 service level covered 0.954
    /// and abandonment 0.938 (regression 0.941, 0.919; the plain delta method 0.937, 0.916),
    /// at 0.72 and 0.83 of the plain half-width; with cv 0.5: 0.936 and 0.901 (regression
    /// 0.917, 0.865; plain 0.923, 0.878). From sums (`ControlVariateJackknife`): as cheap
    /// as the regression's.
    case jackknife

    static let jackknifeGroups = 40
}

/// A confidence interval for a probability p from k successes in n independent trials.
public struct ProportionInterval: Sendable, Equatable {
    /// k ÷ n.
    public let estimate: Double
    public let low: Double
    public let high: Double
    public let n: Int

    /// Wilson's score interval (Wilson 1927; Agresti & Coull, Am. Stat. 52(2), 1998):
    ///
    ///     (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) ÷ (1 + z²/n)
    ///
    /// with z the normal quantile of 1 − α/2. Unlike p̂ ± z·√(p̂(1−p̂)/n) it does not
    /// collapse to a point at k = 0 or k = n, so "every day met the goal" on 20 days still
    /// leaves an interval below 1.
    public static func wilson(successes k: Int, trials n: Int, level: Double = 0.95) -> ProportionInterval {
        precondition(k >= 0 && k <= n, "successes must be in 0...trials")
        precondition(level > 0 && level < 1, "confidence level must be in (0, 1)")
        guard n > 0 else { return ProportionInterval(estimate: .nan, low: 0, high: 1, n: 0) }
        let z = SpecialFunctions.normalQuantile(1 - (1 - level) / 2)
        let p = Double(k) / Double(n), nn = Double(n), z2 = z * z
        let center = (p + z2 / (2 * nn)) / (1 + z2 / nn)
        let half = z * (p * (1 - p) / nn + z2 / (4 * nn * nn)).squareRoot() / (1 + z2 / nn)
        return ProportionInterval(estimate: p, low: max(0, center - half), high: min(1, center + half), n: n)
    }
}
