/// Calendar days of call logs: day numbers from 2000-01-01 and back to dates.

/// Days from 2000-01-01 to the date (proleptic Gregorian; Hinnant's days_from_civil),
/// nil for an impossible date.
func civilDay(year: Int, month: Int, day: Int) -> Int32? {
    guard (1...12).contains(month), day >= 1 else { return nil }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    guard day <= lengths[month - 1] else { return nil }
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return Int32(era * 146_097 + doe - 719_468 - 10_957)
}

/// The date of a day number (inverse of `civilDay`), as YYYY-MM-DD.
public func civilDate(_ day: Int32) -> String {
    let z = Int(day) + 10_957 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
    func two(_ x: Int) -> String { x < 10 ? "0\(x)" : "\(x)" }
    return "\(y)-\(two(m))-\(two(d))"
}
