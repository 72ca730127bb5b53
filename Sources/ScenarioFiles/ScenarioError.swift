/// One problem in a scenario file: where (key path, and line when known) and what.
/// Rendered as `FILE:LINE: path.to.key: message (got X)`.
public struct ScenarioProblem: Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let message: String
    public let line: Int?

    public init(path: String, message: String, line: Int? = nil) {
        self.path = path
        self.message = message
        self.line = line
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }

    /// The message with its file (and line) in front, as the CLI prints it.
    public func located(in file: String) -> String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(description)"
    }
}

/// Every problem found in one scenario file; thrown by `ScenarioLoader`.
public struct ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let problems: [ScenarioProblem]

    public init(file: String, problems: [ScenarioProblem]) {
        precondition(!problems.isEmpty, "a ScenarioError lists at least one problem")
        self.file = file
        self.problems = problems
    }

    public var description: String { problems.map { $0.located(in: file) }.joined(separator: "\n") }
}

/// "Did you mean …?" for unknown keys and names: the closest candidate by edit distance,
/// when it is close enough (at most 1/3 of the longer word's letters differ, minimum 1).
public enum Suggestion {
    /// The candidate within a third of the longer length in edits of `word`, if any.
    /// Bounded work (found by fuzzing: 5,000 unknown names against 5,000 known ones took
    /// 34 s): words longer than 64 characters get no suggestion, candidates whose length
    /// alone rules them out are skipped, and one search compares at most
    /// `maxCellsPerSearch` character pairs (some 50 names of 9 letters; keyword lists are
    /// far shorter, so their typos are always found).
    static func closest(to word: String, in candidates: [String]) -> String? {
        guard word.count <= 64 else { return nil }
        let lowered = word.lowercased()
        var best: (String, Int)?
        var cells = 0
        for candidate in candidates {
            let limit = max(1, max(word.count, candidate.count) / 3)
            guard abs(candidate.count - word.count) <= limit else { continue }
            cells += word.count * candidate.count
            if cells > maxCellsPerSearch { break }
            let d = editDistance(lowered, candidate.lowercased())
            if d <= limit && d < (best?.1 ?? .max) { best = (candidate, d) }
        }
        return best?.0
    }

    static let maxCellsPerSearch = 4_000

    /// Levenshtein distance with adjacent transpositions counted once (optimal string
    /// alignment). - Complexity: O(|a|·|b|).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }

    /// " (did you mean 'x'?)" or "".
    public static func hint(for word: String, in candidates: [String]) -> String {
        closest(to: word, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }
}
