/// A terminal table: a header row and data rows, columns padded to their widest cell;
/// the first column is left-aligned, the others right-aligned (numbers).
public struct TextTable {
    public var header: [String]
    public var rows: [[String]] = []

    public init(header: [String]) { self.header = header }

    public mutating func add(_ row: [String]) {
        precondition(row.count == header.count, "row has \(row.count) cells, header \(header.count)")
        rows.append(row)
    }

    public func rendered() -> String {
        let all = [header] + rows
        let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, cell in
                let padding = String(repeating: " ", count: widths[c] - cell.count)
                return c == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }
}

/// Locale-free fixed-point formatting: `fixed(0.88831, 3)` is "0.888". Values too large
/// for exact fixed-point digits (|x| · 10^digits ≥ 10^15) keep Swift's shortest form
/// ("1e+308"), so no finite number traps.
public func fixed(_ x: Double, _ digits: Int) -> String {
    guard x.isFinite else { return x.isNaN ? "n/a" : (x > 0 ? "inf" : "-inf") }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    guard abs(x) * scale < 1e15 else { return "\(x)" }
    let scaled = Int64((abs(x) * scale).rounded())
    let unit = Int64(scale)
    let negative = x < 0 && scaled > 0
    var whole = String(scaled / unit)
    if digits > 0 {
        let fraction = String(scaled % unit)
        whole += "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }
    return (negative ? "-" : "") + whole
}
