/// RFC 4180 CSV, the one form every ccsim CSV file is written and read in.
public enum CSV {
    /// A field as written: quoted (inner quotes doubled) when it holds a comma, a quote, a
    /// CR or an LF, so that a name with any of them stays one field of one row.
    static func field(_ text: String) -> String {
        let needsQuotes = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        return needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// The rows of a CSV text: quoted fields may hold commas, doubled quotes, CR and LF;
    /// rows end at LF or CRLF outside quotes; empty lines are skipped.
    /// - Complexity: O(n) in the text's length.
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false, rowHasContent = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func endRow() {
            if rowHasContent { fields.append(String(field)); rows.append(fields) }
            fields = []; field = String.UnicodeScalarView(); rowHasContent = false
        }
        while let c = pending ?? scalars.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    let next = scalars.next()
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else { field.append(c) }
                continue
            }
            switch c {
            case "\"": quoted = true; rowHasContent = true
            case ",": fields.append(String(field)); field = String.UnicodeScalarView(); rowHasContent = true
            case "\n": endRow()
            case "\r":
                let next = scalars.next()
                if next == "\n" { endRow() } else { field.append(c); rowHasContent = true; pending = next }
            default: field.append(c); rowHasContent = true
            }
        }
        endRow()
        return rows
    }
}

extension CSV {
    /// A CSV table (header, then rows) as a JSON array of objects for `--json`: one object
    /// per row keyed by the header; a cell that reads as a number is a number (whole ones
    /// integers), an empty one null, any other a string.
    public static func records(_ text: String) -> JSON {
        let rows = parse(text)
        guard let header = rows.first else { return .array([]) }
        return .array(rows.dropFirst().map { row in
            .object(Dictionary(zip(header, row).map { key, cell -> (String, JSON) in
                if cell.isEmpty { return (key, .null) }
                if let i = Int(cell) { return (key, .integer(i)) }
                if let x = Double(cell), x.isFinite { return (key, .number(x)) }
                return (key, .string(cell))
            }, uniquingKeysWith: { first, _ in first }))
        })
    }
}
