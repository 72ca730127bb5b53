import Experiments

/// `ccsim check --junit FILE`: the check as a JUnit XML report, which CI servers (GitLab,
/// Jenkins, GitHub Actions' test reporters) show test by test: one `<testsuite>` per
/// scenario, one `<testcase>` per pinned figure (`classname` the scenario, `name`
/// variant.metric); a figure that moved beyond what is allowed is a `<failure>` naming the
/// baseline, the new value and the allowance; one that moved within noise or tolerance
/// passes with its note in `<system-out>`. Every name and value is escaped for XML.
public enum JUnitFile {
    public static func xml(_ rows: [(scenario: String, verdict: CheckVerdict)]) -> String {
        func number(_ x: Double?) -> String { x.map { $0.isFinite ? JSON.format($0) : "n/a" } ?? "none" }
        var scenarios: [String] = []
        for row in rows where !scenarios.contains(row.scenario) { scenarios.append(row.scenario) }
        let failed = rows.filter { !$0.verdict.passed }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"ccsim check\" tests=\"\(rows.count)\" failures=\"\(failed)\">\n"
        for scenario in scenarios {
            let mine = rows.filter { $0.scenario == scenario }.map(\.verdict)
            out += "  <testsuite name=\"\(escape(scenario))\" tests=\"\(mine.count)\" failures=\"\(mine.filter { !$0.passed }.count)\">\n"
            for v in mine {
                out += "    <testcase classname=\"\(escape(scenario))\" name=\"\(escape(v.variant + "." + v.metric))\""
                let said = "baseline \(number(v.baseline?.mean)), now \(number(v.now?.mean)), allowed ±\(number(v.allowed))"
                    + (v.note.isEmpty ? "" : " (\(v.note))")
                switch v.outcome {
                case .exact:
                    out += "/>\n"
                case .movedWithinNoise, .movedWithinTolerance:
                    let how = v.outcome == .movedWithinNoise ? "moved within noise" : "moved within its tolerance"
                    out += ">\n      <system-out>\(escape(how + ": " + said))</system-out>\n    </testcase>\n"
                case .failed:
                    out += ">\n      <failure message=\"\(escape("moved beyond what is allowed: " + said))\" type=\"moved\"/>\n"
                        + "    </testcase>\n"
                }
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>\n"
    }

    /// Text for an XML attribute or element: the report's escaping (`Report.escape`: markup
    /// as entities, characters XML does not allow as U+FFFD), line feeds as `&#10;` so that
    /// an attribute keeps them.
    static func escape(_ s: String) -> String { Report.escape(s).replacingOccurrences(of: "\n", with: "&#10;") }
}
