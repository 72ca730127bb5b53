import Stochastic
import Yams

/// Reads a distribution written as a one-key map naming the law (seconds throughout):
/// `{exponential: {mean: 180}}`, `{erlang: {phases: 3, mean: 240}}`,
/// `{gamma: {shape: 2, scale: 90}}`, `{lognormal: {mean: 200, sd: 150}}` or
/// `{lognormal: {mu: 5, sigma: 0.5}}`, `{weibull: {shape: 1.5, scale: 300}}`,
/// `{deterministic: 30}`, `{uniform: {low: 10, high: 40}}`, `{empirical: [5, 10, 60]}`,
/// `{mixture: [{weight: 0.1, deterministic: 0}, {weight: 0.9, exponential: {mean: 1000}}]}`,
/// `{piecewise_exponential: {breaks: [30, 90], means: [200, 120, 400]}}`.
enum DistributionReader {
    static let laws = ["exponential", "erlang", "gamma", "lognormal", "weibull", "deterministic", "uniform",
                       "empirical", "mixture", "piecewise_exponential"]

    static let example = "{exponential: {mean: 180}}"

    static func read(_ node: Node, path: String, diagnostics: Diagnostics) -> Distribution? {
        guard case .mapping(let mapping) = node else {
            diagnostics.report(path, "must be a distribution such as \(example) (got \(shown(node)))", at: node)
            return nil
        }
        let keys = mapping.keys.compactMap { $0.string }
        guard mapping.count == 1, let law = keys.first else {
            let listed = keys.isEmpty ? "nothing" : keys.joined(separator: ", ")
            diagnostics.report(path, "must name exactly one law (\(laws.joined(separator: ", "))) (got \(listed))", at: node)
            return nil
        }
        let body = mapping.values.first!
        let lawPath = child(path, law)
        guard laws.contains(law) else {
            diagnostics.report(lawPath, "unknown distribution\(Suggestion.hint(for: law, in: laws))", at: node)
            return nil
        }
        let before = diagnostics.problems.count
        let distribution: Distribution?
        switch law {
        case "mixture":
            return readMixture(body, path: lawPath, diagnostics: diagnostics)
        case "deterministic":
            if case .mapping = body {
                let r = MappingReader(body, path: lawPath, allowedKeys: ["value"], diagnostics: diagnostics)
                distribution = r?.number("value", required: true).map { .deterministic($0) }
            } else {
                distribution = NodeValue.number(body, path: lawPath, diagnostics: diagnostics).map { .deterministic($0) }
            }
        case "empirical":
            var listNode = body
            var listPath = lawPath
            if case .mapping = body {
                guard let r = MappingReader(body, path: lawPath, allowedKeys: ["values"], diagnostics: diagnostics),
                      let v = r.required("values", "the list of observed values") else { return nil }
                listNode = v
                listPath = child(lawPath, "values")
            }
            guard let items = NodeValue.sequence(listNode, path: listPath, what: "values", diagnostics: diagnostics)
            else { return nil }
            let values = items.enumerated().compactMap {
                NodeValue.number($1, path: element(listPath, $0), diagnostics: diagnostics)
            }
            distribution = values.count == items.count ? .empirical(values) : nil
        default:
            distribution = readParameters(law, body, path: lawPath, diagnostics: diagnostics)
        }
        guard let d = distribution, diagnostics.problems.count == before else { return nil }
        for problem in d.parameterProblems {
            let key = problem.key.hasPrefix("values") ? String(problem.key.dropFirst("values".count)) : problem.key
            let where_ = key.isEmpty ? lawPath : (key.hasPrefix("[") ? lawPath + key : child(lawPath, key))
            diagnostics.report(where_, problem.message, at: body)
        }
        return d.parameterProblems.isEmpty ? d : nil
    }

    private static func readParameters(_ law: String, _ body: Node, path: String, diagnostics: Diagnostics) -> Distribution? {
        switch law {
        case "exponential":
            guard let r = MappingReader(body, path: path, allowedKeys: ["mean"], diagnostics: diagnostics),
                  let mean = r.number("mean", required: true, what: "the mean in seconds") else { return nil }
            return .exponential(mean: mean)
        case "erlang":
            guard let r = MappingReader(body, path: path, allowedKeys: ["phases", "mean"], diagnostics: diagnostics) else { return nil }
            let phases = r.integer("phases", required: true, what: "the number of exponential phases")
            let mean = r.number("mean", required: true, what: "the mean in seconds")
            guard let k = phases, let m = mean else { return nil }
            if k > 10_000 { r.report("phases", "must be at most 10000 (got \(k))"); return nil }
            return .erlang(phases: k, mean: m)
        case "gamma", "weibull":
            guard let r = MappingReader(body, path: path, allowedKeys: ["shape", "scale"], diagnostics: diagnostics) else { return nil }
            let shape = r.number("shape", required: true, what: "the shape parameter")
            let scale = r.number("scale", required: true, what: "the scale in seconds")
            guard let k = shape, let s = scale else { return nil }
            return law == "gamma" ? .gamma(shape: k, scale: s) : .weibull(shape: k, scale: s)
        case "lognormal":
            guard let r = MappingReader(body, path: path, allowedKeys: ["mean", "sd", "mu", "sigma"], diagnostics: diagnostics)
            else { return nil }
            if r.has("mu") || r.has("sigma") {
                if r.has("mean") || r.has("sd") {
                    diagnostics.report(path, "give either mean and sd, or mu and sigma (got both)", at: body)
                    return nil
                }
                let mu = r.number("mu", required: true, what: "the mean of ln X")
                let sigma = r.number("sigma", required: true, what: "the standard deviation of ln X")
                guard let m = mu, let s = sigma else { return nil }
                return .lognormal(mu: m, sigma: s)
            }
            let mean = r.number("mean", required: true, what: "the mean in seconds")
            let sd = r.number("sd", required: true, what: "the standard deviation in seconds")
            guard let m = mean, let s = sd else { return nil }
            guard m > 0 else { r.report("mean", "must be a positive number (got \(m))"); return nil }
            guard s > 0 else { r.report("sd", "must be a positive number (got \(s))"); return nil }
            return .lognormal(mean: m, sd: s)
        case "piecewise_exponential":
            guard let r = MappingReader(body, path: path, allowedKeys: ["breaks", "means"], diagnostics: diagnostics) else { return nil }
            func numbers(_ key: String, _ what: String) -> [Double]? {
                guard let node = r.required(key, what),
                      let items = NodeValue.sequence(node, path: child(path, key), what: what, diagnostics: diagnostics) else { return nil }
                let values = items.enumerated().compactMap { NodeValue.number($1, path: element(child(path, key), $0), diagnostics: diagnostics) }
                return values.count == items.count ? values : nil
            }
            let breaks = numbers("breaks", "the times (s) where the hazard changes, ascending")
            let means = numbers("means", "the mean (1 ÷ hazard) on each segment, one more than breaks")
            guard let breaks, let means else { return nil }
            return .piecewiseExponential(breaks: breaks, means: means)
        case "uniform":
            guard let r = MappingReader(body, path: path, allowedKeys: ["low", "high"], diagnostics: diagnostics) else { return nil }
            let low = r.number("low", required: true, what: "the lower bound in seconds")
            let high = r.number("high", required: true, what: "the upper bound in seconds")
            guard let l = low, let h = high else { return nil }
            return .uniform(low: l, high: h)
        default:
            preconditionFailure("law \(law) is handled by read()")
        }
    }

    /// `[{weight: w, <law>: …}, …]`: weights in [0, 1] summing to 1.
    private static func readMixture(_ body: Node, path: String, diagnostics: Diagnostics) -> Distribution? {
        guard let items = NodeValue.sequence(body, path: path, what: "{weight: w, <law>: …} components",
                                             diagnostics: diagnostics) else { return nil }
        if items.isEmpty { diagnostics.report(path, "must list at least one component (got none)", at: body); return nil }
        var components: [Distribution.MixtureComponent] = []
        var total = 0.0
        for (i, item) in items.enumerated() {
            let itemPath = element(path, i)
            guard let r = MappingReader(item, path: itemPath, allowedKeys: ["weight"] + laws, diagnostics: diagnostics)
            else { continue }
            let weight = r.number("weight", required: true, what: "the probability of this component")
            let lawPairs = r.pairs.filter { $0.key != "weight" }
            guard lawPairs.count == 1 else {
                diagnostics.report(itemPath, "must name exactly one law besides weight (got \(lawPairs.count))", at: item)
                continue
            }
            let lawNode = Node.mapping(Node.Mapping([(Node(lawPairs[0].key), lawPairs[0].value)]))
            let component = read(lawNode, path: itemPath, diagnostics: diagnostics)
            if let w = weight, !(w >= 0 && w <= 1) { r.report("weight", "must be in [0, 1] (got \(w))") }
            if let w = weight, let c = component, w >= 0 && w <= 1 {
                components.append(.init(weight: w, c))
                total += w
            }
        }
        guard components.count == items.count else { return nil }
        if abs(total - 1) > 1e-9 {
            diagnostics.report(path, "weights must sum to 1 (got \(total))", at: body)
            return nil
        }
        return .mixture(components)
    }
}
