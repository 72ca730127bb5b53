import Foundation

/// Reading a call log's dates, times and numbers from the bytes of a field.
extension CallLogPass {

    mutating func parseDate(_ f: ArraySlice<UInt8>) -> Int32? {
        if dateFormat == nil {
            if f.contains(LogByte.dash) { dateFormat = .iso } else if f.count == 6 { dateFormat = .yymmdd } else if f.count == 8 { dateFormat = .yyyymmdd } else {
                dateFormat = .index
            }
            log.calendarDays = dateFormat != .index
        }
        switch dateFormat! {
        case .index:
            guard let n = LogByte.integer(f), n >= 0, n < 10_000_000 else { return nil }
            return Int32(n)
        case .iso:
            return isoDate(f)
        case .yymmdd, .yyyymmdd:
            let digits = dateFormat == .yymmdd ? 6 : 8
            guard f.count == digits, let n = LogByte.integer(f) else { return nil }
            var year = n / 10_000
            if digits == 6 { year += year < 50 ? 2000 : 1900 }
            return civilDay(year: year, month: (n / 100) % 100, day: n % 100)
        }
    }

    /// (day of a timestamp, seconds after its midnight), or (nil, seconds) for a clock time.
    func parseTime(_ f: ArraySlice<UInt8>) -> (Int32?, Double)? {
        if f.count >= 10, f[f.startIndex + 4] == LogByte.dash, f[f.startIndex + 7] == LogByte.dash {
            guard let day = isoDate(f.prefix(10)) else { return nil }
            var rest = f.dropFirst(10)
            guard let first = rest.first, first == UInt8(ascii: "T") || first == LogByte.space else { return rest.isEmpty ? (day, 0) : nil }
            rest = rest.dropFirst()
            if rest.last == UInt8(ascii: "Z") { rest = rest.dropLast() }
            guard let s = clock(rest) else { return nil }
            return (day, s)
        }
        if f.contains(LogByte.colon) { return clock(f).map { (nil, $0) } }
        guard let s = LogByte.decimal(f), s >= 0, s + secondsFrom <= CallLogReader.maximumSeconds else { return nil }
        return (nil, s + secondsFrom)
    }

    /// `h:mm[:ss[.fff]]`, hours below 48.
    func clock(_ f: ArraySlice<UInt8>) -> Double? {
        let parts = f.split(separator: LogByte.colon, omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, let h = LogByte.integer(parts[0]), h < 48, parts[1].count == 2,
              let m = LogByte.integer(parts[1]), m < 60 else { return nil }
        var s = 0.0
        if parts.count == 3 {
            guard parts[2].count >= 2, let v = LogByte.decimal(parts[2]), v < 60 else { return nil }
            s = v
        }
        return Double(h * 3600 + m * 60) + s
    }

    func isoDate(_ f: ArraySlice<UInt8>) -> Int32? {
        guard f.count == 10 else { return nil }
        let b = f.startIndex
        guard f[b + 4] == LogByte.dash, f[b + 7] == LogByte.dash, let y = LogByte.integer(f[b..<(b + 4)]), let m = LogByte.integer(f[(b + 5)..<(b + 7)]),
              let d = LogByte.integer(f[(b + 8)..<(b + 10)]) else { return nil }
        return civilDay(year: y, month: m, day: d)
    }
}

extension LogByte {
    static func trimmed(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var s = s
        while let f = s.first, f == LogByte.space || f == 9 { s = s.dropFirst() }
        while let l = s.last, l == LogByte.space || l == 9 { s = s.dropLast() }
        return s
    }

    static func integer<S: Collection>(_ f: S) -> Int? where S.Element == UInt8 {
        guard !f.isEmpty, f.count <= 12 else { return nil }
        var n = 0
        for c in f {
            guard c >= LogByte.zero && c <= LogByte.nine else { return nil }
            n = n * 10 + Int(c - LogByte.zero)
        }
        return n
    }

    /// A plain decimal (digits, one optional point, optional leading minus). Up to 15 digits
    /// it is the integer of all digits ÷ 10^(decimals): both exact in a Double, so the one
    /// division rounds correctly, as `Double(String)` does (used beyond 15 digits).
    static func decimal<S: Collection>(_ f: S) -> Double? where S.Element == UInt8 {
        guard !f.isEmpty, f.count <= 40 else { return nil }
        var seenDot = false, digits = 0, decimals = 0, negative = false
        var value: Int64 = 0
        for (i, c) in f.enumerated() {
            if c == LogByte.dot { if seenDot { return nil }; seenDot = true; continue }
            if c == LogByte.dash && i == 0 { negative = true; continue }
            guard c >= LogByte.zero && c <= LogByte.nine else { return nil }
            digits += 1
            if seenDot { decimals += 1 }
            if digits <= 15 { value = value * 10 + Int64(c - LogByte.zero) }
        }
        guard digits > 0 else { return nil }
        guard digits <= 15 else { return Double(String(decoding: f, as: UTF8.self)) }
        let powers: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]
        let x = Double(value) / powers[decimals]
        return negative ? -x : x
    }
}
