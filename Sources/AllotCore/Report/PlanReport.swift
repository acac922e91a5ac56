import Foundation

/// What `allot report` shows for one plan, derived from plan.json alone
/// (docs/report.md): the headline figures, a utilization grid person x
/// period, who is free when, each project's coverage, people, budget burn and
/// unmet demand, the conflicts in the terminal's groups, and the plan's
/// shape. Plain values, no HTML: the HTML page and other renderings (a
/// workbook) are built from this.
public struct PlanReport: Sendable {
    /// summary.json's figures as written: status, coverage, cost split, budgets.
    public var summary: PlanFile.Summary
    public var periods: [PlanFile.PeriodRow]
    public var heatmap: Heatmap
    public var free: [FreeRange]
    public var projects: [ProjectSection]
    /// Unmet demand per project, skill and cause, as the terminal groups it.
    public var unmetGroups: [ConflictGroup]
    /// Locked commitments not kept and budget overruns, one by one.
    public var otherConflicts: [PlanFile.ConflictRow]
    public var shape: ShapeFigures
    /// The dataset the plan was made from (plan.json's `source`).
    public var source: PlanSource?
    /// suggestions.json of the same dataset, shown as "Hiring suggestions (checked)"; nil without
    /// `--hires`. Set with `adding(hires:)`, which refuses another dataset's.
    public internal(set) var hires: SuggestionsFile?

    /// A period with idle capacity of at least this share of the capacity (a
    /// day a week) counts as free.
    public static let freeShare = 0.2

    // MARK: - Heatmap

    /// Load per person and period, people grouped by their main skill (the
    /// highest level; on a tie the first by name), with totals per row,
    /// group and period.
    public struct Heatmap: Sendable {
        public var groups: [Group]
        /// Per period, over everyone.
        public var columnTotals: [Totals]
        public var total: Totals

        public var rowCount: Int { groups.reduce(0) { $0 + $1.rows.count } }

        public struct Group: Sendable {
            /// The main skill shared by the group's people.
            public var skill: String
            public var rows: [Row]
            /// Per period, over the group.
            public var columnTotals: [Totals]
            public var total: Totals
        }

        public struct Row: Sendable {
            public var person: PlanFile.Person
            public var cells: [Cell]
            public var total: Totals
        }
    }

    /// One person in one period. `capacity`, `hours` and `overtime` are
    /// summary.json's `utilization` (0 where it has no row).
    public struct Cell: Sendable, Hashable {
        public var capacity: Double = 0
        public var hours: Double = 0
        public var overtime: Double = 0
        public var holidayHours: Double = 0
        public var leaveHours: Double = 0
        public var notEmployedHours: Double = 0
        /// Locked commitment hours the person could not work (conflicts of
        /// kind locked-commitment): committed beyond capacity.
        public var lockedNotKept: Double = 0

        /// hours / capacity; nil when the capacity is 0.
        public var load: Double? { capacity > 0 ? hours / capacity : nil }
        public var idle: Double { max(0, capacity - hours) }

        public var marks: [Mark] {
            var marks: [Mark] = []
            if notEmployedHours >= PlanReport.shown { marks.append(.notEmployed) }
            if leaveHours >= PlanReport.shown { marks.append(.leave) }
            if holidayHours >= PlanReport.shown { marks.append(.holiday) }
            if overtime >= PlanReport.shown { marks.append(.overtime) }
            if lockedNotKept >= PlanReport.shown { marks.append(.overCommitted) }
            return marks
        }
    }

    /// What a cell carries besides its load, each with a letter so that it
    /// reads without colour.
    public enum Mark: String, Sendable, CaseIterable {
        case notEmployed = "not-employed"
        case leave
        case holiday
        case overtime
        case overCommitted = "over-committed"

        /// The text shown in the cell.
        public var symbol: String {
            switch self {
            case .notEmployed: return "–"
            case .leave: return "L"
            case .holiday: return "H"
            case .overtime: return "+"
            case .overCommitted: return "!"
            }
        }

        public var meaning: String {
            switch self {
            case .notEmployed: return "outside the employment dates for some or all of the period"
            case .leave: return "on leave for some or all of the period"
            case .holiday: return "a public holiday in the period"
            case .overtime: return "overtime: hours above capacity, within the overtime policy"
            case .overCommitted: return "over-committed: locked commitments beyond what the person can work"
            }
        }
    }

    public struct Totals: Sendable, Hashable {
        public var capacity: Double = 0
        public var hours: Double = 0
        public var overtime: Double = 0

        public var load: Double? { capacity > 0 ? hours / capacity : nil }

        mutating func add(_ c: Cell) {
            capacity += c.capacity
            hours += c.hours
            overtime += c.overtime
        }

        mutating func add(_ t: Totals) {
            capacity += t.capacity
            hours += t.hours
            overtime += t.overtime
        }
    }

    // MARK: - Who is free

    /// Consecutive periods in which a person has idle capacity.
    public struct FreeRange: Sendable, Hashable {
        public var person: PlanFile.Person
        public var first: PeriodName
        public var last: PeriodName
        public var periods: Int
        /// Capacity not planned over the range.
        public var idleHours: Double
        /// The smallest idle hours of a period in the range.
        public var leastIdle: Double
    }

    // MARK: - Projects

    public struct ProjectSection: Sendable {
        public var id: Project.ID
        public var name: String
        public var priority: Int
        public var budget: Double?
        public var spent: Double
        public var exhausted: Bool
        /// Spending per period (base rate, the assignments' cost), cumulated.
        public var burn: [Double]
        public var demanded: Double
        public var staffed: Double
        /// Per skill, hours_per_week demand per period.
        public var skills: [SkillRow]
        /// total_hours lines: one figure per line over its window.
        public var totalLines: [PlanFile.DemandRow]
        public var people: [PersonOnProject]
        public var unmet: [ConflictGroup]

        public var unmetHours: Double { max(0, demanded - staffed) }
        public var coverage: Double? { demanded > 0 ? staffed / demanded : nil }
    }

    public struct SkillRow: Sendable {
        public var skill: String
        /// Per period; nil where the skill is not asked for in the period.
        public var cells: [CoverageCell?]
        public var demanded: Double
        public var staffed: Double
    }

    public struct CoverageCell: Sendable, Hashable {
        public var demanded: Double
        public var staffed: Double
        /// Hours planned on the project for the skill in the period (they
        /// may also serve a total_hours line).
        public var planned: Double

        public var coverage: Double { demanded > 0 ? staffed / demanded : 1 }
    }

    public struct PersonOnProject: Sendable, Hashable {
        public var person: PlanFile.Person
        public var skills: [String]
        public var hours: Double
        public var cost: Double
        public var first: PeriodName
        public var last: PeriodName
        public var periods: Int
    }

    // MARK: - Conflicts

    /// Unmet demand of one project, skill and cause, with every row.
    public struct ConflictGroup: Sendable {
        public var project: Project.ID
        public var priority: Int
        public var skill: String
        /// Nil when no stage explained it (a time limit).
        public var cause: Conflict.Cause?
        public var hours: Double
        public var rows: [PlanFile.ConflictRow]
    }

    // MARK: - Shape

    public struct ShapeFigures: Sendable {
        /// summary.json's `shape`.
        public var summary: PlanFile.Shape
        /// How many people work on 1, 2, ... projects (index 0 = 1 project).
        public var projectsPerPerson: [Int]
        /// How many person-project pairs have 1, 2, ... runs.
        public var runsPerPair: [Int]
        /// Distinct people per project, by project id.
        public var peoplePerProject: [(project: Project.ID, people: Int)]
        /// People with capacity and no assignment at all.
        public var unassigned: Int
    }

    /// Hours below this are not marked (as conflicts under it are not reported).
    static let shown = 0.005
}

extension PlanReport {
    /// Why a plan file cannot be reported on.
    public struct MissingFields: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var fields: [String]

        public var description: String {
            "\(path): no \(fields.joined(separator: ", ")): the plan was written by an allot without `report`; "
                + "write the plan again with `allot plan`"
        }
    }

    /// The report of a plan file. Throws when the file lacks the fields the
    /// report needs (plans written before them).
    public init(_ file: PlanFile, path: String = "plan.json") throws(MissingFields) {
        var missing: [String] = []
        if file.periods == nil { missing.append("periods") }
        if file.absence == nil { missing.append("absence") }
        if file.demand == nil { missing.append("demand") }
        if file.staff.contains(where: { $0.skills == nil }) { missing.append("staff skills") }
        guard missing.isEmpty, let periods = file.periods, let absence = file.absence, let demand = file.demand
        else { throw MissingFields(path: path, fields: missing) }
        summary = file.summary
        self.periods = periods
        let index = Dictionary(uniqueKeysWithValues: periods.enumerated().map { ($1.period, $0) })
        let priority = Dictionary(file.projects.map { ($0.id, $0.priority) }, uniquingKeysWith: { a, _ in a })
        heatmap = Self.heatmap(file, absence: absence, index: index)
        free = Self.free(heatmap, periods: periods)
        let groups = Self.unmetGroups(file.conflicts, priority: priority)
        unmetGroups = groups
        otherConflicts = file.conflicts.filter { $0.kind != .unmetDemand }
        projects = Self.projects(file, demand: demand, index: index, groups: groups)
        shape = Self.shape(file, heatmap: heatmap)
        source = file.source
    }

    /// Reads `folder/plan.json` and builds its report.
    public static func read(from folder: String) throws -> PlanReport {
        let path = (folder as NSString).appendingPathComponent("plan.json")
        guard let data = InputFiles.contents(atPath: path) else {
            throw PlanDocument.ReadError(
                path: folder,
                reason:
                    "no plan here (expected plan.json, written by `allot plan DATASET --out \(suggestedOut(folder, fallback: "PLAN_DIR"))`)"
            )
        }
        let file = try PlanDocument.decode(Array(data), path: path) {
            try JSONValueDecoder().decode(PlanFile.self, from: $0)
        }
        return try PlanReport(file, path: path)
    }

    // MARK: - Building

    /// The main skill: the highest level, on a tie the first by name.
    static func mainSkill(_ person: PlanFile.Person) -> String {
        let skills = person.skills ?? []
        return skills.max { a, b in a.level != b.level ? a.level < b.level : a.skill > b.skill }?.skill ?? "(none)"
    }

    static func heatmap(
        _ file: PlanFile, absence: [PlanFile.AbsenceRow], index: [PeriodName: Int]
    ) -> Heatmap {
        let count = index.count
        var cells: [Staff.ID: [Cell]] = [:]
        for person in file.staff { cells[person.id] = Array(repeating: Cell(), count: count) }
        for u in file.summary.utilization {
            guard let t = index[u.period], cells[u.staff] != nil else { continue }
            cells[u.staff]![t].capacity = u.capacity
            cells[u.staff]![t].hours = u.hours
            cells[u.staff]![t].overtime = u.overtime
        }
        for a in absence {
            guard let t = index[a.period], cells[a.staff] != nil else { continue }
            cells[a.staff]![t].holidayHours = a.holidayHours
            cells[a.staff]![t].leaveHours = a.leaveHours
            cells[a.staff]![t].notEmployedHours = a.notEmployedHours
        }
        for c in file.conflicts where c.kind == .lockedCommitment {
            guard let s = c.staff, let p = c.period, let t = index[p], cells[s] != nil else { continue }
            cells[s]![t].lockedNotKept += c.hours
        }
        let bySkill = Dictionary(grouping: file.staff, by: mainSkill)
        var columnTotals = Array(repeating: Totals(), count: count)
        var total = Totals()
        let groups = bySkill.keys.sorted().map { skill -> Heatmap.Group in
            var groupColumns = Array(repeating: Totals(), count: count)
            var groupTotal = Totals()
            let rows = bySkill[skill]!.sorted { $0.id < $1.id }.map { person -> Heatmap.Row in
                let row = cells[person.id]!
                var rowTotal = Totals()
                for (t, c) in row.enumerated() {
                    rowTotal.add(c)
                    groupColumns[t].add(c)
                    columnTotals[t].add(c)
                }
                groupTotal.add(rowTotal)
                return Heatmap.Row(person: person, cells: row, total: rowTotal)
            }
            total.add(groupTotal)
            return Heatmap.Group(skill: skill, rows: rows, columnTotals: groupColumns, total: groupTotal)
        }
        return Heatmap(groups: groups, columnTotals: columnTotals, total: total)
    }

    /// Per person, maximal runs of consecutive periods with at least
    /// `freeShare` of the capacity idle; most idle hours first.
    static func free(_ heatmap: Heatmap, periods: [PlanFile.PeriodRow]) -> [FreeRange] {
        var ranges: [FreeRange] = []
        for group in heatmap.groups {
            for row in group.rows {
                var start: Int?
                func close(_ end: Int) {
                    guard let s = start else { return }
                    let idle = row.cells[s...end].map(\.idle)
                    ranges.append(
                        FreeRange(
                            person: row.person, first: periods[s].period, last: periods[end].period,
                            periods: end - s + 1, idleHours: idle.reduce(0, +), leastIdle: idle.min() ?? 0))
                    start = nil
                }
                for (t, c) in row.cells.enumerated() {
                    let isFree = c.capacity > 0 && c.idle >= 0.5 && c.idle >= freeShare * c.capacity
                    if isFree, start == nil { start = t }
                    if !isFree { close(t - 1) }
                }
                close(row.cells.count - 1)
            }
        }
        return ranges.sorted {
            ($1.idleHours, $0.person.id.rawValue, $0.first) < ($0.idleHours, $1.person.id.rawValue, $1.first)
        }
    }

    /// The terminal's grouping (project, skill, cause), in priority order,
    /// the most hours first, each with all its rows in file order.
    static func unmetGroups(_ conflicts: [PlanFile.ConflictRow], priority: [Project.ID: Int]) -> [ConflictGroup] {
        var groups: [String: ConflictGroup] = [:]
        var order: [String] = []
        for c in conflicts where c.kind == .unmetDemand {
            let key = "\(c.project?.rawValue ?? "")|\(c.skill ?? "")|\(c.cause?.rawValue ?? "")"
            if groups[key] == nil {
                order.append(key)
                let project = c.project ?? Project.ID("")
                groups[key] = ConflictGroup(
                    project: project, priority: priority[project] ?? 0, skill: c.skill ?? "", cause: c.cause,
                    hours: 0, rows: [])
            }
            groups[key]!.hours += c.hours
            groups[key]!.rows.append(c)
        }
        return order.map { groups[$0]! }.sorted {
            ($0.priority, -$0.hours, $0.project.rawValue, $0.skill)
                < ($1.priority, -$1.hours, $1.project.rawValue, $1.skill)
        }
    }

    static func projects(
        _ file: PlanFile, demand: [PlanFile.DemandRow], index: [PeriodName: Int], groups: [ConflictGroup]
    ) -> [ProjectSection] {
        let count = index.count
        let people = Dictionary(file.staff.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let budgets = Dictionary(file.summary.budgets.map { ($0.project, $0) }, uniquingKeysWith: { a, _ in a })
        let demandOf = Dictionary(grouping: demand, by: \.project)
        let rowsOf = Dictionary(grouping: file.assignments, by: \.project)
        return file.projects.sorted { ($0.priority, $0.id) < ($1.priority, $1.id) }.map { project in
            let cells = demandOf[project.id] ?? []
            let rows = rowsOf[project.id] ?? []
            var planned: [String: [Double]] = [:]
            var spend = Array(repeating: 0.0, count: count)
            for r in rows {
                guard let t = index[r.period] else { continue }
                planned[r.skill, default: Array(repeating: 0, count: count)][t] += r.hours
                spend[t] += r.cost
            }
            var burn: [Double] = []
            var sum = 0.0
            for s in spend {
                sum += s
                burn.append(sum)
            }
            var skillCells: [String: [CoverageCell?]] = [:]
            for c in cells {
                guard let p = c.period, let t = index[p] else { continue }
                var row = skillCells[c.skill] ?? Array(repeating: nil, count: count)
                var cell = row[t] ?? CoverageCell(demanded: 0, staffed: 0, planned: planned[c.skill]?[t] ?? 0)
                cell.demanded += c.demanded
                cell.staffed += c.staffed
                row[t] = cell
                skillCells[c.skill] = row
            }
            let skills = skillCells.keys.sorted().map { skill in
                let row = skillCells[skill]!
                return SkillRow(
                    skill: skill, cells: row, demanded: row.reduce(0) { $0 + ($1?.demanded ?? 0) },
                    staffed: row.reduce(0) { $0 + ($1?.staffed ?? 0) })
            }
            let byPerson = Dictionary(grouping: rows, by: \.staff)
            let onProject = byPerson.keys.sorted().map { id -> PersonOnProject in
                let mine = byPerson[id]!
                let ts = mine.compactMap { index[$0.period] }.sorted()
                return PersonOnProject(
                    person: people[id] ?? PlanFile.Person(id: id, name: nil, email: nil, costPerHour: 0),
                    skills: Array(Set(mine.map(\.skill))).sorted(), hours: mine.reduce(0) { $0 + $1.hours },
                    cost: mine.reduce(0) { $0 + $1.cost }, first: mine.map(\.period).min()!,
                    last: mine.map(\.period).max()!, periods: Set(ts).count)
            }.sorted { ($1.hours, $0.person.id) < ($0.hours, $1.person.id) }
            let budget = budgets[project.id]
            return ProjectSection(
                id: project.id, name: project.displayName, priority: project.priority, budget: budget?.budget,
                spent: budget?.spent ?? sum, exhausted: budget?.exhausted ?? false, burn: burn,
                demanded: cells.reduce(0) { $0 + $1.demanded }, staffed: cells.reduce(0) { $0 + $1.staffed },
                skills: skills, totalLines: cells.filter { $0.period == nil }, people: onProject,
                unmet: groups.filter { $0.project == project.id })
        }
    }

    static func shape(_ file: PlanFile, heatmap: Heatmap) -> ShapeFigures {
        var projectsOf: [Staff.ID: Set<Project.ID>] = [:]
        var periodsOfPair: [String: Set<PeriodName>] = [:]
        var peopleOf: [Project.ID: Set<Staff.ID>] = [:]
        for a in file.assignments where a.hours > 0 {
            projectsOf[a.staff, default: []].insert(a.project)
            periodsOfPair["\(a.staff.rawValue)|\(a.project.rawValue)", default: []].insert(a.period)
            peopleOf[a.project, default: []].insert(a.staff)
        }
        let order = Dictionary(
            uniqueKeysWithValues: (file.periods ?? []).enumerated().map { ($1.period, $0) })
        func histogram(_ values: [Int]) -> [Int] {
            guard let most = values.max() else { return [] }
            var counts = Array(repeating: 0, count: most)
            for v in values where v > 0 { counts[v - 1] += 1 }
            return counts
        }
        let runs = periodsOfPair.values.map { periods -> Int in
            let sorted = periods.compactMap { order[$0] }.sorted()
            return 1 + zip(sorted, sorted.dropFirst()).filter { $1 != $0 + 1 }.count
        }
        let withCapacity = heatmap.groups.flatMap(\.rows).filter { $0.total.capacity > 0 }.map(\.person.id)
        return ShapeFigures(
            summary: file.summary.shape, projectsPerPerson: histogram(projectsOf.values.map(\.count)),
            runsPerPair: histogram(runs),
            peoplePerProject: file.projects.map(\.id).sorted().map { ($0, peopleOf[$0]?.count ?? 0) },
            unassigned: withCapacity.filter { projectsOf[$0] == nil }.count)
    }
}
