import ContactCenter
import Foundation
import Stochastic
import Yams

/// The only reader of user input: YAML text → validated `Scenario`, or a `ScenarioError`
/// listing every problem with its key path (and line).
public enum ScenarioLoader {
    public static let topLevelKeys = ["name", "description", "seed", "replications", "horizon", "service_level",
                                      "intents", "call_types", "agents", "routing", "ivr", "variants", "check", "sweep", "periods", "busyness",
                                      "lines", "shifts", "cost", "precision", "campaigns", "days"]
    /// Keys a variant may not override (they identify the run, not the model).
    static let fixedKeys = ["name", "description", "seed", "replications", "variants", "check", "sweep", "shifts", "cost", "precision"]

    /// Reads and validates the file at `path`; `sweep` (path, values), when given,
    /// replaces the file's `sweep:` block (`ccsim sweep --param path=a,b,c`).
    public static func load(file path: String, sweep: [(path: String, values: [String])]? = nil) throws -> Scenario {
        try parse(bytes: try readBytes(path), file: path, sweep: sweep)
    }

    /// The file's bytes, or a `ScenarioError` naming why it cannot be read.
    public static func readBytes(_ path: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ScenarioError(file: path, problems: [ScenarioProblem(path: "", message: "no such file")])
        }
        guard !isDirectory.boolValue else {
            throw ScenarioError(file: path, problems: [ScenarioProblem(path: "", message: "is a directory, not a scenario file")])
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioError(file: path, problems: [ScenarioProblem(path: "", message: "cannot be read (permissions?)")])
        }
        return [UInt8](data)
    }

    /// Validates scenario text given as bytes (must be UTF-8 text).
    public static func parse(bytes: [UInt8], file: String, sweep: [(path: String, values: [String])]? = nil) throws -> Scenario {
        func fail(_ message: String, line: Int? = nil) -> ScenarioError {
            ScenarioError(file: file, problems: [ScenarioProblem(path: "", message: message, line: line)])
        }
        guard bytes.count <= ScenarioLimits.maxFileBytes else {
            throw fail("is \(bytes.count) bytes; a scenario file is at most \(ScenarioLimits.maxFileBytes) bytes")
        }
        if let nul = bytes.firstIndex(of: 0) {
            throw fail("is not a text file (NUL byte at offset \(nul))")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw fail("is not UTF-8 text")
        }
        return try parse(text, file: file, sweep: sweep)
    }

    /// Validates scenario YAML text.
    public static func parse(_ text: String, file: String, sweep: [(path: String, values: [String])]? = nil) throws -> Scenario {
        func fail(_ message: String, line: Int? = nil) -> ScenarioError {
            ScenarioError(file: file, problems: [ScenarioProblem(path: "", message: message, line: line)])
        }
        if let (line, message) = complexKeyWithAnchors(text) { throw fail(message, line: line) }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw fail(syntaxMessage(error, text: text), line: syntaxLine(error, text: text))
        } catch {
            throw fail("YAML syntax error: \(error)")
        }
        guard let root else {
            throw fail("is empty: a scenario is a mapping with at least name, horizon, call_types and agents")
        }
        let diagnostics = Diagnostics()
        var base = root
        var specs: [VariantSpec] = []
        var checkNode: Node?
        var sweepNode: Node?
        var shiftsNode: Node?
        var costNode: Node?
        if case .mapping(let m) = root {
            // variants:, check:, sweep: and shifts: are read apart; the model is read from the rest.
            base = .mapping(Node.Mapping(m.filter { !["variants", "check", "sweep", "shifts", "cost"].contains($0.key.string ?? "") }
                                            .map { ($0.key, $0.value) }, m.tag, m.style, m.mark))
            if let v = m.first(where: { $0.key.string == "variants" })?.value {
                specs = readVariants(v, diagnostics: diagnostics)
            }
            checkNode = m.first(where: { $0.key.string == "check" })?.value
            sweepNode = m.first(where: { $0.key.string == "sweep" })?.value
            shiftsNode = m.first(where: { $0.key.string == "shifts" })?.value
            costNode = m.first(where: { $0.key.string == "cost" })?.value
        }
        if let sweep {
            sweepNode = .mapping(Node.Mapping(sweep.map { (Node($0.path), .sequence(Node.Sequence($0.values.map { Node($0) }))) }))
        }
        guard var scenario = ScenarioSchema.read(base, diagnostics: diagnostics), diagnostics.problems.isEmpty else {
            throw ScenarioError(file: file, problems: diagnostics.problems.isEmpty
                                ? [ScenarioProblem(path: "", message: "could not be read")] : diagnostics.problems)
        }
        if !specs.isEmpty {
            scenario.variants = specs.compactMap { variant(base, $0, diagnostics: diagnostics) }
        }
        if let sweepNode, let parameters = SweepReader.read(sweepNode, diagnostics: diagnostics) {
            scenario.sweep = Sweep(parameters: parameters,
                                   points: sweepPoints(base, parameters, specs: specs, diagnostics: diagnostics))
        }
        if let checkNode {
            scenario.check = CheckReader.read(checkNode, config: scenario.config,
                                              variantNames: specs.isEmpty ? ["base"] : specs.map(\.name), diagnostics: diagnostics)
        }
        if let shiftsNode { scenario.shifts = ShiftsReader.read(shiftsNode, day: scenario.config.day, diagnostics: diagnostics) }
        // `cost: {per_agent_hour: X}`: what an agent-hour costs (staffing tables show a daily cost).
        if let costNode, let r = MappingReader(costNode, path: "cost", allowedKeys: ["per_agent_hour"], diagnostics: diagnostics),
           let x = r.number("per_agent_hour", required: true, what: "the cost of one agent-hour") {
            if x >= 0 { scenario.costPerAgentHour = x } else { r.report("per_agent_hour", "must be ≥ 0 (got \(x))") }
        }
        if !diagnostics.problems.isEmpty { throw ScenarioError(file: file, problems: diagnostics.problems) }
        return scenario
    }

    /// Every point of the grid (first parameter outermost), each with all its variants;
    /// problems at a point are reported as `sweep[path=value,…].<path>`.
    ///
    /// A swept path is set in the base when the base has it (a variant that sets it too
    /// keeps its own value); a path only some variants create (a node a variant adds) is set
    /// in those variants, after their own settings, and the others run unchanged at every
    /// point, as reference lines; a path no variant has is an error.
    static func sweepPoints(_ base: Node, _ parameters: [SweepParameter], specs: [VariantSpec],
                            diagnostics: Diagnostics) -> [SweepPoint] {
        var grid: [[Int]] = [[]]
        for p in parameters { grid = grid.flatMap { prefix in p.values.indices.map { prefix + [$0] } } }
        let components = parameters.map { ArraySlice($0.path.split(separator: ".").map(String.init)) }
        var points: [SweepPoint] = []
        for indices in grid {
            let values = zip(parameters, indices).map { $0.values[$1] }
            let label = "sweep[" + zip(parameters, values).map { "\($0.path)=\($1)" }.joined(separator: ",") + "]"
            var tree = base
            var ok = true
            var inVariants: [(path: ArraySlice<String>, value: Node, error: NodeOverride.OverrideError)] = []
            for (path, value) in zip(components, values) {
                switch NodeOverride.set(tree, path: path, value: Node(value)) {
                case .success(let t): tree = t
                case .failure(let e):
                    guard !specs.isEmpty else {
                        diagnostics.report("sweep.\(e.path)", e.message, at: nil)
                        return []  // the same path fails at every point: say it once
                    }
                    inVariants.append((path, Node(value), e))
                }
            }
            let own = Diagnostics()
            var variants: [ScenarioVariant] = []
            if specs.isEmpty {
                guard let s = ScenarioSchema.read(tree, diagnostics: own), own.problems.isEmpty else {
                    for p in own.problems { diagnostics.report(p, under: label) }
                    ok = false
                    continue
                }
                variants = s.variants
            } else {
                var taken = [Bool](repeating: false, count: inVariants.count)
                for spec in specs {
                    guard var variantTree = variantTree(tree, spec, diagnostics: own) else { continue }
                    for (k, set) in inVariants.enumerated() {
                        if case .success(let t) = NodeOverride.set(variantTree, path: set.path, value: set.value) {
                            variantTree = t
                            taken[k] = true
                        }
                    }
                    if let v = read(variantTree, spec, diagnostics: own) { variants.append(v) }
                }
                if let k = taken.firstIndex(of: false) {
                    diagnostics.report("sweep.\(inVariants[k].error.path)", inVariants[k].error.message + " (in the base and in every variant)",
                                       at: nil)
                    return []
                }
                for p in own.problems { diagnostics.report(p, under: label) }
                ok = own.problems.isEmpty
            }
            if ok { points.append(SweepPoint(values: values, variants: variants)) }
        }
        return points
    }

    struct VariantSpec {
        let name: String
        let index: Int
        let sets: [(path: String, value: Node)]
    }

    /// `variants: [{name, set: {dotted.key.path: value, …}}]`.
    static func readVariants(_ node: Node, diagnostics: Diagnostics) -> [VariantSpec] {
        guard let items = NodeValue.sequence(node, path: "variants", what: "variants {name, set}", diagnostics: diagnostics)
        else { return [] }
        var specs: [VariantSpec] = []
        var seen = Set<String>()
        for (i, item) in items.enumerated() {
            let path = element("variants", i)
            guard let r = MappingReader(item, path: path, allowedKeys: ["name", "set"], diagnostics: diagnostics),
                  let name = r.string("name", required: true, what: "the variant's name") else { continue }
            if !seen.insert(name).inserted { r.report("name", "repeats another variant's name (got \"\(name)\")") }
            var sets: [(path: String, value: Node)] = []
            if let setNode = r.value("set") {
                guard case .mapping(let m) = setNode else {
                    diagnostics.report(child(path, "set"), "must map key paths to values, e.g. {ivr.policy: dynamic} (got \(shown(setNode)))", at: setNode)
                    continue
                }
                for (k, v) in m {
                    let keyPath = k.string ?? ""
                    if let first = keyPath.split(separator: ".").first, fixedKeys.contains(String(first)) {
                        diagnostics.report("\(path).set.\(keyPath)", "a variant cannot change \(first)", at: k)
                        continue
                    }
                    sets.append((keyPath, v))
                }
            }
            specs.append(VariantSpec(name: name, index: i, sets: sets))
        }
        return specs
    }

    /// The base with the variant's overrides applied, validated as a whole; its problems
    /// are reported as `variants.<name>.<path>`.
    static func variant(_ base: Node, _ spec: VariantSpec, diagnostics: Diagnostics) -> ScenarioVariant? {
        variantTree(base, spec, diagnostics: diagnostics).flatMap { read($0, spec, diagnostics: diagnostics) }
    }

    /// The base with the variant's overrides applied (nil, reported, when one fails).
    static func variantTree(_ base: Node, _ spec: VariantSpec, diagnostics: Diagnostics) -> Node? {
        var tree = base
        for (path, value) in spec.sets {
            switch NodeOverride.set(tree, path: ArraySlice(path.split(separator: ".").map(String.init)), value: value) {
            case .success(let t): tree = t
            case .failure(let e):
                diagnostics.report("variants[\(spec.index)].set.\(e.path)", e.message, at: value)
                return nil
            }
        }
        return tree
    }

    /// A variant's tree read as a whole; its problems reported as `variants.<name>.<path>`.
    static func read(_ tree: Node, _ spec: VariantSpec, diagnostics: Diagnostics) -> ScenarioVariant? {
        let own = Diagnostics()
        guard let s = ScenarioSchema.read(tree, diagnostics: own), own.problems.isEmpty else {
            for p in own.problems { diagnostics.report(p, under: "variants.\(spec.name)") }
            return nil
        }
        return ScenarioVariant(name: spec.name, config: s.config)
    }

    /// Found by fuzzing: an alias used as a mapping key (`? *bomb`) makes the YAML library
    /// hash the expanded key — a 1 KB file of nested aliases took more than a minute. A
    /// scenario's keys are plain names, so in a file with anchors a key that is an alias or
    /// a collection is refused before the document is composed: the line of the first one.
    static func complexKeyWithAnchors(_ text: String) -> (line: Int, message: String)? {
        guard text.contains("&") else { return nil }
        let message = "a mapping key that is an alias or a collection is not accepted (scenario keys are plain names)"
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.drop { $0 == " " || $0 == "\t" || $0 == "-" }
            if line.hasPrefix("? ") || line == "?" { return (n + 1, message) }  // explicit (complex) key
            // An alias or a flow collection directly before a key's colon: "*a: 1", "[x]: 1", "{a: *b}: 1".
            var previous: Character = " "
            var aliasStarted = false
            var quote: Character?
            for c in line {
                if let q = quote {  // inside a quoted scalar: nothing here is a key
                    if c == q { quote = nil }
                    previous = c
                    continue
                }
                if c == "\"" || c == "'" { quote = c; previous = c; continue }
                if c == "#" && (previous == " " || previous == "\t") { break }  // a comment
                if c == "*" && " \t[{,?".contains(previous) { aliasStarted = true }
                if c == ":" && (aliasStarted || previous == "]" || previous == "}") { return (n + 1, message) }
                if " \t,]}".contains(c) { aliasStarted = false }
                previous = c
            }
        }
        return nil
    }

    static func syntaxMessage(_ error: YamlError, text: String) -> String {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let where_ = context.map { " \(quoted($0.text))" } ?? ""
            return "YAML syntax error at line \(mark.line), column \(mark.column): \(quoted(problem))\(where_)"
        case .duplicatedKeysInMapping(let duplicates, let context):
            return "duplicate key\(duplicates.count > 1 ? "s" : "") \(duplicates.prefix(3).map { "'\(quoted($0.description))'" }.joined(separator: ", ")) "
                + "in one mapping \(quoted(context.text))"
        case .reader(let problem, let offset, _, _):
            guard let offset, let (line, column) = lineAndColumn(ofScalar: offset, in: text) else {
                return "cannot be read as YAML: \(problem)"
            }
            return "cannot be read as YAML at line \(line), column \(column): \(problem)"
        default:
            return "YAML error: \(error)"
        }
    }

    /// At most one line of input, at most 80 characters, in a message (a duplicate key's
    /// context is the whole mapping: a 1 MB document must not come back as the message).
    static func quoted(_ text: String) -> String {
        let line = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: true).first.map(String.init) ?? ""
        let more = line.count < text.trimmingCharacters(in: .whitespacesAndNewlines).count
        return line.count > 80 ? String(line.prefix(80)) + "…" : line + (more ? " …" : "")
    }

    static func syntaxLine(_ error: YamlError, text: String) -> Int? {
        switch error {
        case .reader(_, let offset?, _, _): return lineAndColumn(ofScalar: offset, in: text)?.line
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        case .duplicatedKeysInMapping(_, let context): return context.mark.line
        default: return nil
        }
    }

    /// The 1-based line and column of the `offset`-th Unicode scalar of `text` (the YAML
    /// reader reports some problems, e.g. a control character, by that offset).
    static func lineAndColumn(ofScalar offset: Int, in text: String) -> (line: Int, column: Int)? {
        guard offset >= 0 else { return nil }
        var line = 1, column = 1, k = 0
        for scalar in text.unicodeScalars {
            if k == offset { return (line, column) }
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            k += 1
        }
        return k == offset ? (line, column) : nil
    }
}
