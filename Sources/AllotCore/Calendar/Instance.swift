/// The exact numbers of docs/dataset-format.md for one portfolio: periods, working days,
/// each person's capacity per period, each demand cell's requested hours,
/// who is eligible for what, and the locked hours that come first.
/// Everything the formulation needs, nothing it has to compute itself.
public struct Instance: Sendable {
    public var settings: Settings
    public var periods: [Period]
    /// Working days (Monday to Friday, not a holiday) per period.
    public var workingDays: [Int]
    /// Sorted by id.
    public var staff: [Staff]
    /// Sorted by id.
    public var projects: [Project]
    public var staffIndex: [Staff.ID: Int]
    public var projectIndex: [Project.ID: Int]
    /// Hours available per person and period, before overtime: capacity[s][t].
    public var capacity: [[Double]]
    /// Per total_hours cell and period its window covers only in part: each
    /// person's capacity on the window's working days in that period.
    public var windowCapacity: [Int: [Int: [Double]]]
    /// Demand lines in file order, with their resolved windows.
    public var lines: [Line]
    /// The demand cells: one per period for hours_per_week lines, one per
    /// total_hours line.
    public var cells: [DemandCell]
    /// Locked commitment hours per commitment and period.
    public var locked: [LockedHours]
    /// Unlocked commitments per person, project, skill and period (the
    /// baseline that `stability` keeps the plan close to).
    public var baseline: [BaselineHours]
    /// Locked hours held, per project, skill and period, with the demand
    /// cells they may serve. Which cell each hour serves is the LP's choice.
    public var lockedPools: [LockedPool]
    /// Locked hours held per person and period: lockedLoad[s][t].
    public var lockedLoad: [[Double]]
    /// Base-rate cost of the locked hours held, per project.
    public var lockedCost: [Double]
    /// The people (staff indices, in staff order) with each skill, at any
    /// level: for "nobody has the skill", and to find who may serve a cell
    /// without a scan of everyone.
    public var skillHolders: [String: [Int]]
    /// The most demand the locked hours can serve together, over
    /// `lockedPools` (their indices): what every plan serves with them
    /// (`LockedPools`), and what is left beyond demand (`lockedBeyondDemand`).
    var lockedFlow: LockedFlow
    /// The dataset's leave rows and holidays, for where usual hours go (`PlanCalendar`).
    public var leave: [Leave] = []
    public var holidays: [Holiday] = []

    public struct Line: Sendable {
        public var line: DemandLine
        public var project: Int
        public var priority: Int
        /// The window clipped to the horizon.
        public var window: DayRange
        /// Periods overlapping the window.
        public var periods: [Int]
        /// Working days of the window in each of `periods` (same order).
        public var workingDays: [Int]
        /// `apollo,swift`, or `apollo,swift#2` for the second line with the same project and skill.
        public var label: String
    }

    public struct DemandCell: Sendable {
        public var id: Int
        /// Index into `lines`.
        public var line: Int
        public var project: Int
        public var skill: String
        public var minLevel: Int
        public var priority: Int
        public var isTotal: Bool
        /// The period of an hours_per_week cell; every period of the window for a total_hours cell.
        public var periods: [Int]
        public var requested: Double
        /// `apollo,swift,2027-W03` or `apollo,swift,total`.
        public var name: String
    }

    /// Locked hours of one project, skill and period: they count against
    /// the demand cells of that project and skill covering the period.
    public struct LockedPool: Sendable {
        public var project: Int
        public var skill: String
        public var period: Int
        public var hours: Double
        /// Cells (ids) the hours may serve.
        public var cells: [Int]
        /// `apollo,swift,2027-W03`.
        public var name: String
    }

    public struct LockedHours: Sendable {
        public var commitment: Commitment
        public var staff: Int
        public var project: Int
        public var period: Int
        public var requested: Double
        public var held: Double
    }

    public struct BaselineHours: Sendable, Hashable {
        public var staff: Int
        public var project: Int
        public var skill: String
        public var period: Int
        public var hours: Double
    }

    /// Capacity with overtime: capacity * (1 + max_percent / 100).
    public func maxHours(_ s: Int, _ t: Int) -> Double {
        capacity[s][t] * (1 + settings.overtimeMaxPercent / 100)
    }

    /// The most person `s` may give `cell` in period `t` from the cell's
    /// window: for a total_hours cell whose window covers `t` in part, the
    /// capacity (with overtime) on the window's working days there; nil when
    /// the whole period counts.
    public func windowLimit(_ s: Int, _ cell: DemandCell, _ t: Int) -> Double? {
        guard let part = windowCapacity[cell.id]?[t] else { return nil }
        // Overtime only for the priorities that may use it.
        let overtime = settings.overtimePriorities.map { $0.contains(cell.priority) } ?? true
        return part[s] * (1 + (overtime ? settings.overtimeMaxPercent / 100 : 0))
    }

    /// Whether person `s` may serve `cell` at all (skill and level).
    public func isQualified(_ s: Int, for cell: DemandCell) -> Bool {
        (staff[s].skills[cell.skill] ?? 0) >= cell.minLevel
    }

    public var priorities: [Int] { Array(Set(cells.map(\.priority))).sorted() }

    /// Locked hours beyond the demand they can serve: per project, skill and
    /// period, the held locked hours that the most demand they can serve
    /// together leaves over (`LockedFlow`; all of them where no cell
    /// matches), with the commitments behind them.
    public func lockedBeyondDemand() -> [(
        commitments: [Commitment], project: Int, skill: String, period: Int,
        hours: Double
    )] {
        // Each pool is one project, skill and period with the locked hours
        // held there and the cells they may serve.
        let behind = Dictionary(grouping: locked.filter { $0.held > 0 }) {
            "\($0.project)|\($0.commitment.skill)|\($0.period)"
        }
        // In the order of the locked hours (commitments.csv, then periods).
        var first: [String: Int] = [:]
        for (k, l) in locked.enumerated() where l.held > 0 {
            let key = "\(l.project)|\(l.commitment.skill)|\(l.period)"
            if first[key] == nil { first[key] = k }
        }
        // What each pool serves at most, all pools together (a total_hours
        // cell over several periods takes its hours once, not once a pool).
        let served = lockedFlow.served
        return lockedPools.enumerated().compactMap { k, pool -> (Int, ([Commitment], Int, String, Int, Double))? in
            let key = "\(pool.project)|\(pool.skill)|\(pool.period)"
            let beyond = pool.hours - served[k]
            guard beyond >= 0.005, let order = first[key] else { return nil }
            return (order, (behind[key]?.map(\.commitment) ?? [], pool.project, pool.skill, pool.period, beyond))
        }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// What the people paid for their capacity cost whatever they work:
    /// rate x capacity, summed over people and periods.
    public var fixedCost: Double {
        var total = 0.0
        for (s, person) in staff.enumerated() where person.paid == .capacity {
            for t in periods.indices { total += capacity[s][t] * person.costPerHour }
        }
        return total
    }
}

extension Instance {
    public init(_ portfolio: Portfolio) {
        let settings = portfolio.settings
        let periods = Period.split(settings.horizon, by: settings.period)
        let calendar = WorkCalendar(holidays: portfolio.holidays)
        let staff = portfolio.staff.sorted { $0.id < $1.id }
        let projects = portfolio.projects.sorted { $0.id < $1.id }
        let staffIndex = Dictionary(uniqueKeysWithValues: staff.enumerated().map { ($1.id, $0) })
        let projectIndex = Dictionary(uniqueKeysWithValues: projects.enumerated().map { ($1.id, $0) })
        let capacity = Instance.capacity(staff, portfolio.leave, periods, calendar, settings)
        let (lines, cells) = Instance.demand(portfolio.demand, projects, projectIndex, periods, calendar, settings)
        let windowCapacity = Instance.windowCapacity(cells, lines, staff, portfolio.leave, periods, calendar, settings)
        var (locked, baseline) = Instance.commitments(
            portfolio.commitments, staffIndex, projectIndex, periods,
            calendar, settings)
        let lockedLoad = Instance.hold(
            &locked, capacity: capacity, projects: projects, periods: periods,
            staffCount: staff.count, settings: settings)
        var lockedCost = Array(repeating: 0.0, count: projects.count)
        for l in locked { lockedCost[l.project] += l.held * staff[l.staff].costPerHour }
        let pools = Instance.lockedPools(locked, cells, projects, periods)
        var holders: [String: [Int]] = [:]
        for (s, person) in staff.enumerated() {
            for skill in person.skills.keys { holders[skill, default: []].append(s) }
        }
        baseline.sort { ($0.staff, $0.project, $0.skill, $0.period) < ($1.staff, $1.project, $1.skill, $1.period) }
        self.init(
            settings: settings, periods: periods, workingDays: periods.map { calendar.workingDays(in: $0.range) },
            staff: staff, projects: projects, staffIndex: staffIndex, projectIndex: projectIndex,
            capacity: capacity, windowCapacity: windowCapacity, lines: lines, cells: cells, locked: locked,
            baseline: baseline,
            lockedPools: pools, lockedLoad: lockedLoad, lockedCost: lockedCost, skillHolders: holders,
            lockedFlow: LockedFlow(pools: pools.map { ($0.hours, $0.cells) }, asked: cells.map(\.requested)))
        self.leave = portfolio.leave
        self.holidays = portfolio.holidays
    }

    /// Working days: Monday to Friday, minus holidays.
    struct WorkCalendar {
        let holidays: Set<Day>

        init(holidays: [Holiday]) { self.holidays = Set(holidays.map(\.date)) }

        func isWorking(_ d: Day) -> Bool { !d.isWeekend && !holidays.contains(d) }

        func workingDays(in range: DayRange) -> Int {
            guard let days = range.days else { return 0 }
            return days.reduce(0) { $0 + (isWorking($1) ? 1 : 0) }
        }
    }

    /// Capacity: per working day hours_per_week / 5; on a leave day the leave
    /// row's rate (the lowest, where rows overlap), whatever the usual rate;
    /// 0 outside employment. Summed per period, divided by 5 once.
    static func capacity(
        _ staff: [Staff], _ leave: [Leave], _ periods: [Period], _ calendar: WorkCalendar,
        _ settings: Settings
    ) -> [[Double]] {
        let rates = DailyRates(staff, leave, settings)
        return staff.indices.map { s in periods.map { rates.capacity(s, over: $0.range, calendar) } }
    }

    /// Each person's hours per working day, for capacity over any range of days.
    struct DailyRates {
        let usual: [Double]
        let employed: [DayRange]
        let leaves: [[Leave]]

        init(_ staff: [Staff], _ leave: [Leave], _ settings: Settings) {
            let horizon = settings.horizon
            let leaveByPerson = Dictionary(grouping: leave, by: \.staff)
            usual = staff.map { $0.hoursPerWeek ?? settings.defaultHoursPerWeek }
            employed = staff.map { DayRange($0.start ?? horizon.first, $0.end ?? horizon.last) }
            leaves = staff.map { leaveByPerson[$0.id] ?? [] }
        }

        /// Person `s`'s hours on the working days of `range`.
        func capacity(_ s: Int, over range: DayRange, _ calendar: WorkCalendar) -> Double {
            guard range.first <= range.last else { return 0 }
            var weekly = 0.0
            for d in range.first...range.last where calendar.isWorking(d) && employed[s].contains(d) {
                var rate = usual[s]
                var onLeave = false
                for l in leaves[s] where l.range.contains(d) {
                    rate = onLeave ? min(rate, l.hoursPerWeek) : l.hoursPerWeek
                    onLeave = true
                }
                weekly += rate
            }
            return weekly / 5
        }
    }

    /// For every total_hours cell, per period its window covers only in
    /// part, each person's capacity on the window's working days there:
    /// total-hours work happens on the window's days only (docs/dataset-format.md).
    static func windowCapacity(
        _ cells: [DemandCell], _ lines: [Line], _ staff: [Staff], _ leave: [Leave],
        _ periods: [Period], _ calendar: WorkCalendar, _ settings: Settings
    )
        -> [Int: [Int: [Double]]]
    {
        let rates = DailyRates(staff, leave, settings)
        var result: [Int: [Int: [Double]]] = [:]
        for cell in cells where cell.isTotal {
            let window = lines[cell.line].window
            for t in cell.periods {
                let range = periods[t].range
                guard !(window.first <= range.first && range.last <= window.last) else { continue }
                let part = range.clamped(to: window)
                result[cell.id, default: [:]][t] = staff.indices.map { rates.capacity($0, over: part, calendar) }
            }
        }
        return result
    }

    /// Demand lines with their windows, and their cells: one per period for
    /// an hours_per_week line, one for a total_hours line.
    static func demand(
        _ demand: [DemandLine], _ projects: [Project], _ projectIndex: [Project.ID: Int],
        _ periods: [Period], _ calendar: WorkCalendar, _ settings: Settings
    )
        -> (lines: [Line], cells: [DemandCell])
    {
        let horizon = settings.horizon
        var lines: [Line] = []
        var cells: [DemandCell] = []
        var labelCount: [String: Int] = [:]
        for d in demand {
            let pi = projectIndex[d.project]!
            let project = projects[pi]
            let window = DayRange(d.start ?? project.start ?? horizon.first, d.end ?? project.end ?? horizon.last)
                .clamped(to: horizon)
            let overlapping = periods.filter { $0.range.overlaps(window) }.map(\.id)
            let base = "\(d.project),\(d.skill)"
            labelCount[base, default: 0] += 1
            let label = labelCount[base]! == 1 ? base : "\(base)#\(labelCount[base]!)"
            let li = lines.count
            let workingDays = overlapping.map { calendar.workingDays(in: periods[$0].range.clamped(to: window)) }
            lines.append(
                Line(
                    line: d, project: pi, priority: project.priority, window: window, periods: overlapping,
                    workingDays: workingDays, label: label))
            switch d.amount {
            case .perWeek(let h):
                for (t, days) in zip(overlapping, workingDays) {
                    let requested = h * Double(days) / 5
                    guard requested > 0 else { continue }
                    cells.append(
                        DemandCell(
                            id: cells.count, line: li, project: pi, skill: d.skill,
                            minLevel: d.minLevel, priority: project.priority, isTotal: false,
                            periods: [t], requested: requested, name: "\(label),\(periods[t].name)"))
                }
            case .total(let h):
                guard h > 0, !overlapping.isEmpty else { continue }
                cells.append(
                    DemandCell(
                        id: cells.count, line: li, project: pi, skill: d.skill, minLevel: d.minLevel,
                        priority: project.priority, isTotal: true, periods: overlapping,
                        requested: h, name: "\(label),total"))
            }
        }
        return (lines, cells)
    }

    /// Commitments per period: locked ones (nothing held yet) and the
    /// unlocked baseline per person, project, skill and period.
    static func commitments(
        _ commitments: [Commitment], _ staffIndex: [Staff.ID: Int],
        _ projectIndex: [Project.ID: Int], _ periods: [Period], _ calendar: WorkCalendar,
        _ settings: Settings
    ) -> (locked: [LockedHours], baseline: [BaselineHours]) {
        var locked: [LockedHours] = []
        var baselineMap: [BaselineKey: Double] = [:]
        for c in commitments {
            let s = staffIndex[c.staff]!, p = projectIndex[c.project]!
            let range = c.range.clamped(to: settings.horizon)
            for t in periods.indices where periods[t].range.overlaps(range) {
                let hours = c.hoursPerWeek * Double(calendar.workingDays(in: periods[t].range.clamped(to: range))) / 5
                guard hours > 0 else { continue }
                if c.locked {
                    locked.append(
                        LockedHours(commitment: c, staff: s, project: p, period: t, requested: hours, held: 0))
                } else {
                    baselineMap[BaselineKey(staff: s, project: p, skill: c.skill, period: t), default: 0] += hours
                }
            }
        }
        let baseline = baselineMap.map {
            BaselineHours(
                staff: $0.key.staff, project: $0.key.project, skill: $0.key.skill, period: $0.key.period,
                hours: $0.value)
        }
        return (locked, baseline)
    }

    /// Locked commitments hold as many hours as capacity with overtime allows.
    /// Where a person's locked hours in a period exceed it, higher-priority
    /// projects are honoured first, then file order (the total held is the
    /// same either way). Returns the hours held per person and period.
    static func hold(
        _ locked: inout [LockedHours], capacity: [[Double]], projects: [Project], periods: [Period],
        staffCount: Int, settings: Settings
    ) -> [[Double]] {
        let overtimeFactor = 1 + settings.overtimeMaxPercent / 100
        var lockedLoad = Array(repeating: Array(repeating: 0.0, count: periods.count), count: staffCount)
        let order = locked.indices.sorted { a, b in
            let x = locked[a], y = locked[b]
            return (x.staff, x.period, projects[x.project].priority, x.commitment.index)
                < (y.staff, y.period, projects[y.project].priority, y.commitment.index)
        }
        for k in order {
            let s = locked[k].staff, t = locked[k].period
            let room = max(0, capacity[s][t] * overtimeFactor - lockedLoad[s][t])
            let held = min(locked[k].requested, room)
            locked[k].held = held
            lockedLoad[s][t] += held
        }
        return lockedLoad
    }

    /// Locked hours serve the matching demand (same project, skill, period).
    /// Several cells may match (two lines, or a total_hours line beside an
    /// hours_per_week line): the LP chooses, so priorities get the most.
    static func lockedPools(
        _ locked: [LockedHours], _ cells: [DemandCell], _ projects: [Project],
        _ periods: [Period]
    ) -> [LockedPool] {
        var poolHours: [MatchKey: Double] = [:]
        for l in locked where l.held > 0 {
            poolHours[MatchKey(project: l.project, skill: l.commitment.skill, period: l.period), default: 0] += l.held
        }
        // Cells by project and skill, once (a filter over every cell per
        // pool was quadratic: 45% of the setup of 200 projects).
        struct ProjectSkill: Hashable { var project: Int, skill: String }
        let cellsOf = Dictionary(grouping: cells) { ProjectSkill(project: $0.project, skill: $0.skill) }
        return poolHours.keys.sorted(by: { ($0.project, $0.skill, $0.period) < ($1.project, $1.skill, $1.period) })
            .map { key in
                let matching = (cellsOf[ProjectSkill(project: key.project, skill: key.skill)] ?? [])
                    .filter { $0.periods.contains(key.period) }.map(\.id)
                return LockedPool(
                    project: key.project, skill: key.skill, period: key.period, hours: poolHours[key]!,
                    cells: matching,
                    name: "\(projects[key.project].id),\(key.skill),\(periods[key.period].name)")
            }
    }

    private struct BaselineKey: Hashable {
        var staff: Int, project: Int, skill: String, period: Int
    }

    private struct MatchKey: Hashable {
        var project: Int, skill: String, period: Int
    }
}
