/// A planning period: an ISO week (`2027-W03`) or a calendar month
/// (`2027-03`), clipped to the horizon, so the first and last may be partial.
public struct Period: Sendable, Hashable, Identifiable {
    /// Position in the horizon, 0-based.
    public var id: Int
    /// `2027-W03` or `2027-03`.
    public var name: String
    /// The days of the period inside the horizon.
    public var range: DayRange

    public var start: Day { range.first }
    public var end: Day { range.last }
}

public enum PeriodKind: String, Sendable, Hashable, CaseIterable {
    case week, month
}

extension Period {
    /// Splits a horizon into periods.
    public static func split(_ horizon: DayRange, by kind: PeriodKind) -> [Period] {
        var periods: [Period] = []
        var day = horizon.first
        while day <= horizon.last {
            let name: String
            let natural: Day
            switch kind {
            case .week:
                let w = day.isoWeek
                name = pad(w.year, 4) + "-W" + pad(w.week, 2)
                natural = day.advanced(by: 6 - day.weekday)  // that week's Sunday
            case .month:
                let c = day.civil
                name = pad(c.year, 4) + "-" + pad(c.month, 2)
                natural = Day(year: c.year, month: c.month, day: Day.daysIn(month: c.month, year: c.year))!
            }
            let last = min(natural, horizon.last)
            periods.append(Period(id: periods.count, name: name, range: DayRange(day, last)))
            day = last.advanced(by: 1)
        }
        return periods
    }
}
