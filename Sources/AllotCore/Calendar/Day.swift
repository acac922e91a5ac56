/// A calendar date as a count of days since 1970-01-01 (proleptic Gregorian).
/// Plain integer arithmetic: no time zones, no Foundation calendars, the same
/// answer on every machine.
public struct Day: Sendable, Hashable, Comparable, Strideable, CustomStringConvertible {
    public var ordinal: Int

    public init(ordinal: Int) { self.ordinal = ordinal }

    /// Nil for an impossible date (month 13, 2027-02-29, ...).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        ordinal = era * 146097 + doe - 719468
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(iso text: String) {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                guard u[i] >= 48, u[i] <= 57 else { return nil }
                v = v * 10 + Int(u[i] - 48)
            }
            return v
        }
        // Year 0000 is not read: its first days belong to ISO week-year -1,
        // which no period name can write (they came out as "00-1-W52").
        guard let y = num(0..<4), y >= 1, let m = num(5..<7), let d = num(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var civil: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = ordinal + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday).
    public var weekday: Int { ((ordinal % 7) + 7 + 3) % 7 }

    public var isWeekend: Bool { weekday >= 5 }

    /// ISO 8601 week-numbering year and week: the week belongs to the year of its Thursday.
    public var isoWeek: (year: Int, week: Int) {
        let thursday = Day(ordinal: ordinal - weekday + 3)
        let year = thursday.civil.year
        let jan1 = Day(year: year, month: 1, day: 1)!
        return (year, (thursday.ordinal - jan1.ordinal) / 7 + 1)
    }

    public var description: String {
        let c = civil
        return pad(c.year, 4) + "-" + pad(c.month, 2) + "-" + pad(c.day, 2)
    }

    public func advanced(by n: Int) -> Day { Day(ordinal: ordinal + n) }
    public func distance(to other: Day) -> Int { other.ordinal - ordinal }
    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// An inclusive range of days, as every start/end pair in a dataset is.
public struct DayRange: Sendable, Hashable {
    public var first: Day
    public var last: Day

    public init(_ first: Day, _ last: Day) {
        self.first = first
        self.last = last
    }

    public var isEmpty: Bool { last < first }
    public func contains(_ d: Day) -> Bool { first <= d && d <= last }
    public func clamped(to other: DayRange) -> DayRange { DayRange(max(first, other.first), min(last, other.last)) }
    public func overlaps(_ other: DayRange) -> Bool { !clamped(to: other).isEmpty }
    /// No Monday to Friday in it (any 7 days hold one, so at most 7 are looked at).
    public var hasOnlyWeekendDays: Bool {
        (0..<7).map { first.advanced(by: $0) }.filter(contains).allSatisfy(\.isWeekend)
    }
    public var days: ClosedRange<Day>? { isEmpty ? nil : first...last }
}
