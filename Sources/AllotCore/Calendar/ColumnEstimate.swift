/// The hours columns a portfolio's model would have, counted before the
/// calendar is expanded: the same count as `Planner.estimatedColumns` of the
/// `Instance` (per demand cell, the qualified people with capacity in each of
/// its periods), from arithmetic on day numbers instead of a walk over every
/// day. A horizon of 0001-01-01 to 9999-12-31 (521,722 weeks) is counted in
/// well under a second, so a model past `--max-columns` is refused at once.
///
/// The work is one pass over the periods per person plus one step per demand
/// line and person: weekdays by formula, holidays by binary search, leave as
/// the few spans of days where a person's daily rate is positive.
public enum ColumnEstimate {
    public static func columns(_ portfolio: Portfolio) -> Int {
        let settings = portfolio.settings
        let horizon = settings.horizon
        let periods = periodRanges(horizon, settings.period)
        guard !periods.isEmpty else { return 0 }
        let days = WorkingDays(holidays: portfolio.holidays.map(\.date))
        let projects = Dictionary(portfolio.projects.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        // Each demand line with a positive amount: its window and the periods it overlaps.
        struct Line {
            var skill: String, minLevel: Int, isTotal: Bool
            var window: DayRange
            var first: Int, last: Int
        }
        var lines: [Line] = []
        for d in portfolio.demand {
            guard let project = projects[d.project] else { continue }
            let window = DayRange(d.start ?? project.start ?? horizon.first, d.end ?? project.end ?? horizon.last)
                .clamped(to: horizon)
            guard !window.isEmpty else { continue }
            let amount: Double, isTotal: Bool
            switch d.amount {
            case .perWeek(let h): (amount, isTotal) = (h, false)
            case .total(let h): (amount, isTotal) = (h, true)
            }
            guard amount > 0 else { continue }
            lines.append(
                Line(
                    skill: d.skill, minLevel: d.minLevel, isTotal: isTotal, window: window,
                    first: period(containing: window.first, periods), last: period(containing: window.last, periods)))
        }

        let leave = Dictionary(grouping: portfolio.leave, by: \.staff)
        // Whether each period has a working day: a person employed over all of it with a positive rate
        // has capacity there exactly then.
        let working = days.hasWorkingDay(periods)
        var count = 0
        var capacity = [Bool](repeating: false, count: periods.count)
        // positive[t + 1] - positive[u]: periods u...t in which the person has capacity.
        var positive = [Int](repeating: 0, count: periods.count + 1)
        for person in portfolio.staff {
            let qualified = lines.filter { (person.skills[$0.skill] ?? 0) >= $0.minLevel }
            guard !qualified.isEmpty else { continue }
            capacity.withUnsafeMutableBufferPointer { $0.update(repeating: false) }
            for span in positiveSpans(person, leave[person.id] ?? [], horizon, settings.defaultHoursPerWeek) {
                let a = period(containing: span.first, periods), b = period(containing: span.last, periods)
                for t in Set([a, b]) where !capacity[t] {
                    capacity[t] = days.count(in: span.clamped(to: periods[t])) > 0
                }
                if b - a >= 2 {
                    capacity.withUnsafeMutableBufferPointer { c in
                        working.withUnsafeBufferPointer { w in for t in (a + 1)..<b where w[t] { c[t] = true } }
                    }
                }
            }
            capacity.withUnsafeBufferPointer { c in
                positive.withUnsafeMutableBufferPointer { p in
                    for t in 0..<c.count { p[t + 1] = p[t] &+ (c[t] ? 1 : 0) }
                }
            }
            func has(_ t: Int) -> Bool { positive[t + 1] > positive[t] }
            for line in qualified {
                if line.isTotal {
                    // One cell over every period of the window.
                    count += positive[line.last + 1] - positive[line.first]
                } else {
                    // One cell per period with a working day in the window: inner periods lie inside the
                    // window (capacity there means a working day), the first and last may not.
                    for t in Set([line.first, line.last])
                    where has(t) && days.count(in: periods[t].clamped(to: line.window)) > 0 {
                        count += 1
                    }
                    if line.last - line.first >= 2 { count += positive[line.last] - positive[line.first + 1] }
                }
            }
        }
        return count
    }

    /// The days of the periods `Period.split` makes, without their names.
    static func periodRanges(_ horizon: DayRange, _ kind: PeriodKind) -> [DayRange] {
        var ranges: [DayRange] = []
        ranges.reserveCapacity(max(0, horizon.first.distance(to: horizon.last)) / (kind == .week ? 7 : 28) + 2)
        var day = horizon.first
        while day <= horizon.last {
            let natural: Day
            switch kind {
            case .week: natural = day.advanced(by: 6 - day.weekday)
            case .month:
                let c = day.civil
                natural = Day(year: c.year, month: c.month, day: Day.daysIn(month: c.month, year: c.year))!
            }
            let last = min(natural, horizon.last)
            ranges.append(DayRange(day, last))
            day = last.advanced(by: 1)
        }
        return ranges
    }

    /// The index of the period holding `day` (which lies in the horizon).
    static func period(containing day: Day, _ periods: [DayRange]) -> Int {
        var low = 0, high = periods.count - 1
        while low < high {
            let mid = (low + high) / 2
            if periods[mid].last < day { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The spans of days, in order and apart, on which `person` is employed
    /// and has a positive daily rate: the usual rate, or on leave the lowest
    /// rate of the leave rows covering the day (as `Instance` computes capacity).
    static func positiveSpans(_ person: Staff, _ leave: [Leave], _ horizon: DayRange, _ defaultHours: Double)
        -> [DayRange]
    {
        let employed = DayRange(person.start ?? horizon.first, person.end ?? horizon.last).clamped(to: horizon)
        guard !employed.isEmpty else { return [] }
        let usual = person.hoursPerWeek ?? defaultHours
        let rows = leave.filter { $0.range.overlaps(employed) }
        // Breakpoints: where a leave row starts or ends, the rate may change.
        var cuts = Set([employed.first.ordinal, employed.last.ordinal + 1])
        for l in rows {
            cuts.insert(max(l.range.first.ordinal, employed.first.ordinal))
            cuts.insert(min(l.range.last.ordinal, employed.last.ordinal) + 1)
        }
        let points = cuts.sorted()
        var spans: [DayRange] = []
        for (a, b) in zip(points, points.dropFirst()) {
            let span = DayRange(Day(ordinal: a), Day(ordinal: b - 1))
            let covering = rows.filter { $0.range.contains(span.first) }
            let rate = covering.isEmpty ? usual : covering.map(\.hoursPerWeek).min()!
            guard rate > 0 else { continue }
            if let last = spans.last, last.last.ordinal + 1 == span.first.ordinal {
                spans[spans.count - 1].last = span.last
            } else {
                spans.append(span)
            }
        }
        return spans
    }

    /// Working days (Monday to Friday, not a holiday) in any range of days, by arithmetic.
    struct WorkingDays {
        /// Holidays on weekdays, sorted, each once.
        let holidays: [Int]

        init(holidays: [Day]) { self.holidays = Set(holidays.filter { !$0.isWeekend }.map(\.ordinal)).sorted() }

        /// Monday to Friday days before day `ordinal`, counted from a Monday (1970-01-05, ordinal 4).
        private static func weekdays(before ordinal: Int) -> Int {
            let k = ordinal - 4
            let weeks = k >= 0 ? k / 7 : -((-k + 6) / 7)
            return weeks * 5 + min(k - weeks * 7, 5)
        }

        /// The holidays before day `ordinal`.
        private func holidays(before ordinal: Int) -> Int {
            var low = 0, high = holidays.count
            while low < high {
                let mid = (low + high) / 2
                if holidays[mid] < ordinal { low = mid + 1 } else { high = mid }
            }
            return low
        }

        /// Whether each of `periods` (in order, apart) has a working day: one pass over periods and holidays.
        func hasWorkingDay(_ periods: [DayRange]) -> [Bool] {
            var result = [Bool](repeating: false, count: periods.count)
            var h = 0
            result.withUnsafeMutableBufferPointer { out in
                for (t, range) in periods.enumerated() {
                    let start = range.first.ordinal, end = range.last.ordinal + 1
                    while h < holidays.count && holidays[h] < start { h += 1 }
                    var off = 0
                    while h + off < holidays.count && holidays[h + off] < end { off += 1 }
                    out[t] = Self.weekdays(before: end) - Self.weekdays(before: start) > off
                }
            }
            return result
        }

        func count(in range: DayRange) -> Int {
            guard !range.isEmpty else { return 0 }
            let end = range.last.ordinal + 1, start = range.first.ordinal
            return Self.weekdays(before: end) - Self.weekdays(before: start) - holidays(before: end)
                + holidays(before: start)
        }
    }
}
