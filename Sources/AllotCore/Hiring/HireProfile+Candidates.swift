/// Candidate hires from a base plan (docs/suggest-hires.md, "How profiles are made"): the unmet demand
/// that more people could staff (cause `capacity`: the qualified people are fully booked, so their
/// capacity has a marginal value; or `no-qualified-staff`: nobody to have one), of the priorities asked
/// for, grouped by skill into stretches of consecutive periods, each sized into one person.
extension HireProfile {
    /// What shapes the candidates.
    public struct Sizing: Sendable, Hashable {
        /// The priorities whose unmet demand is considered.
        public var priorities: Set<Int>
        /// Hours per week of one hire at most (nil: the dataset's `defaults.hours_per_week`).
        public var maxHoursPerWeek: Double?
        /// Every hire's rate (nil: the median rate of the staff with the skill, see `rate`).
        public var costPerHour: Double?
        public var paid: Staff.Paid

        public init(
            priorities: Set<Int>, maxHoursPerWeek: Double? = nil, costPerHour: Double? = nil,
            paid: Staff.Paid = .hours
        ) {
            self.priorities = priorities
            self.maxHoursPerWeek = maxHoursPerWeek
            self.costPerHour = costPerHour
            self.paid = paid
        }
    }

    /// Causes of unmet demand that a person more can staff. Budget-bound hours need money, not people;
    /// policy-bound hours need another policy.
    static let hireableCauses: Set<Conflict.Cause> = [.capacity, .noQualifiedStaff]

    /// The priorities with unmet hours a hire could staff, most important first.
    public static func prioritiesWithHireableDemand(_ plan: Plan) -> [Int] {
        let found = plan.conflicts.filter { c in
            c.kind == .unmetDemand && c.cause.map { hireableCauses.contains($0) } == true && c.priority != nil
        }
        return Array(Set(found.compactMap(\.priority))).sorted()
    }

    /// Every candidate, largest unmet demand first (then by scenario name). `takenScenarios` are the
    /// scenario names the manifest declares; new names avoid them in any case.
    public static func candidates(
        _ run: Planner.Run, sizing: Sizing, takenScenarios: [String] = []
    ) -> [HireProfile] {
        let instance = run.instance
        let periods = instance.periods
        // The demand cells behind a conflict: same project and skill, same period (or total_hours).
        struct CellKey: Hashable {
            let project: Int
            let skill: String
            let period: Int  // -1: a total_hours cell
        }
        var cellsByKey: [CellKey: [Instance.DemandCell]] = [:]
        for cell in instance.cells {
            let key = CellKey(project: cell.project, skill: cell.skill, period: cell.isTotal ? -1 : cell.periods[0])
            cellsByKey[key, default: []].append(cell)
        }
        // Per skill and period: unmet hours as a weekly rate, the hours themselves, the level needed, who needs it.
        struct Need {
            var rate: [Double]
            var hours: [Double]
            var level: [Int]
            var projects: [Set<Int>]
            init(_ n: Int) {
                rate = Array(repeating: 0, count: n)
                hours = rate
                level = Array(repeating: 0, count: n)
                projects = Array(repeating: [], count: n)
            }
        }
        var needs: [String: Need] = [:]
        for c in run.plan.conflicts where c.kind == .unmetDemand {
            guard let cause = c.cause, hireableCauses.contains(cause), let priority = c.priority,
                sizing.priorities.contains(priority), let project = c.project, let skill = c.skill,
                let p = instance.projectIndex[project]
            else { continue }
            let t = c.period?.id ?? -1
            guard let cells = cellsByKey[CellKey(project: p, skill: skill, period: t)], !cells.isEmpty else { continue }
            // Two lines of one project and skill share the key: a hire at the higher level serves both.
            let level = cells.map(\.minLevel).max()!
            // Spread over the windows' working days: a window from a
            // Wednesday asks its first week's share of 3 days, not 5.
            var windowDays: [Int: Int] = [:]
            for cell in cells {
                let line = instance.lines[cell.line]
                for (u, d) in zip(line.periods, line.workingDays) where cell.periods.contains(u) {
                    windowDays[u] = max(windowDays[u] ?? 0, d)
                }
            }
            let spread = windowDays.keys.sorted()
            let days = spread.reduce(0) { $0 + windowDays[$1]! }
            guard days > 0 else { continue }
            var need = needs[skill] ?? Need(periods.count)
            for u in spread where windowDays[u]! > 0 {
                let share = c.hours * Double(windowDays[u]!) / Double(days)
                need.hours[u] += share
                need.rate[u] += share * 5 / Double(windowDays[u]!)
                need.level[u] = max(need.level[u], level)
                need.projects[u].insert(p)
            }
            needs[skill] = need
        }
        let stages = Set(sizing.priorities.map { "priority-\($0)" })
        var marginal: [String: [Int: Double]] = [:]  // skill, period: summed over the stages asked for
        for v in run.plan.marginalValuesBySkill where stages.contains(v.stage) {
            marginal[v.skill, default: [:]][v.period.id, default: 0] += v.value
        }
        let cap = sizing.maxHoursPerWeek ?? instance.settings.defaultHoursPerWeek
        var taken = Set((takenScenarios + Scenario.reservedNames).map { $0.lowercased() })
        var takenIDs = Set(instance.staff.map { $0.id.rawValue.lowercased() })
        var result: [HireProfile] = []
        for skill in needs.keys.sorted() {
            let need = needs[skill]!
            for stretch in stretches(need.rate, workingDays: instance.workingDays) {
                let (first, last) = (stretch.first!, stretch.last!)
                let level = stretch.map { need.level[$0] }.max()!
                let peak = stretch.map { need.rate[$0] }.max()!
                // Whole hours, rounded up; a rate at most 0.01 h above a whole hour is that hour (solver noise).
                // At least min_hours_per_assignment when that policy is on: a hire of 6 h a week
                // under 8 h blocks could never be assigned ("it staffs no more hours").
                let block = (instance.settings.minHoursPerAssignment ?? 0).rounded(.up)
                let hours = min(cap, max(1, block, (peak - 0.01).rounded(.up)))
                let scenario = unique(
                    "hire-" + clipped(skill, "hire--" + periods[first].name), periods[first].name,
                    separator: "-", taken: &taken)
                let id = unique(
                    "hire." + clipped(skill, "hire.." + periods[first].name), periods[first].name,
                    separator: ".", taken: &takenIDs)
                result.append(
                    HireProfile(
                        scenario: scenario, id: id, skill: skill, level: level, hoursPerWeek: hours,
                        start: periods[first].start, end: periods[last].end,
                        costPerHour: sizing.costPerHour ?? rate(skill: skill, level: level, staff: instance.staff),
                        paid: sizing.paid, firstPeriod: periods[first].name, lastPeriod: periods[last].name,
                        unmetHours: stretch.reduce(0) { $0 + need.hours[$1] },
                        projects: Set(stretch.flatMap { need.projects[$0] }).map { instance.projects[$0].id }.sorted()))
                result[result.count - 1].marginalValue = stretch.reduce(0) { $0 + (marginal[skill]?[$1] ?? 0) }
            }
        }
        return result.sorted { ($1.unmetHours, $0.scenario) < ($0.unmetHours, $1.scenario) }
    }

    /// Maximal stretches of periods with an unmet rate (0.01 h or more); a period without working days
    /// (all holidays) neither starts nor ends a stretch.
    static func stretches(_ rate: [Double], workingDays: [Int]) -> [[Int]] {
        var result: [[Int]] = []
        var current: [Int] = []
        for t in rate.indices {
            if rate[t] >= 0.01 {
                current.append(t)
            } else if workingDays[t] > 0, !current.isEmpty {
                result.append(current)
                current = []
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// The hourly rate of a hire: the median rate of the staff with the skill at the level or above, else
    /// of those with the skill at all, else of everyone (the mean of the middle two for an even count),
    /// to the cent.
    public static func rate(skill: String, level: Int, staff: [Staff]) -> Double {
        let atLevel = staff.filter { ($0.skills[skill] ?? 0) >= level }
        let withSkill = staff.filter { $0.skills[skill] != nil }
        let pool = !atLevel.isEmpty ? atLevel : !withSkill.isEmpty ? withSkill : staff
        let rates = pool.map(\.costPerHour).sorted()
        guard !rates.isEmpty else { return 0 }
        let mid = rates.count / 2
        let median = rates.count % 2 == 1 ? rates[mid] : (rates[mid - 1] + rates[mid]) / 2
        return (median * 100).rounded() / 100
    }

    /// `skill` shortened so that `skill` plus `rest` fits an id (64 characters).
    static func clipped(_ skill: String, _ rest: String) -> String {
        let room = Validator.idLimit - rest.count - 3  // 3: room for a suffix such as "-2"
        return skill.count <= room ? skill : String(skill.prefix(max(1, room)))
    }

    /// `stem` + separator + `period`, with "-2", "-3", ... added until it is not taken (in any case).
    static func unique(_ stem: String, _ period: String, separator: String, taken: inout Set<String>) -> String {
        var name = stem + separator + period
        var n = 2
        while taken.contains(name.lowercased()) {
            name = stem + separator + period + "-\(n)"
            n += 1
        }
        taken.insert(name.lowercased())
        return name
    }
}
