import Foundation

/// Text on its way to gnuplot, always as data. gnuplot runs backquoted text inside
/// double-quoted program strings as a shell command, expands `@macros` and `eval`s built
/// strings; so no name from a scenario, a log or a results folder is ever placed in
/// program text. Strings go as `-c` arguments (string variables); series titles and tick
/// labels as quoted fields of the data files, read with `columnheader` and `xtic()`.
enum GnuplotText {
    /// Longest name shown in a figure (characters); longer ones end in "…".
    static let maximumShown = 120

    /// A display string as one line: control characters (CR, LF, tab, NUL, …) and the line
    /// and paragraph separators become spaces.
    static func controlsAsSpaces(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map {
            $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : $0
        }))
    }

    /// `controlsAsSpaces`, cut to `maximumShown` characters.
    static func oneLine(_ text: String) -> String {
        let line = controlsAsSpaces(String(text.unicodeScalars.prefix(maximumShown + 1)))
        return line.unicodeScalars.count > maximumShown ? String(line.unicodeScalars.prefix(maximumShown)) + "…" : line
    }

    /// A quoted field of a whitespace-separated gnuplot data file (a title or tick label):
    /// gnuplot reads `"…"` as one field, with no escapes and no substitution, so the text's
    /// own double quotes become single quotes.
    static func field(_ text: String) -> String {
        "\"" + oneLine(text).replacingOccurrences(of: "\"", with: "'") + "\""
    }

    /// A `-c` argument: a path as it is (a file name is exact; NUL cannot occur in one), a
    /// display string as `oneLine`.
    static func argument(_ text: String, isPath: Bool) -> String {
        isPath ? PathParts.absolute(text) : oneLine(text)
    }

    /// The template's string parameters: its lines `name = ARGk` (k in 1…9), by name.
    static func declaredStrings(_ template: String) -> [String: Int] {
        var declared: [String: Int] = [:]
        for line in template.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, parts[1].count == 4, parts[1].hasPrefix("ARG"), let k = Int(parts[1].dropFirst(3)), (1...9).contains(k),
                  !parts[0].isEmpty, parts[0].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { continue }
            declared[parts[0]] = k
        }
        return declared
    }

    /// A data file of blocks for `index i`: each block's first line is its title (quoted;
    /// read with `columnheader(1)`), blocks are separated by two blank lines; an empty
    /// block gets one row of `NaN`s (`columns` of them) so that the indices stay aligned.
    static func blocks(_ blocks: [(title: String, rows: [String])], columns: Int = 4) -> String {
        blocks.map { block in
            ([field(block.title)] + (block.rows.isEmpty ? [Array(repeating: "NaN", count: columns).joined(separator: " ")] : block.rows))
                .joined(separator: "\n")
        }.joined(separator: "\n\n\n") + "\n"
    }

    /// The block of tick labels the templates draw last (`using 1:(NaN):xtic(2)`): one row
    /// "position "label"" per tick.
    static func labelBlock(_ ticks: [(position: Double, label: String)]) -> (title: String, rows: [String]) {
        ("labels", ticks.map { "\($0.position) " + field($0.label) })
    }
}
