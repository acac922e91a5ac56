/// Where each person's usual hours go before any work is planned: holidays,
/// leave and employment dates, per period; and what each demand cell asked
/// and got. plan.json carries both (`periods`, `absence`, `demand`), so a
/// report can mark leave and holidays and show coverage per project, skill
/// and period without reading the dataset again.
public struct PlanCalendar: Sendable, Hashable {
    /// Working days (Monday to Friday, not a holiday) per period.
    public var workingDays: [Int]
    /// Holidays inside the horizon, by date.
    public var holidays: [Holiday]
    /// Person-periods that lose usual hours, by person id then period.
    public var absences: [Absence]
    /// `defaults.hours_per_week`: the usual hours of people without their own.
    public var defaultHoursPerWeek: Double

    /// Usual hours lost in one period by one person. The usual hours are
    /// `hours_per_week / 5` on each weekday of the period inside the horizon;
    /// `capacity = usual - holidays - leave - notEmployed`.
    public struct Absence: Sendable, Hashable {
        public var staff: Staff.ID
        public var period: Period
        /// Weekdays that are holidays, inside the employment window.
        public var holidays: Double
        /// Working days on leave: usual minus the leave row's rate (negative
        /// when a leave row gives more hours than usual).
        public var leave: Double
        /// Weekdays outside the employment window.
        public var notEmployed: Double
    }

    public init(workingDays: [Int], holidays: [Holiday], absences: [Absence], defaultHoursPerWeek: Double) {
        self.workingDays = workingDays
        self.defaultHoursPerWeek = defaultHoursPerWeek
        self.holidays = holidays
        self.absences = absences
    }

    /// Day by day, as `Instance.DailyRates` counts capacity: a weekday outside
    /// employment is not employed, else a holiday is a holiday, else a leave
    /// day loses the difference between the usual rate and the leave's.
    public init(_ instance: Instance) {
        let calendar = Instance.WorkCalendar(holidays: instance.holidays)
        let rates = Instance.DailyRates(instance.staff, instance.leave, instance.settings)
        let horizon = instance.settings.horizon
        workingDays = instance.workingDays
        defaultHoursPerWeek = instance.settings.defaultHoursPerWeek
        holidays = instance.holidays.filter { horizon.contains($0.date) && !$0.date.isWeekend }
            .sorted { $0.date < $1.date }
        var absences: [Absence] = []
        for (s, person) in instance.staff.enumerated() {
            let usual = rates.usual[s] / 5
            for period in instance.periods {
                var holiday = 0.0, leave = 0.0, notEmployed = 0.0
                for d in period.range.first...period.range.last where !d.isWeekend {
                    if !rates.employed[s].contains(d) {
                        notEmployed += usual
                    } else if !calendar.isWorking(d) {
                        holiday += usual
                    } else {
                        var rate: Double?
                        for l in rates.leaves[s] where l.range.contains(d) {
                            rate = min(rate ?? l.hoursPerWeek, l.hoursPerWeek)
                        }
                        if let rate { leave += usual - rate / 5 }
                    }
                }
                guard abs(holiday) + abs(leave) + abs(notEmployed) >= Plan.reportable else { continue }
                absences.append(
                    Absence(
                        staff: person.id, period: period, holidays: holiday, leave: leave, notEmployed: notEmployed))
            }
        }
        self.absences = absences
    }
}

/// One demand cell: a period of an `hours_per_week` line, or a whole
/// `total_hours` line (no period), with the hours asked and staffed.
public struct DemandUse: Sendable, Hashable {
    public var project: Project.ID
    public var skill: String
    public var minLevel: Int
    /// Nil for a `total_hours` line.
    public var period: Period?
    /// The cell's days: the period inside the line's window, or the window.
    public var range: DayRange
    public var demanded: Double
    /// At most `demanded`: locked and planned hours serving the cell.
    public var staffed: Double
}
