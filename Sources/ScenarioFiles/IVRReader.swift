import ContactCenter
import Stochastic
import Yams

/// Reads `ivr:` (documented in Scenarios/README.md): nodes as one-key maps naming their
/// kind, referring to each other by name.
enum IVRReader {
    static let kinds = ["announcement", "identification", "menu", "self_service", "speech", "bot", "channel_offer", "transfer", "hangup"]

    /// A duration: a plain number of seconds or a distribution.
    static func duration(_ node: Node, path: String, diagnostics: Diagnostics) -> Distribution? {
        if case .scalar = node {
            guard let x = NodeValue.number(node, path: path, diagnostics: diagnostics) else { return nil }
            guard x >= 0 else { diagnostics.report(path, "must be a number of seconds ≥ 0 (got \(x))", at: node); return nil }
            return .deterministic(x)
        }
        return DistributionReader.read(node, path: path, diagnostics: diagnostics)
    }

    static func probability(_ r: MappingReader, _ key: String, default value: Double = 0, required: Bool = false) -> Double {
        guard let p = r.number(key, required: required, what: "a probability in [0, 1]") else { return value }
        guard p >= 0 && p <= 1 else { r.report(key, "must be in [0, 1] (got \(p))"); return value }
        return p
    }

    static func read(_ node: Node, intents: [Intent], callTypeNames: [String], diagnostics: Diagnostics) -> IVRConfig? {
        let keys = ["start", "policy", "dynamic", "misroute_handling", "ports", "nodes"]
        guard let r = MappingReader(node, path: "ivr", allowedKeys: keys, diagnostics: diagnostics) else { return nil }
        guard let nodesNode = r.required("nodes", "the IVR's nodes by name"),
              case .mapping(let nodesMap) = nodesNode else {
            if let n = r.value("nodes") { diagnostics.report("ivr.nodes", "must be a mapping from node names to nodes (got \(shown(n)))", at: n) }
            return nil
        }
        let names: [String] = nodesMap.keys.map { $0.string ?? "" }
        if names.isEmpty { diagnostics.report("ivr.nodes", "must define at least one node (got none)", at: nodesNode); return nil }
        let before = diagnostics.problems.count
        /// A node reference by name, with did-you-mean.
        func reference(_ reader: MappingReader, _ key: String, required: Bool = true) -> Int? {
            guard let name = reader.string(key, required: required, what: "the name of a node") else { return nil }
            guard let i = names.firstIndex(of: name) else {
                reader.report(key, "no node is named \"\(name)\"\(Suggestion.hint(for: name, in: names))")
                return nil
            }
            return i
        }
        var nodes: [IVRNode] = []
        for (keyNode, value) in nodesMap {
            let name = keyNode.string ?? "?"
            let path = "ivr.nodes.\(name)"
            guard case .mapping(let m) = value, m.count == 1, let kind = m.keys.first?.string, let body = m.values.first else {
                diagnostics.report(path, "must be one of \(kinds.map { "{\($0): …}" }.joined(separator: ", ")) (got \(shown(value)))", at: value)
                continue
            }
            let kindPath = child(path, kind)
            switch kind {
            case "announcement":
                guard let b = MappingReader(body, path: kindPath, allowedKeys: ["seconds", "next"], diagnostics: diagnostics) else { continue }
                let seconds = b.required("seconds", "its duration").flatMap { duration($0, path: child(kindPath, "seconds"), diagnostics: diagnostics) }
                let next = reference(b, "next")
                if let seconds, let next { nodes.append(IVRNode(name: name, kind: .announcement(seconds: seconds, next: next))) }
            case "channel_offer":
                // "Press 2 to continue in chat": who accepts is his call type's switch.ivr_acceptance.
                guard let b = MappingReader(body, path: kindPath, allowedKeys: ["seconds", "next"], diagnostics: diagnostics) else { continue }
                let seconds = b.required("seconds", "the offer's duration").flatMap { duration($0, path: child(kindPath, "seconds"), diagnostics: diagnostics) }
                let next = reference(b, "next")
                if let seconds, let next { nodes.append(IVRNode(name: name, kind: .channelOffer(seconds: seconds, next: next))) }
            case "identification":
                let k = ["seconds", "failure_probability", "next", "on_failure"]
                guard let b = MappingReader(body, path: kindPath, allowedKeys: k, diagnostics: diagnostics) else { continue }
                let seconds = b.required("seconds", "its duration").flatMap { duration($0, path: child(kindPath, "seconds"), diagnostics: diagnostics) }
                let failure = probability(b, "failure_probability")
                let next = reference(b, "next"), onFailure = reference(b, "on_failure")
                if let seconds, let next, let onFailure {
                    nodes.append(IVRNode(name: name, kind: .identification(seconds: seconds, failureProbability: failure,
                                                                           next: next, onFailure: onFailure)))
                }
            case "menu":
                if let menu = readMenu(body, path: kindPath, reference: reference, diagnostics: diagnostics) {
                    nodes.append(IVRNode(name: name, kind: .menu(menu)))
                }
            case "self_service":
                guard let b = MappingReader(body, path: kindPath, allowedKeys: ["seconds", "success", "on_failure"],
                                            diagnostics: diagnostics) else { continue }
                let seconds = b.required("seconds", "its duration").flatMap { duration($0, path: child(kindPath, "seconds"), diagnostics: diagnostics) }
                var success = [Double](repeating: 0, count: intents.count)
                if let s = b.required("success", "success probability per intent, e.g. {balance: 0.9}"),
                   let sr = MappingReader(s, path: child(kindPath, "success"), allowedKeys: intents.map(\.name), diagnostics: diagnostics) {
                    for (i, intent) in intents.enumerated() where sr.has(intent.name) {
                        success[i] = probability(sr, intent.name)
                    }
                }
                let onFailure = reference(b, "on_failure")
                if let seconds, let onFailure {
                    nodes.append(IVRNode(name: name, kind: .selfService(seconds: seconds, successProbability: success, onFailure: onFailure)))
                }
            case "speech":
                if let prompt = SpeechNodeReader.speech(body, path: kindPath, intents: intents, callTypeNames: callTypeNames,
                                                        reference: reference, diagnostics: diagnostics) {
                    nodes.append(IVRNode(name: name, kind: .speech(prompt)))
                }
            case "bot":
                if let dialog = SpeechNodeReader.bot(body, path: kindPath, intents: intents, reference: reference, diagnostics: diagnostics) {
                    nodes.append(IVRNode(name: name, kind: .bot(dialog)))
                }
            case "transfer":
                guard let b = MappingReader(body, path: kindPath, allowedKeys: ["skill"], diagnostics: diagnostics),
                      let skill = b.string("skill", required: true, what: "the agent skill, or any for generalists") else { continue }
                let skills = Array(Set(intents.map(\.skill))).sorted()
                if skill != "any" && !skills.contains(skill) {
                    b.report("skill", "no intent has skill \"\(skill)\"\(Suggestion.hint(for: skill, in: skills + ["any"]))")
                    continue
                }
                nodes.append(IVRNode(name: name, kind: .transfer(skill: skill == "any" ? nil : skill)))
            case "hangup":
                _ = MappingReader(body, path: kindPath, allowedKeys: [], diagnostics: diagnostics)
                nodes.append(IVRNode(name: name, kind: .hangup))
            default:
                diagnostics.report(kindPath, "unknown node kind\(Suggestion.hint(for: kind, in: kinds))", at: value)
            }
        }
        let start = reference(r, "start")
        var misroute = Distribution.deterministic(60)
        if let m = r.value("misroute_handling"), let d = duration(m, path: "ivr.misroute_handling", diagnostics: diagnostics) {
            misroute = d
        }
        var policy = IVRPolicy.staticMenu
        let policyName = r.string("policy") ?? "static"
        switch policyName {
        case "static": break
        case "dynamic":
            guard let d = r.required("dynamic", "the dynamic menu's parameters (coverage, accuracy, offer, …)") else { break }
            if let p = readDynamic(d, callTypeNames: callTypeNames, reference: reference, diagnostics: diagnostics) {
                policy = .dynamic(p)
            }
        default:
            r.report("policy", "must be static or dynamic (got \(policyName))")
        }
        if let d = r.value("dynamic"), policyName == "static" {
            // Still checked, so that a variant switching to dynamic finds it valid.
            _ = readDynamic(d, callTypeNames: callTypeNames, reference: reference, diagnostics: diagnostics)
        }
        var ports: Int?
        if let p = r.integer("ports", what: "the number of IVR ports (channels)") {
            if (1...ScenarioLimits.maxAgents).contains(p) { ports = p } else { r.report("ports", "must be in 1...\(ScenarioLimits.maxAgents) (got \(p))") }
        }
        guard diagnostics.problems.count == before, let start, nodes.count == names.count else { return nil }
        nodes = SpeechNodeReader.completingRoutes(nodes, intents: intents, diagnostics: diagnostics)
        guard diagnostics.problems.count == before else { return nil }
        return IVRConfig(nodes: nodes, start: start, policy: policy, misrouteHandlingSeconds: misroute, ports: ports)
    }

    static func readMenu(_ body: Node, path: String, reference: (MappingReader, String, Bool) -> Int?,
                         diagnostics: Diagnostics) -> IVRMenu? {
        let keys = ["intro_seconds", "options", "reaction_seconds", "invalid_probability", "invalid_seconds", "retries",
                    "fallback", "zero_probability", "zero_to", "mis_selection_probability"]
        guard let b = MappingReader(body, path: path, allowedKeys: keys, diagnostics: diagnostics) else { return nil }
        let intro = b.number("intro_seconds", required: true, what: "seconds before the first option") ?? 0
        if intro < 0 { b.report("intro_seconds", "must be ≥ 0 (got \(intro))") }
        var options: [IVROption] = []
        var complete = true
        if let o = b.required("options", "the options in the order they are announced"),
           let items = NodeValue.sequence(o, path: child(path, "options"), what: "options {label, seconds, to}", diagnostics: diagnostics) {
            if items.isEmpty { b.report("options", "must list at least one option (got none)") }
            for (i, item) in items.enumerated() {
                let p = element(child(path, "options"), i)
                guard let or = MappingReader(item, path: p, allowedKeys: ["label", "seconds", "to"], diagnostics: diagnostics) else {
                    complete = false
                    continue
                }
                let label = or.string("label") ?? "option \(i + 1)"
                let seconds = or.number("seconds", required: true, what: "how long the option's announcement lasts")
                if let s = seconds, s < 0 { or.report("seconds", "must be ≥ 0 (got \(s))") }
                let target = reference(or, "to", true)
                if let seconds, let target, seconds >= 0 {
                    options.append(IVROption(label: label, seconds: seconds, target: target))
                } else { complete = false }
            }
        } else { complete = false }
        var reaction = Distribution.deterministic(1)
        if let rn = b.value("reaction_seconds"), let d = duration(rn, path: child(path, "reaction_seconds"), diagnostics: diagnostics) {
            reaction = d
        }
        let invalid = probability(b, "invalid_probability")
        let invalidSeconds = b.number("invalid_seconds") ?? 5
        if invalidSeconds < 0 { b.report("invalid_seconds", "must be ≥ 0 (got \(invalidSeconds))") }
        let retries = b.integer("retries") ?? 2
        if !(0...20).contains(retries) { b.report("retries", "must be in 0...20 (got \(retries))") }
        let fallback = reference(b, "fallback", invalid > 0 || b.has("fallback"))
        let zero = probability(b, "zero_probability")
        let zeroTo = reference(b, "zero_to", zero > 0 || b.has("zero_to"))
        let mis = probability(b, "mis_selection_probability")
        guard complete, intro >= 0, invalidSeconds >= 0, (0...20).contains(retries) else { return nil }
        if invalid > 0 && fallback == nil { return nil }
        if zero > 0 && zeroTo == nil { return nil }
        return IVRMenu(introSeconds: intro, options: options, reactionSeconds: reaction, invalidProbability: invalid,
                       invalidSeconds: invalidSeconds, maxRetries: retries, fallback: fallback ?? options.first?.target ?? 0,
                       zeroProbability: zero, zeroTarget: zeroTo, misSelectionProbability: mis)
    }

    /// `dynamic: {coverage, accuracy, offer, offer_prompt_seconds, offer_at, reorder}`;
    /// coverage and accuracy are one number for all call types or a map by call type.
    static func readDynamic(_ node: Node, callTypeNames: [String], reference: (MappingReader, String, Bool) -> Int?,
                            diagnostics: Diagnostics) -> DynamicMenuPolicy? {
        let keys = ["coverage", "accuracy", "offer", "offer_prompt_seconds", "offer_at", "reorder"]
        guard let r = MappingReader(node, path: "ivr.dynamic", allowedKeys: keys, diagnostics: diagnostics) else { return nil }
        func perCallType(_ key: String) -> [Double]? {
            guard let v = r.required(key, "a probability, or one per call type {\(callTypeNames.first ?? "name"): p, …}") else { return nil }
            let path = child("ivr.dynamic", key)
            if case .scalar = v {
                guard let p = NodeValue.number(v, path: path, diagnostics: diagnostics) else { return nil }
                guard p >= 0 && p <= 1 else { diagnostics.report(path, "must be in [0, 1] (got \(p))", at: v); return nil }
                return Array(repeating: p, count: callTypeNames.count)
            }
            guard let m = MappingReader(v, path: path, allowedKeys: callTypeNames, diagnostics: diagnostics) else { return nil }
            var out: [Double] = []
            for name in callTypeNames {
                guard m.has(name) else { m.report(name, "is required: every call type needs a value"); return nil }
                out.append(probability(m, name))
            }
            return out
        }
        let coverage = perCallType("coverage"), accuracy = perCallType("accuracy")
        let offer = readBool(r, "offer", default: true)
        let reorder = readBool(r, "reorder", default: false)
        let prompt = r.number("offer_prompt_seconds") ?? 8
        if prompt < 0 { r.report("offer_prompt_seconds", "must be ≥ 0 (got \(prompt))") }
        let offerAt = reference(r, "offer_at", offer ?? true)
        guard let coverage, let accuracy, prompt >= 0, let offer, let reorder else { return nil }
        if offer && offerAt == nil { return nil }
        return DynamicMenuPolicy(coverage: coverage, accuracy: accuracy, offer: offer, offerPromptSeconds: prompt,
                                 offerAt: offerAt ?? 0, reorder: reorder)
    }

    static func readBool(_ r: MappingReader, _ key: String, default value: Bool) -> Bool? {
        guard let text = r.string(key) else { return r.has(key) ? nil : value }
        switch text {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            r.report(key, "must be true or false (got \(text))")
            return nil
        }
    }
}
