/// A JSON value written with sorted keys and locale-free numbers (Swift's shortest
/// round-trip decimal form; non-finite numbers become `null`).
public indirect enum JSON: Equatable, Sendable {
    case number(Double)
    case integer(Int)
    case string(String)
    case bool(Bool)
    case null
    case array([JSON])
    case object([String: JSON])

    /// Compact when `indent` is nil, otherwise pretty-printed with that many spaces.
    public func rendered(indent: Int? = 2) -> String {
        var out = ""
        write(to: &out, indent: indent, level: 0)
        return out
    }

    private func write(to out: inout String, indent: Int?, level: Int) {
        let newline = indent == nil ? "" : "\n"
        func pad(_ l: Int) -> String { String(repeating: " ", count: (indent ?? 0) * l) }
        switch self {
        case .number(let x): out += JSON.format(x)
        case .integer(let i): out += String(i)
        case .string(let s): out += JSON.quote(s)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[" + newline
            for (i, item) in items.enumerated() {
                out += pad(level + 1)
                item.write(to: &out, indent: indent, level: level + 1)
                out += (i + 1 < items.count ? "," : "") + newline
            }
            out += pad(level) + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{" + newline
            let keys = members.keys.sorted()
            for (i, key) in keys.enumerated() {
                out += pad(level + 1) + JSON.quote(key) + (indent == nil ? ":" : ": ")
                members[key]!.write(to: &out, indent: indent, level: level + 1)
                out += (i + 1 < keys.count ? "," : "") + newline
            }
            out += pad(level) + "}"
        }
    }

    /// Shortest decimal that round-trips; integral values without a fraction part.
    public static func format(_ x: Double) -> String {
        guard x.isFinite else { return "null" }
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        return x.description
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

import Foundation

extension JSON: Decodable {
    /// Numbers with a fraction or an exponent are `.number`, whole ones `.integer` (when
    /// they fit); `JSONDecoder` reads shortest round-trip decimals exactly, where
    /// Foundation's JSONSerialization on Linux is off by one unit in the last place for
    /// some 17-digit values.
    public init(from decoder: Decoder) throws {
        let value = try decoder.singleValueContainer()
        if value.decodeNil() {
            self = .null
        } else if let b = try? value.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? value.decode(Int.self) {
            self = .integer(i)
        } else if let x = try? value.decode(Double.self) {
            self = .number(x)
        } else if let s = try? value.decode(String.self) {
            self = .string(s)
        } else if let items = try? value.decode([JSON].self) {
            self = .array(items)
        } else {
            self = .object(try value.decode([String: JSON].self))
        }
    }

    /// The value as JSONSerialization gives it (numbers as `NSNumber`, so that `as? Double`
    /// and `as? Int` read them as before), from an exact parse.
    public var foundationValue: Any {
        switch self {
        case .number(let x): NSNumber(value: x)
        case .integer(let i): NSNumber(value: i)
        case .string(let s): s
        case .bool(let b): b
        case .null: NSNull()
        case .array(let items): items.map(\.foundationValue)
        case .object(let members): members.mapValues(\.foundationValue)
        }
    }
}
