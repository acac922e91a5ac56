import Testing

@testable import AllotCore

@Suite struct CalendarTests {
    // MARK: - Day

    /// 1970-01-01 is day 0 (the epoch); 2000-01-01 is 30 years later with 7 leap
    /// days (72, 76, 80, 84, 88, 92, 96): 30 x 365 + 7 = 10957.
    @Test func ordinals() {
        #expect(Day(year: 1970, month: 1, day: 1)?.ordinal == 0)
        #expect(Day(year: 2000, month: 1, day: 1)?.ordinal == 10957)
        #expect(Day(year: 1969, month: 12, day: 31)?.ordinal == -1)
        // 2027-01-04 minus 2027-01-01 = 3 days, whatever the epoch.
        #expect(day("2027-01-01").distance(to: day("2027-01-04")) == 3)
        // 2028 is a leap year: 2028-02-28 -> 02-29 -> 03-01.
        #expect(day("2028-02-28").advanced(by: 2) == day("2028-03-01"))
        // 2027 is not: 2027-02-28 + 1 = 2027-03-01.
        #expect(day("2027-02-28").advanced(by: 1) == day("2027-03-01"))
    }

    /// (text, expected year, month, day): parsing and printing round-trip.
    @Test(arguments: [
        ("2027-01-04", 2027, 1, 4),
        ("2028-02-29", 2028, 2, 29),  // 2028 divisible by 4, not by 100: leap
        ("2000-02-29", 2000, 2, 29),  // divisible by 400: leap
        ("2026-12-31", 2026, 12, 31),
        ("0001-01-01", 1, 1, 1),
    ])
    func validDates(text: String, y: Int, m: Int, d: Int) throws {
        let parsed = try #require(Day(iso: text))
        #expect(parsed == Day(year: y, month: m, day: d))
        #expect(parsed.civil == (y, m, d))
        #expect(parsed.description == text)
    }

    @Test(arguments: [
        "2027-02-29",  // 2027 is not a leap year (2027 % 4 = 3)
        "2028-02-30",  // February never has 30 days
        "2100-02-29",  // divisible by 100, not by 400: not leap
        "2027-13-01",  // month 13
        "2027-00-10",  // month 0
        "2027-01-00",  // day 0
        "2027-04-31",  // April has 30 days
        "2027-1-04",  // month not zero-padded
        "2027-01-4",  // day not zero-padded
        "27-01-04",  // two-digit year
        "2027/01/04",  // wrong separator
        "2027-01-04 ",  // trailing space
        " 2027-01-04",  // leading space
        "2027-01-04T00:00",  // a timestamp, not a date
        "",
        "abcd-01-04",
        "+027-01-04",
    ])
    func invalidDates(text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test func invalidComponents() {
        #expect(Day(year: 2027, month: 2, day: 29) == nil)
        #expect(Day(year: 2028, month: 2, day: 29) != nil)
        #expect(Day(year: 2027, month: 13, day: 1) == nil)
        #expect(Day(year: 2027, month: 6, day: 31) == nil)
    }

    /// Known weekdays (0 = Monday ... 6 = Sunday):
    /// 1970-01-01 Thursday; 2000-01-01 Saturday; 2027-01-04 Monday (the tiny dataset's
    /// horizon start); 2027-01-01 Friday; 2027-01-03 Sunday; 2024-02-29: 2024-01-01 was
    /// a Monday and Feb 29 is 31 + 28 = 59 days later, 59 % 7 = 3 -> Thursday;
    /// 2026-12-31: 2026 has 365 days = 52 weeks + 1, and 2027-01-01 is a Friday, so
    /// 2026-12-31 is a Thursday.
    @Test(arguments: [
        ("1970-01-01", 3),
        ("2000-01-01", 5),
        ("2027-01-04", 0),
        ("2027-01-01", 4),
        ("2027-01-03", 6),
        ("2024-02-29", 3),
        ("2026-12-31", 3),
        ("1969-12-31", 2),  // the day before a Thursday: Wednesday (negative ordinal)
    ])
    func weekday(text: String, expected: Int) {
        #expect(day(text).weekday == expected)
        #expect(day(text).isWeekend == (expected >= 5))
    }

    /// ISO 8601 weeks: a week belongs to the year of its Thursday.
    /// - 2025-12-29 is the Monday of the week holding Thursday 2026-01-01 -> 2026-W01.
    /// - 2026 starts on a Thursday, so it has 53 weeks: Thursday 2026-12-31 is in 2026-W53,
    ///   whose Monday is 2026-12-28 and whose Sunday is 2027-01-03.
    /// - 2027-01-01 (Friday) and 2027-01-03 (Sunday) have Thursday 2026-12-31 -> 2026-W53.
    /// - 2027-01-04 is the next Monday -> 2027-W01; 2027-01-10 its Sunday.
    /// - 2027-12-27 is 2027-01-04 + 357 days = + 51 weeks -> 2027-W52 (2027 starts on a
    ///   Friday, so it has 52 weeks); 2027-12-31 is that week's Friday -> 2027-W52.
    /// - 2021-01-03 (Sunday): its Thursday is 2020-12-31; 2020 starts on a Wednesday and
    ///   is a leap year, so it has 53 weeks -> 2020-W53.
    @Test(arguments: [
        ("2025-12-29", 2026, 1),
        ("2026-01-01", 2026, 1),
        ("2026-01-04", 2026, 1),
        ("2026-01-05", 2026, 2),
        ("2026-12-28", 2026, 53),
        ("2026-12-31", 2026, 53),
        ("2027-01-01", 2026, 53),
        ("2027-01-03", 2026, 53),
        ("2027-01-04", 2027, 1),
        ("2027-01-10", 2027, 1),
        ("2027-01-11", 2027, 2),
        ("2027-12-27", 2027, 52),
        ("2027-12-31", 2027, 52),
        ("2021-01-03", 2020, 53),
    ])
    func isoWeek(text: String, year: Int, week: Int) {
        let w = day(text).isoWeek
        #expect(w.year == year)
        #expect(w.week == week)
    }

    @Test func knownWeekFacts() {
        #expect(day("2027-01-01").weekday == 4)  // Friday
        #expect(day("2027-01-04").weekday == 0)  // Monday
        // Monday of 2026-W53: 2026-12-31 (Thursday, weekday 3) minus 3 days.
        let monday = day("2026-12-31").advanced(by: -3)
        #expect(monday == day("2026-12-28"))
        #expect(monday.weekday == 0)
        #expect(monday.isoWeek == (2026, 53))
    }

    @Test func dayRange() {
        let r = DayRange(day("2027-01-04"), day("2027-01-10"))
        #expect(r.contains(day("2027-01-04")))
        #expect(r.contains(day("2027-01-10")))  // inclusive on both ends
        #expect(!r.contains(day("2027-01-11")))
        #expect(!r.isEmpty)
        #expect(DayRange(day("2027-01-05"), day("2027-01-04")).isEmpty)
        #expect(DayRange(day("2027-01-04"), day("2027-01-04")).days?.count == 1)
        // Touching on one day overlaps (both ends inclusive); adjacent does not.
        #expect(r.overlaps(DayRange(day("2027-01-10"), day("2027-01-20"))))
        #expect(!r.overlaps(DayRange(day("2027-01-11"), day("2027-01-20"))))
        #expect(
            r.clamped(to: DayRange(day("2027-01-06"), day("2027-02-01")))
                == DayRange(day("2027-01-06"), day("2027-01-10")))
    }

    // MARK: - Period.split

    struct Expected: Sendable, CustomStringConvertible {
        var name: String, first: String, last: String
        init(_ name: String, _ first: String, _ last: String) {
            (self.name, self.first, self.last) = (name, first, last)
        }
        var description: String { "\(name) \(first)..\(last)" }
    }

    func check(_ periods: [Period], _ expected: [Expected], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(periods.map(\.name) == expected.map(\.name), sourceLocation: sourceLocation)
        #expect(periods.map(\.range.first.description) == expected.map(\.first), sourceLocation: sourceLocation)
        #expect(periods.map(\.range.last.description) == expected.map(\.last), sourceLocation: sourceLocation)
        #expect(periods.map(\.id) == Array(0..<expected.count), sourceLocation: sourceLocation)
    }

    /// Horizon Wednesday 2027-01-06 .. Sunday 2027-01-24. 2027-W01 is 01-04..01-10, so
    /// the first period is the partial 01-06..01-10, still named 2027-W01; then W02
    /// 01-11..01-17 and W03 01-18..01-24.
    @Test func weeksFromAWednesday() {
        check(
            Period.split(DayRange(day("2027-01-06"), day("2027-01-24")), by: .week),
            [
                Expected("2027-W01", "2027-01-06", "2027-01-10"),
                Expected("2027-W02", "2027-01-11", "2027-01-17"),
                Expected("2027-W03", "2027-01-18", "2027-01-24"),
            ])
    }

    /// Ending on a Wednesday clips the last week: 2027-W03 is 01-18..01-20.
    @Test func weeksEndingMidWeek() {
        check(
            Period.split(DayRange(day("2027-01-06"), day("2027-01-20")), by: .week),
            [
                Expected("2027-W01", "2027-01-06", "2027-01-10"),
                Expected("2027-W02", "2027-01-11", "2027-01-17"),
                Expected("2027-W03", "2027-01-18", "2027-01-20"),
            ])
    }

    /// Exactly 2026-W53 (Monday 2026-12-28 .. Sunday 2027-01-03): one period, named
    /// after the ISO year 2026 although four of its days are in 2027.
    @Test func isoWeek53IsOnePeriod() {
        check(
            Period.split(DayRange(day("2026-12-28"), day("2027-01-03")), by: .week),
            [
                Expected("2026-W53", "2026-12-28", "2027-01-03")
            ])
    }

    /// Across the year end: 2026-W52 is 12-21..12-27 (12-28 is W53's Monday), then
    /// 2026-W53 (not split at 01-01) and 2027-W01.
    @Test func weeksAcrossYearEnd() {
        check(
            Period.split(DayRange(day("2026-12-21"), day("2027-01-10")), by: .week),
            [
                Expected("2026-W52", "2026-12-21", "2026-12-27"),
                Expected("2026-W53", "2026-12-28", "2027-01-03"),
                Expected("2027-W01", "2027-01-04", "2027-01-10"),
            ])
    }

    /// A horizon starting on Friday 2027-01-01 begins inside 2026-W53: the first period is
    /// 01-01..01-03 and is named 2026-W53, not 2027-W00 or 2027-W53.
    @Test func horizonStartingOnNewYearsDay() {
        check(
            Period.split(DayRange(day("2027-01-01"), day("2027-01-06")), by: .week),
            [
                Expected("2026-W53", "2027-01-01", "2027-01-03"),
                Expected("2027-W01", "2027-01-04", "2027-01-06"),
            ])
    }

    /// A one-day horizon is one period of one day.
    @Test func oneDayHorizon() {
        check(
            Period.split(DayRange(day("2027-01-06"), day("2027-01-06")), by: .week),
            [
                Expected("2027-W01", "2027-01-06", "2027-01-06")
            ])
        check(
            Period.split(DayRange(day("2027-01-06"), day("2027-01-06")), by: .month),
            [
                Expected("2027-01", "2027-01-06", "2027-01-06")
            ])
    }

    /// 2027-01-15..2027-03-10 by month: January partial from the 15th to the 31st,
    /// February full (2027 is not leap: 28 days), March partial to the 10th.
    @Test func monthsPartialAtBothEnds() {
        check(
            Period.split(DayRange(day("2027-01-15"), day("2027-03-10")), by: .month),
            [
                Expected("2027-01", "2027-01-15", "2027-01-31"),
                Expected("2027-02", "2027-02-01", "2027-02-28"),
                Expected("2027-03", "2027-03-01", "2027-03-10"),
            ])
    }

    /// Leap February (2028-02 has 29 days), months of 30 and 31 days, and a year boundary.
    @Test func monthsAcrossYearAndLeapFebruary() {
        check(
            Period.split(DayRange(day("2027-11-20"), day("2028-03-01")), by: .month),
            [
                Expected("2027-11", "2027-11-20", "2027-11-30"),
                Expected("2027-12", "2027-12-01", "2027-12-31"),
                Expected("2028-01", "2028-01-01", "2028-01-31"),
                Expected("2028-02", "2028-02-01", "2028-02-29"),
                Expected("2028-03", "2028-03-01", "2028-03-01"),
            ])
    }

    /// The tiny dataset's horizon: two full weeks.
    @Test func twoFullWeeks() {
        check(
            Period.split(DayRange(day("2027-01-04"), day("2027-01-17")), by: .week),
            [
                Expected("2027-W01", "2027-01-04", "2027-01-10"),
                Expected("2027-W02", "2027-01-11", "2027-01-17"),
            ])
    }

    /// A half-year of weeks: 2027-01-04 .. 2027-07-04 is 182 days = 26 weeks exactly, so
    /// 26 periods W01..W26, every one 7 days, together covering the horizon without gaps.
    @Test func periodsTileTheHorizon() {
        let horizon = DayRange(day("2027-01-04"), day("2027-07-04"))
        let periods = Period.split(horizon, by: .week)
        #expect(periods.count == 26)
        #expect(periods.first?.name == "2027-W01")
        #expect(periods.last?.name == "2027-W26")
        #expect(periods.allSatisfy { $0.range.first.distance(to: $0.range.last) == 6 })
        for k in 1..<periods.count {
            #expect(periods[k].range.first == periods[k - 1].range.last.advanced(by: 1))
        }
        #expect(periods.first?.range.first == horizon.first)
        #expect(periods.last?.range.last == horizon.last)
    }
}
