import LinearModel

/// From solver values to a plan a manager can read: every number here is
/// recomputed from the hours, so the files agree with each other exactly.
extension Plan {
    /// Hours below this are solver noise and read as 0; conflicts below it are not reported.
    static let noise = 1e-7
    static let reportable = 0.005

    public init(instance: Instance, formulation f: Formulation, solution: Solution, scenario: String? = nil) {
        let settings = instance.settings
        let periods = instance.periods
        let x: [Double] = f.hours.columns.map { j in
            let v = solution.values[j]
            return v < Plan.noise ? 0 : min(v, f.model.columns[j].upper)
        }

        // Load, overtime, staffed hours.
        var load = instance.lockedLoad
        var staffedInCell = [Double](repeating: 0, count: instance.cells.count)
        for (j, h) in f.hours.enumerated where x[j] > 0 {
            load[h.staff][h.period] += x[j]
            staffedInCell[h.cell] += x[j]
        }
        // Locked hours serving demand (their load is already in lockedLoad).
        for serve in f.lockedPools.serves {
            let v = solution.values[serve.column]
            if v >= Plan.noise { staffedInCell[serve.cell] += v }
        }
        var overtime = Array(repeating: Array(repeating: 0.0, count: periods.count), count: instance.staff.count)
        for s in instance.staff.indices {
            for t in periods.indices {
                let over = load[s][t] - instance.capacity[s][t]
                if over > Plan.noise { overtime[s][t] = over }
            }
        }

        // Assignments: solver hours and locked hours per person, project, skill, period.
        struct Key: Hashable, Comparable {
            var staff: Int, project: Int, skill: String, period: Int
            static func < (a: Key, b: Key) -> Bool {
                (a.staff, a.project, a.skill, a.period) < (b.staff, b.project, b.skill, b.period)
            }
        }
        var cells: [Key: (hours: Double, locked: Double)] = [:]
        for (j, h) in f.hours.enumerated where x[j] > 0 {
            let cell = instance.cells[h.cell]
            cells[Key(staff: h.staff, project: cell.project, skill: cell.skill, period: h.period), default: (0, 0)].hours += x[j]
        }
        for l in instance.locked where l.held > 0 {
            let key = Key(staff: l.staff, project: l.project, skill: l.commitment.skill, period: l.period)
            cells[key, default: (0, 0)].hours += l.held
            cells[key, default: (0, 0)].locked += l.held
        }
        // Keys sort by index, and indices follow sorted ids, so rows come out
        // sorted by staff, project, skill, period (SPEC §4).
        assignments = cells.keys.sorted().compactMap { key in
            let v = cells[key]!
            guard format(v.hours) != "0" else { return nil }
            let rate = instance.staff[key.staff].costPerHour
            return Assignment(staff: instance.staff[key.staff].id, project: instance.projects[key.project].id, skill: key.skill,
                              period: periods[key.period], hours: v.hours, cost: v.hours * rate, lockedHours: v.locked)
        }

        // Coverage per priority.
        var byPriority: [Int: (demanded: Double, staffed: Double)] = [:]
        for cell in instance.cells {
            byPriority[cell.priority, default: (0, 0)].demanded += cell.requested
            byPriority[cell.priority, default: (0, 0)].staffed += min(cell.requested, staffedInCell[cell.id])
        }
        coverage = byPriority.keys.sorted().map { PriorityCoverage(priority: $0, demanded: byPriority[$0]!.demanded, staffed: byPriority[$0]!.staffed) }

        // Cost.
        var base = 0.0, premium = 0.0
        for (s, person) in instance.staff.enumerated() {
            for t in periods.indices {
                base += load[s][t] * person.costPerHour
                premium += overtime[s][t] * person.costPerHour * (settings.overtimePremium - 1)
            }
        }
        // Stability: hours by which the plan differs from the unlocked
        // commitments, per person, project, skill and period (SPEC §3).
        var moved = 0.0
        if !instance.baseline.isEmpty {
            var difference: [Key: Double] = [:]
            for (key, v) in cells { difference[key, default: 0] += v.hours }
            for b in instance.baseline {
                difference[Key(staff: b.staff, project: b.project, skill: b.skill, period: b.period), default: 0] -= b.hours
            }
            moved = difference.values.reduce(0) { $0 + abs($1) }
            hoursMovedFromCommitments = moved
        } else {
            hoursMovedFromCommitments = nil
        }
        stabilityWeight = settings.stability
        cost = CostSummary(base: base, overtimePremium: premium, stabilityPenalty: settings.stability * moved)

        // Budgets.
        var spent = instance.lockedCost
        for (j, h) in f.hours.enumerated where x[j] > 0 {
            spent[instance.cells[h.cell].project] += x[j] * instance.staff[h.staff].costPerHour
        }
        budgets = instance.projects.enumerated().map { p, project in
            var exhausted = false
            if let budget = project.budget {
                let room = budget - spent[p]
                exhausted = room <= 1e-6 * max(1, budget) // GLPK solves to ~1e-7 relative
            }
            return BudgetUse(project: project.id, priority: project.priority, budget: project.budget, spent: spent[p], exhausted: exhausted)
        }

        // Utilization.
        var utilization: [Utilization] = []
        for (s, person) in instance.staff.enumerated() {
            for t in periods.indices where instance.capacity[s][t] > 0 || load[s][t] > 0 {
                utilization.append(Utilization(staff: person.id, period: periods[t], capacity: instance.capacity[s][t],
                                               hours: load[s][t], overtime: overtime[s][t]))
            }
        }
        self.utilization = utilization

        // Marginal value of capacity: the first stage whose dual is non-zero.
        var marginal: [MarginalValue] = []
        var bySkill: [SkillKey: (value: Double, people: Int)] = [:]
        for (s, person) in instance.staff.enumerated() {
            for t in periods.indices {
                guard let row = f.capacity.rowOf[s][t] else { continue }
                guard let stage = solution.stages.first(where: { $0.capacityDuals[row] != nil }) else { continue }
                let value = stage.capacityDuals[row]!
                marginal.append(MarginalValue(staff: person.id, period: periods[t], stage: stage.name, value: value))
                for skill in person.skills.keys {
                    bySkill[SkillKey(skill: skill, period: t, stage: stage.name), default: (0, 0)].value += value
                    bySkill[SkillKey(skill: skill, period: t, stage: stage.name), default: (0, 0)].people += 1
                }
            }
        }
        marginalValues = marginal
        let stageOrder = Dictionary(uniqueKeysWithValues: f.stages.enumerated().map { ($1.name, $0) })
        marginalValuesBySkill = bySkill.keys.sorted { a, b in
            (a.skill, a.period, stageOrder[a.stage] ?? 0) < (b.skill, b.period, stageOrder[b.stage] ?? 0)
        }.map { k in
            SkillMarginalValue(skill: k.skill, period: periods[k.period], stage: k.stage, value: bySkill[k]!.value, people: bySkill[k]!.people)
        }

        conflicts = Plan.conflicts(instance: instance, formulation: f, x: x, load: load, overtime: overtime,
                                   staffedInCell: staffedInCell, budgets: budgets)

        name = settings.name
        self.scenario = scenario
        currency = settings.currency
        objective = settings.objective
        status = solution.status
        message = solution.message
        self.periods = periods
        model = ModelSize(rows: f.model.rows.count, columns: f.model.columns.count, nonZeros: f.model.coefficients.count)
        stages = solution.stages.map { s in
            StageSummary(name: s.name, status: s.termination.map(Plan.statusText) ?? "not solved", objective: s.objective,
                         iterations: s.iterations, seconds: s.seconds, gap: s.gap)
        }
        solveSeconds = solution.seconds
        weights = f.weights
        people = instance.staff
        projects = instance.projects
        source = nil
    }

    private struct SkillKey: Hashable {
        var skill: String, period: Int, stage: String
    }

    static func statusText(_ t: SolveResult.Termination) -> String {
        switch t {
        case .optimal: return "optimal"
        case .gapReached: return "gap reached"
        case .infeasible: return "infeasible"
        case .unbounded: return "unbounded"
        case .infeasibleOrUnbounded: return "infeasible or unbounded"
        case .timeLimit: return "time limit"
        case .iterationLimit: return "iteration limit"
        case .stopped: return "time limit" // stopped by its share of the shared limit
        case .failed(_, let reason): return "failed: \(reason)"
        }
    }
}
