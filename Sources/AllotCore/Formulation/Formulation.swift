import LinearModel

/// The linear program of SPEC §3 for one instance, with stable row and column
/// names, and the objectives of its stages.
///
/// Columns:
/// - `hours[s,line,t]`: hours person s works on a demand cell in period t.
///   Only eligible cells exist: s has the skill at min_level or better, and has
///   capacity left in t after locked hours. Upper bound: what is still open in
///   the cell. (Not the person's capacity: that bound would take the dual
///   that belongs to the capacity row, and the marginal value of capacity
///   would read 0 where one more hour does staff one more hour.)
/// - `overtime[s,t]`: hours above capacity, at most capacity * max_percent/100,
///   only when overtime is allowed.
/// - `locked[cell@t]`: locked hours of the cell's project and skill in period
///   t that count against the cell (no cost: locked hours are paid anyway).
///
/// Rows:
/// - `capacity[s,t]`: sum of hours[s,*,t] - overtime[s,t] <= capacity - locked hours.
/// - `lockedpool[p,skill,t]`: the locked hours serving cells <= the locked hours held.
/// - `demand[cell]`: hours + locked hours on the cell <= requested.
/// - `budget[p]`: sum of rate * hours on p <= budget - locked cost (never below 0).
/// - `hold[...]`: added while solving, one per finished stage.
///
/// How many locked hours are held is a stage of its own that separates per
/// person and period (held = min(requested, capacity with overtime)), so
/// `Instance` computes it exactly; which demand cell they serve is left to
/// the LP, so every priority gets the most out of them.
public struct Formulation: Sendable {
    public struct HoursColumn: Sendable, Hashable {
        public var staff: Int
        public var cell: Int
        public var period: Int
    }

    public struct Stage: Sendable {
        public enum Kind: Sendable, Hashable {
            /// Maximise the staffed hours of one priority.
            case priority(Int)
            /// Minimise cost (base + overtime premium) with everything above held.
            case cost
            /// `objective: weighted`: one solve over unmet hours and cost.
            case weighted
        }

        public var kind: Kind
        public var sense: LinearProblem.Sense
        /// Non-zero objective coefficients.
        public var objective: [(column: Int, cost: Double)]
        /// Constant added to the objective (locked contributions, for reporting).
        public var constant: Double

        public var name: String {
            switch kind {
            case .priority(let p): return "priority-\(p)"
            case .cost: return "cost"
            case .weighted: return "weighted"
            }
        }
    }

    public var model: LinearProblem
    public var hours: [HoursColumn]
    /// locked column index -> (pool, cell); these columns follow the overtime columns.
    public var lockedServe: [(pool: Int, cell: Int)]
    public var firstLockedColumn: Int
    /// overtime column index -> (staff, period); columns follow the hours columns.
    public var overtime: [(staff: Int, period: Int)]
    /// capacity row per (staff, period), when the person has a column there.
    public var capacityRows: [[Int?]]
    /// demand row per cell, when the cell has columns.
    public var demandRows: [Int?]
    /// budget row per project, when it has a budget and columns.
    public var budgetRows: [Int?]
    /// Hours columns per cell.
    public var columnsOfCell: [[Int]]
    public var stages: [Stage]
    /// Hours columns per person, project, skill and period (an assignment
    /// row of the plan), with the locked hours already in it.
    public var assignmentGroups: [AssignmentGroup]
    /// The binary columns of max_projects_per_person and min_hours_per_assignment.
    public var integerColumns: [Int]
    /// Hours columns per (person, project, period), and the person-project
    /// pairs and person-project-periods that locked hours already fix
    /// (`columnsSPT` is empty without the policies).
    var columnsSPT: [SPT: [Int]]
    var lockedSP: Set<SP>
    var lockedSPT: Set<SPT>
    /// Stability: per assignment group with columns, baseline minus locked
    /// hours; and the constant part of the penalty (groups without columns).
    var stabilityTargets: [(group: Int, target: Double)]
    var stabilityConstant: Double
    public var isMixedInteger: Bool { !integerColumns.isEmpty }
    /// Objective weight per priority (`weighted` only).
    public var weights: [Int: Double]

    public struct AssignmentGroup: Sendable {
        public var staff: String
        public var project: String
        public var skill: String
        public var period: String
        public var columns: [Int]
        public var locked: Double

        /// `staff|project|skill|period` by ids and period name (built on use:
        /// a large portfolio has millions of groups).
        public var key: String { AssignmentGroup.key(staff, project, skill, period) }
        public var name: String { "\(staff),\(project),\(skill),\(period)" }
    }

    /// Relative tolerance with which a finished stage's optimum is held:
    /// hold >= z - holdTolerance * max(1, |z|). Small enough to vanish in the
    /// 2-decimal outputs, large enough for GLPK's 1e-7 feasibility tolerance.
    public static let holdTolerance = 1e-8
}

extension Formulation {
    public init(_ instance: Instance) {
        let settings = instance.settings
        let overtimeShare = settings.overtimeMaxPercent / 100
        var model = LinearProblem(name: "allot")
        var hours: [HoursColumn] = []
        var columnsOfCell = Array(repeating: [Int](), count: instance.cells.count)
        var columnsAt = Array(repeating: Array(repeating: [Int](), count: instance.periods.count), count: instance.staff.count)

        // Hours columns, in a stable order: cell, then staff, then period.
        for cell in instance.cells where cell.requested > 0 {
            let line = instance.lines[cell.line]
            for s in instance.staff.indices where instance.isQualified(s, for: cell) {
                for t in cell.periods {
                    let room = instance.maxHours(s, t) - instance.lockedLoad[s][t]
                    guard instance.capacity[s][t] > 0, room > 1e-9 else { continue }
                    let j = model.columns.count
                    model.columns.append(.init(
                        name: "hours[\(instance.staff[s].id),\(line.label),\(instance.periods[t].name)]",
                        lower: 0, upper: cell.requested))
                    hours.append(HoursColumn(staff: s, cell: cell.id, period: t))
                    columnsOfCell[cell.id].append(j)
                    columnsAt[s][t].append(j)
                }
            }
        }

        // Overtime columns and capacity rows, person by person.
        var overtime: [(staff: Int, period: Int)] = []
        var capacityRows = Array(repeating: [Int?](repeating: nil, count: instance.periods.count), count: instance.staff.count)
        for s in instance.staff.indices {
            for t in instance.periods.indices {
                let cap = instance.capacity[s][t]
                let load = instance.lockedLoad[s][t]
                guard !columnsAt[s][t].isEmpty || load > cap + 1e-9 else { continue }
                let row = model.rows.count
                let name = "\(instance.staff[s].id),\(instance.periods[t].name)"
                model.rows.append(.init(name: "capacity[\(name)]", upper: cap - load))
                for j in columnsAt[s][t] { model.coefficients.append(.init(row: row, column: j, value: 1)) }
                capacityRows[s][t] = row
                if overtimeShare > 0 {
                    let o = model.columns.count
                    model.columns.append(.init(name: "overtime[\(name)]", lower: 0, upper: cap * overtimeShare))
                    overtime.append((s, t))
                    model.coefficients.append(.init(row: row, column: o, value: -1))
                }
            }
        }

        // Locked hours serving cells, one pool row per project, skill and period.
        let firstLocked = model.columns.count
        var lockedServe: [(pool: Int, cell: Int)] = []
        var lockedOfCell = Array(repeating: [Int](), count: instance.cells.count)
        for (k, pool) in instance.lockedPools.enumerated() where !pool.cells.isEmpty {
            let row = model.rows.count
            model.rows.append(.init(name: "lockedpool[\(pool.name)]", upper: pool.hours))
            for c in pool.cells {
                let j = model.columns.count
                let cell = instance.cells[c]
                model.columns.append(.init(name: "locked[\(cell.name)@\(instance.periods[pool.period].name)]",
                                           lower: 0, upper: min(pool.hours, cell.requested)))
                model.coefficients.append(.init(row: row, column: j, value: 1))
                lockedServe.append((k, c))
                lockedOfCell[c].append(j)
            }
        }

        // Demand rows: solver hours and locked hours together up to the request.
        var demandRows = [Int?](repeating: nil, count: instance.cells.count)
        for cell in instance.cells where !columnsOfCell[cell.id].isEmpty || !lockedOfCell[cell.id].isEmpty {
            let row = model.rows.count
            model.rows.append(.init(name: "demand[\(cell.name)]", upper: cell.requested))
            for j in columnsOfCell[cell.id] + lockedOfCell[cell.id] { model.coefficients.append(.init(row: row, column: j, value: 1)) }
            demandRows[cell.id] = row
        }

        // Budget rows: spending at base rate, locked cost taken off first.
        var budgetRows = [Int?](repeating: nil, count: instance.projects.count)
        var projectColumns = Array(repeating: [Int](), count: instance.projects.count)
        for (j, h) in hours.enumerated() { projectColumns[instance.cells[h.cell].project].append(j) }
        for (p, project) in instance.projects.enumerated() {
            guard let budget = project.budget, !projectColumns[p].isEmpty else { continue }
            let row = model.rows.count
            model.rows.append(.init(name: "budget[\(project.id)]", upper: max(0, budget - instance.lockedCost[p])))
            for j in projectColumns[p] {
                model.coefficients.append(.init(row: row, column: j, value: instance.staff[hours[j].staff].costPerHour))
            }
            budgetRows[p] = row
        }

        // Assignment groups: the plan's rows, for stability and closeness.
        struct GroupKey: Hashable { var staff: Int, project: Int, period: Int, skill: String }
        var groupIndex: [GroupKey: Int] = [:]
        var groups: [AssignmentGroup] = []
        func group(_ s: Int, _ p: Int, _ skill: String, _ t: Int) -> Int {
            let key = GroupKey(staff: s, project: p, period: t, skill: skill)
            if let g = groupIndex[key] { return g }
            groupIndex[key] = groups.count
            groups.append(AssignmentGroup(staff: instance.staff[s].id.rawValue, project: instance.projects[p].id.rawValue,
                                          skill: skill, period: instance.periods[t].name, columns: [], locked: 0))
            return groups.count - 1
        }
        for (j, h) in hours.enumerated() {
            let cell = instance.cells[h.cell]
            groups[group(h.staff, cell.project, cell.skill, h.period)].columns.append(j)
        }
        for l in instance.locked where l.held > 0 {
            groups[group(l.staff, l.project, l.commitment.skill, l.period)].locked += l.held
        }


        // Policies that need integers (SPEC §2), linked as tightly as the data
        // allows: big-M is the person's hours left in that period.
        func room(_ s: Int, _ t: Int) -> Double { max(0, instance.maxHours(s, t) - instance.lockedLoad[s][t]) }
        // Only the policies use these (millions of entries on a large portfolio).
        var columnsSPT: [SPT: [Int]] = [:]
        if settings.maxProjectsPerPerson != nil || (settings.minHoursPerAssignment ?? 0) > 0 {
            for (j, h) in hours.enumerated() {
                columnsSPT[SPT(staff: h.staff, project: instance.cells[h.cell].project, period: h.period), default: []].append(j)
            }
        }
        let sptKeys = columnsSPT.keys.sorted()
        var lockedSP = Set<SP>(), lockedSPT = Set<SPT>()
        for l in instance.locked where l.held > 0 {
            lockedSP.insert(SP(staff: l.staff, project: l.project))
            lockedSPT.insert(SPT(staff: l.staff, project: l.project, period: l.period))
        }
        var integerColumns: [Int] = []
        if let limit = settings.maxProjectsPerPerson {
            // assigned[s,p] = 1 when s works on p at all; at most `limit` per person.
            var assigned: [SP: Int] = [:]
            let pairs = Set(sptKeys.map { SP(staff: $0.staff, project: $0.project) }).union(lockedSP).sorted()
            for sp in pairs {
                let j = model.columns.count
                let fixed = lockedSP.contains(sp) // locked hours already put s on p
                model.columns.append(.init(name: "assigned[\(instance.staff[sp.staff].id),\(instance.projects[sp.project].id)]",
                                           lower: fixed ? 1 : 0, upper: 1, kind: .binary))
                assigned[sp] = j
                integerColumns.append(j)
            }
            for (s, person) in instance.staff.enumerated() {
                let mine = pairs.filter { $0.staff == s }
                guard !mine.isEmpty else { continue }
                let lockedCount = mine.filter { lockedSP.contains($0) }.count
                let row = model.rows.count
                model.rows.append(.init(name: "projects[\(person.id)]", upper: Double(max(limit, lockedCount))))
                for sp in mine { model.coefficients.append(.init(row: row, column: assigned[sp]!, value: 1)) }
            }
            for key in sptKeys {
                let row = model.rows.count
                model.rows.append(.init(name: "link[\(instance.staff[key.staff].id),\(instance.projects[key.project].id),\(instance.periods[key.period].name)]",
                                        upper: 0))
                for j in columnsSPT[key]! { model.coefficients.append(.init(row: row, column: j, value: 1)) }
                model.coefficients.append(.init(row: row, column: assigned[SP(staff: key.staff, project: key.project)]!,
                                                value: -room(key.staff, key.period)))
            }
        }
        if let minimum = settings.minHoursPerAssignment, minimum > 0 {
            // works[s,p,t] = 1 when s works on p in t: then at least `minimum`
            // hours there. Assignments with locked hours are given, not chosen.
            for key in sptKeys where !lockedSPT.contains(key) {
                let j = model.columns.count
                let name = "\(instance.staff[key.staff].id),\(instance.projects[key.project].id),\(instance.periods[key.period].name)"
                model.columns.append(.init(name: "works[\(name)]", lower: 0, upper: 1, kind: .binary))
                integerColumns.append(j)
                let most = model.rows.count
                model.rows.append(.init(name: "most[\(name)]", upper: 0))
                let least = model.rows.count
                model.rows.append(.init(name: "least[\(name)]", lower: 0))
                for x in columnsSPT[key]! {
                    model.coefficients.append(.init(row: most, column: x, value: 1))
                    model.coefficients.append(.init(row: least, column: x, value: 1))
                }
                model.coefficients.append(.init(row: most, column: j, value: -room(key.staff, key.period)))
                model.coefficients.append(.init(row: least, column: j, value: -minimum))
            }
        }

        // Objectives.
        let lockedBase = instance.locked.reduce(0.0) { $0 + $1.held * instance.staff[$1.staff].costPerHour }
        var costObjective: [(column: Int, cost: Double)] = hours.enumerated().map { j, h in
            (j, instance.staff[h.staff].costPerHour)
        }
        for (k, o) in overtime.enumerated() {
            let premium = (settings.overtimePremium - 1) * instance.staff[o.staff].costPerHour
            if premium > 0 { costObjective.append((hours.count + k, premium)) }
        }
        // Stability (SPEC §3): stability x |plan - unlocked commitments| per
        // person, project, skill and period, in the cost. |x - r| is
        // 2 max(0, x - r) - x + r: one column `moved[...]` and one row per
        // assignment with baseline hours beyond its locked ones.
        var stabilityConstant = 0.0
        var stabilityTargets: [(group: Int, target: Double)] = []
        if settings.stability > 0 && !instance.baseline.isEmpty {
            let weight = settings.stability
            var baseline: [String: Double] = [:]
            for b in instance.baseline {
                baseline[AssignmentGroup.key(instance.staff[b.staff].id.rawValue, instance.projects[b.project].id.rawValue,
                                             b.skill, instance.periods[b.period].name), default: 0] += b.hours
            }
            var seen = Set<String>()
            for (gi, g) in groups.enumerated() {
                seen.insert(g.key)
                let r = (baseline[g.key] ?? 0) - g.locked
                if !g.columns.isEmpty { stabilityTargets.append((gi, r)) }
                if g.columns.isEmpty {
                    stabilityConstant += weight * abs(r)
                } else if r > 1e-9 {
                    let row = model.rows.count, e = model.columns.count
                    model.rows.append(.init(name: "stable[\(g.name)]", upper: r))
                    model.columns.append(.init(name: "moved[\(g.name)]", lower: 0, upper: .infinity))
                    for j in g.columns { model.coefficients.append(.init(row: row, column: j, value: 1)) }
                    model.coefficients.append(.init(row: row, column: e, value: -1))
                    for j in g.columns { costObjective.append((j, -weight)) }
                    costObjective.append((e, 2 * weight))
                    stabilityConstant += weight * r
                } else {
                    for j in g.columns { costObjective.append((j, weight)) }
                    stabilityConstant -= weight * r
                }
            }
            for (key, hours) in baseline where !seen.contains(key) { stabilityConstant += weight * hours }
            // Several entries for one column add up.
            costObjective = Dictionary(costObjective.map { ($0.column, $0.cost) }, uniquingKeysWith: +)
                .sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }

        var stages: [Stage] = []
        var weights: [Int: Double] = [:]
        switch settings.objective {
        case .lexicographic:
            for priority in instance.priorities {
                let columns = hours.indices.filter { instance.cells[hours[$0].cell].priority == priority }
                    + lockedServe.indices.filter { instance.cells[lockedServe[$0].cell].priority == priority }.map { firstLocked + $0 }
                stages.append(Stage(kind: .priority(priority), sense: .maximize,
                                    objective: columns.map { ($0, 1.0) }, constant: 0))
            }
            stages.append(Stage(kind: .cost, sense: .minimize, objective: costObjective, constant: lockedBase + stabilityConstant))
        case .weighted:
            weights = Formulation.weights(instance)
            var objective = costObjective
            for (j, h) in hours.enumerated() {
                objective.append((j, -weights[instance.cells[h.cell].priority]!))
            }
            for (k, serve) in lockedServe.enumerated() {
                objective.append((firstLocked + k, -weights[instance.cells[serve.cell].priority]!))
            }
            let demanded = instance.cells.reduce(0.0) { $0 + weights[$1.priority]! * $1.requested }
            objective = Dictionary(objective.map { ($0.column, $0.cost) }, uniquingKeysWith: +).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            stages.append(Stage(kind: .weighted, sense: .minimize, objective: objective,
                                constant: demanded + lockedBase + stabilityConstant))
        }

        self.init(model: model, hours: hours, lockedServe: lockedServe, firstLockedColumn: firstLocked,
                  overtime: overtime, capacityRows: capacityRows, demandRows: demandRows,
                  budgetRows: budgetRows, columnsOfCell: columnsOfCell, stages: stages, assignmentGroups: groups,
                  integerColumns: integerColumns, columnsSPT: columnsSPT, lockedSP: lockedSP, lockedSPT: lockedSPT,
                  stabilityTargets: stabilityTargets, stabilityConstant: stabilityConstant, weights: weights)
    }

    /// `objective: weighted`: an unmet hour of the r-th most important
    /// priority (r = 1, 2, ...) of N costs B * 10^(N - r), where
    /// B = 1 + 2 * premium * (highest hourly rate). So an unmet hour always
    /// costs more than the most expensive way to staff it, and an hour of a
    /// priority is worth ten hours of the next one.
    public static func weights(_ instance: Instance) -> [Int: Double] {
        let priorities = instance.priorities
        let topRate = instance.staff.map(\.costPerHour).max() ?? 0
        let base = 1 + 2 * instance.settings.overtimePremium * topRate
        var weights: [Int: Double] = [:]
        for (r, p) in priorities.enumerated() {
            var w = base
            for _ in 0..<(priorities.count - 1 - r) { w *= 10 }
            weights[p] = w
        }
        return weights
    }

    /// Same rows and columns, by name and in order, and the same stages: a
    /// basis of one fits the other (bounds, costs and coefficients may differ).
    public func hasSameShape(as other: Formulation) -> Bool {
        model.columns.count == other.model.columns.count && model.rows.count == other.model.rows.count
            && stages.map(\.name) == other.stages.map(\.name)
            && zip(model.rows, other.model.rows).allSatisfy { $0.name == $1.name }
            && zip(model.columns, other.model.columns).allSatisfy { $0.name == $1.name }
    }

    /// The first stage maximises (or minimises) the same thing in both.
    public func hasSameFirstObjective(as other: Formulation) -> Bool {
        guard let a = stages.first, let b = other.stages.first, a.sense == b.sense, a.objective.count == b.objective.count else {
            return false
        }
        return zip(a.objective, b.objective).allSatisfy { $0.column == $1.column && $0.cost == $1.cost }
    }

    /// Columns of the hours of one priority (for hold rows).
    public func columns(ofPriority priority: Int, in instance: Instance) -> [Int] {
        hours.indices.filter { instance.cells[hours[$0].cell].priority == priority }
    }
}

extension Formulation.AssignmentGroup {
    public static func key(_ staff: String, _ project: String, _ skill: String, _ period: String) -> String {
        staff + "|" + project + "|" + skill + "|" + period
    }
}

/// (person, project) and (person, project, period) keys for the policies.
struct SP: Hashable, Comparable {
    var staff: Int, project: Int
    static func < (a: SP, b: SP) -> Bool { (a.staff, a.project) < (b.staff, b.project) }
}

struct SPT: Hashable, Comparable {
    var staff: Int, project: Int, period: Int
    static func < (a: SPT, b: SPT) -> Bool { (a.staff, a.project, a.period) < (b.staff, b.project, b.period) }
}
