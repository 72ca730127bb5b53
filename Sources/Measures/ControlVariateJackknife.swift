/// The delete-a-group jackknife of the control-variate ratio estimators from sums: each
/// estimate on "all replications but group k" needs only sums over them (of x, y, the
/// controls c and the products c·x, c·y, c·cᵀ; u, v, c·u, c·v for a paired difference),
/// which are the totals minus group k's. So the g estimates cost O(n·p² + g·p³), not
/// O(g·n·p²): the jackknife's interval is as cheap as the regression's.
///
/// On a subset of N replications (sums S), with controls shifted by their whole-sample
/// means (the regression is unchanged by a shift of the controls):
///
///     R₀ = S_x ÷ S_y,  c̄ = S_c ÷ N,  A = S_cc − N c̄ c̄ᵀ,  b = S_cx − R₀ S_cy   (Σ z = 0),
///     β = A⁻¹ b,  R = R₀ − β·(c̄ − μ) ÷ (S_y ÷ N);
///
/// paired: a = S_x ÷ S_y, b = S_u ÷ S_v, b_vec = (S_cu − b S_cv) ÷ (S_v/N) − (S_cx − a S_cy) ÷ (S_y/N),
/// D = (b − a) − β·(c̄ − μ).
struct ControlVariateJackknife {
    struct Sums {
        var count = 0.0, x = 0.0, y = 0.0, u = 0.0, v = 0.0
        var c: [Double], cx: [Double], cy: [Double], cu: [Double], cv: [Double], cc: [[Double]]

        init(p: Int) {
            c = Array(repeating: 0, count: p); cx = c; cy = c; cu = c; cv = c
            cc = Array(repeating: Array(repeating: 0, count: p), count: p)
        }

        /// a + sign·b, term by term.
        static func combined(_ a: Sums, _ b: Sums, sign: Double) -> Sums {
            var s = a
            s.count += sign * b.count; s.x += sign * b.x; s.y += sign * b.y; s.u += sign * b.u; s.v += sign * b.v
            for j in s.c.indices {
                s.c[j] += sign * b.c[j]; s.cx[j] += sign * b.cx[j]; s.cy[j] += sign * b.cy[j]
                s.cu[j] += sign * b.cu[j]; s.cv[j] += sign * b.cv[j]
                for k in s.c.indices { s.cc[j][k] += sign * b.cc[j][k] }
            }
            return s
        }
    }

    let total: Sums
    let groups: [Sums]
    /// The controls' known means, shifted as the controls are.
    let mu: [Double]

    /// `controls`: the controls used (those with spread); `group[i]`: replication i's group.
    init(x: [Double], y: [Double], u: [Double]? = nil, v: [Double]? = nil, controls: [[Double]], means: [Double], group: [Int], g: Int) {
        let p = controls.count, n = x.count
        let shifts = controls.map { $0.reduce(0, +) / Double(n) }
        mu = zip(means, shifts).map { $0 - $1 }
        var byGroup = Array(repeating: Sums(p: p), count: g)
        var c = [Double](repeating: 0, count: p)
        for i in 0..<n {
            for j in 0..<p { c[j] = controls[j][i] - shifts[j] }
            let k = group[i]
            byGroup[k].count += 1; byGroup[k].x += x[i]; byGroup[k].y += y[i]
            if let u, let v { byGroup[k].u += u[i]; byGroup[k].v += v[i] }
            for j in 0..<p {
                byGroup[k].c[j] += c[j]; byGroup[k].cx[j] += c[j] * x[i]; byGroup[k].cy[j] += c[j] * y[i]
                if let u, let v { byGroup[k].cu[j] += c[j] * u[i]; byGroup[k].cv[j] += c[j] * v[i] }
                for l in 0..<p { byGroup[k].cc[j][l] += c[j] * c[l] }
            }
        }
        total = byGroup.reduce(Sums(p: p)) { Sums.combined($0, $1, sign: 1) }
        groups = byGroup
    }

    /// The ratio estimate without group k.
    func ratio(without k: Int) -> Double {
        let s = Sums.combined(total, groups[k], sign: -1)
        let r0 = s.x / s.y
        let b = s.c.indices.map { s.cx[$0] - r0 * s.cy[$0] }
        guard let shift = shift(s, b) else { return r0 }
        return r0 - shift / (s.y / s.count)
    }

    /// The paired difference's estimate without group k.
    func paired(without k: Int) -> Double {
        let s = Sums.combined(total, groups[k], sign: -1)
        let a = s.x / s.y, bb = s.u / s.v, my = s.y / s.count, mv = s.v / s.count
        let b = s.c.indices.map { (s.cu[$0] - bb * s.cv[$0]) / mv - (s.cx[$0] - a * s.cy[$0]) / my }
        guard let shift = shift(s, b) else { return bb - a }
        return bb - a - shift
    }

    /// β·(c̄ − μ) with β = A⁻¹ b on the subset's sums; nil when A is singular.
    private func shift(_ s: Sums, _ b: [Double]) -> Double? {
        let mean = s.c.map { $0 / s.count }
        var a = s.c.indices.map { j in s.c.indices.map { k in s.cc[j][k] - s.count * mean[j] * mean[k] } }
        var rhs = b
        guard let beta = ConfidenceInterval.solve(&a, &rhs) else { return nil }
        return zip(beta, zip(mean, mu)).reduce(0) { $0 + $1.0 * ($1.1.0 - $1.1.1) }
    }
}
