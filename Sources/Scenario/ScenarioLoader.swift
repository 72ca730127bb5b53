import ContactCenter
import Foundation
import Stochastic
import Yams

/// The only reader of user input: YAML text → validated `Scenario`, or a `ScenarioError`
/// listing every problem with its key path (and line).
public enum ScenarioLoader {
    public static let topLevelKeys = ["name", "description", "seed", "replications", "horizon", "service_level",
                                      "call_types", "agents"]

    /// Reads and validates the file at `path`.
    public static func load(file path: String) throws -> Scenario {
        try parse(bytes: try readBytes(path), file: path)
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
    public static func parse(bytes: [UInt8], file: String) throws -> Scenario {
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
        return try parse(text, file: file)
    }

    /// Validates scenario YAML text.
    public static func parse(_ text: String, file: String) throws -> Scenario {
        func fail(_ message: String, line: Int? = nil) -> ScenarioError {
            ScenarioError(file: file, problems: [ScenarioProblem(path: "", message: message, line: line)])
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw fail(syntaxMessage(error), line: syntaxLine(error))
        } catch {
            throw fail("YAML syntax error: \(error)")
        }
        guard let root else {
            throw fail("is empty: a scenario is a mapping with at least name, horizon, call_types and agents")
        }
        let diagnostics = Diagnostics()
        let scenario = ScenarioSchema.read(root, diagnostics: diagnostics)
        if !diagnostics.problems.isEmpty { throw ScenarioError(file: file, problems: diagnostics.problems) }
        guard let scenario else { throw fail("could not be read") }
        return scenario
    }

    static func syntaxMessage(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let where_ = context.map { " \($0.text)" } ?? ""
            return "YAML syntax error at line \(mark.line), column \(mark.column): \(problem)\(where_)"
        case .duplicatedKeysInMapping(let duplicates, let context):
            return "duplicate key\(duplicates.count > 1 ? "s" : "") \(duplicates.map { "'\($0)'" }.joined(separator: ", ")) "
                + "in one mapping \(context.text)"
        case .reader(let problem, let offset, _, _):
            return "cannot be read as YAML: \(problem)\(offset.map { " at byte \($0)" } ?? "")"
        default:
            return "YAML error: \(error)"
        }
    }

    static func syntaxLine(_ error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        case .duplicatedKeysInMapping(_, let context): return context.mark.line
        default: return nil
        }
    }
}
