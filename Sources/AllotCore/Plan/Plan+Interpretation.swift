import LinearModel

/// From solver values to a plan a manager can read: every number here is
/// recomputed from the hours, so the files agree with each other exactly.
extension Plan {
    /// Hours below this are solver noise and read as 0; conflicts below it are not reported.
    static let noise = 1e-7
    static let reportable = 0.005

    /// One warning per commitment (or group of commitments) whose locked
    /// hours serve no demand, with the hours summed over its periods: a
    /// commitment of 26 weeks above its demand is one line, not 26. It points
    /// at the (first) commitment's line, as validation's findings do.
    static func lockedWarnings(_ instance: Instance) -> [Diagnostic] {
        struct Group {
            var commitments: [Commitment]
            var people: String
            var project: Int
            var skill: String
            var periods: [Int] = []
            var hours = 0.0
        }
        var groups: [Group] = []
        var index: [String: Int] = [:]
        for b in instance.lockedBeyondDemand() {
            let lines = b.commitments.map { String($0.origin.line) }.joined(separator: ", ")
            let people = Set(b.commitments.map(\.staff.rawValue)).sorted().joined(separator: ", ")
            let key = "\(lines)|\(people)|\(b.project)|\(b.skill)"
            if index[key] == nil {
                index[key] = groups.count
                groups.append(Group(commitments: b.commitments, people: people, project: b.project, skill: b.skill))
            }
            groups[index[key]!].periods.append(b.period)
            groups[index[key]!].hours += b.hours
        }
        return groups.map { g in
            let periods = g.periods.sorted()
            let name = { (t: Int) in instance.periods[t].name }
            let when =
                periods.count == 1
                ? "in \(name(periods[0]))"
                : periods.last! - periods.first! == periods.count - 1
                    ? "from \(name(periods.first!)) to \(name(periods.last!))"
                    : "in \(periods.count) periods from \(name(periods.first!)) to \(name(periods.last!))"
            let project = instance.projects[g.project].id
            let others = g.commitments.dropFirst().map { String($0.origin.line) }
            let with =
                others.isEmpty ? "" : " (with line\(others.count == 1 ? "" : "s") \(others.joined(separator: ", ")))"
            return Diagnostic(
                .warning, at: g.commitments[0].origin,
                found:
                    "\(format(g.hours))h of the locked hours of \(g.people) on \(project) (\(g.skill)) \(when)\(with) "
                    + "that serve no demand: \(project) asks less \(g.skill) then",
                expected: "locked hours within the demand they serve, or a demand line that asks for them "
                    + "(as they are, they still take capacity and count against the budget)")
        }
    }

    public init(instance: Instance, formulation f: Formulation, solution: Solution, scenario: String? = nil) {
        let settings = instance.settings
        let hours = PlannedHours(instance, f, solution)
        assignments = Plan.assignments(instance, hours)
        coverage = Plan.coverage(instance, hours)
        demand = Plan.demandUse(instance, hours)
        calendar = PlanCalendar(instance)
        let moved = Plan.hoursMoved(instance, hours)
        hoursMovedFromCommitments = moved
        stabilityWeight = settings.stability
        cost = Plan.cost(instance, hours, moved: moved ?? 0)
        budgets = Plan.budgets(instance, f, hours)
        utilization = Plan.utilization(instance, hours)
        overtime = Plan.overtime(instance, hours)
        overtimePremiumFactor = settings.overtimePremium
        warnings = Plan.lockedWarnings(instance)
        shape = PlanShape(assignments)
        (marginalValues, marginalValuesBySkill) = Plan.marginalValues(instance, f, solution)
        conflicts = Plan.conflicts(
            instance: instance, formulation: f, x: hours.x, staffedInCell: hours.staffedInCell, budgets: budgets,
            unproven: Plan.unproven(solution, f, instance))
        name = settings.name
        self.scenario = scenario
        currency = settings.currency
        objective = settings.objective
        status = solution.status
        message = solution.message
        periods = instance.periods
        engine = solution.engine
        model = ModelSize(
            rows: f.model.rows.count, columns: f.model.columns.count,
            nonZeros: f.model.coefficients.count)
        stages = solution.stages.map { s in
            StageSummary(
                name: s.name, status: s.unproven ? "not proven" : s.termination.map(Plan.statusText) ?? "not solved",
                objective: s.objective, iterations: s.iterations, seconds: s.seconds, gap: s.gap,
                handedOn: s.handedOn)
        }
        solveSeconds = solution.seconds
        weights = f.weights
        people = instance.staff
        projects = instance.projects
        source = nil
    }

    /// The solver's hours read once: per column (noise dropped, bounds
    /// respected), per person and period with locked hours, per cell, and per
    /// plan row (person, project, skill, period).
    struct PlannedHours {
        struct Key: Hashable, Comparable {
            var staff: Int, project: Int, skill: String, period: Int
            static func < (a: Key, b: Key) -> Bool {
                (a.staff, a.project, a.skill, a.period) < (b.staff, b.project, b.skill, b.period)
            }
        }

        /// Per hours column.
        let x: [Double]
        /// Per person and period: locked and solver hours.
        let load: [[Double]]
        /// Per person and period: hours above capacity.
        let overtime: [[Double]]
        /// Per cell: solver hours and locked hours serving it.
        let staffedInCell: [Double]
        /// Per plan row: hours and the locked part of them.
        let rows: [Key: (hours: Double, locked: Double)]

        init(_ instance: Instance, _ f: Formulation, _ solution: Solution) {
            let periods = instance.periods
            let x: [Double] = f.hours.columns.map { j in
                let v = solution.values[j]
                return v < Plan.noise ? 0 : min(v, f.model.columns[j].upper)
            }
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
            var rows: [Key: (hours: Double, locked: Double)] = [:]
            for (j, h) in f.hours.enumerated where x[j] > 0 {
                let cell = instance.cells[h.cell]
                let key = Key(staff: h.staff, project: cell.project, skill: cell.skill, period: h.period)
                rows[key, default: (0, 0)].hours += x[j]
            }
            for l in instance.locked where l.held > 0 {
                let key = Key(staff: l.staff, project: l.project, skill: l.commitment.skill, period: l.period)
                rows[key, default: (0, 0)].hours += l.held
                rows[key, default: (0, 0)].locked += l.held
            }
            self.x = x
            self.load = load
            self.overtime = overtime
            self.staffedInCell = staffedInCell
            self.rows = rows
        }
    }

    /// Solver hours and locked hours per person, project, skill, period. Keys
    /// sort by index, and indices follow sorted ids, so rows come out sorted
    /// by staff, project, skill, period (docs/outputs.md).
    static func assignments(_ instance: Instance, _ hours: PlannedHours) -> [Assignment] {
        hours.rows.keys.sorted().compactMap { key in
            let v = hours.rows[key]!
            guard format(v.hours) != "0" else { return nil }
            let rate = instance.staff[key.staff].costPerHour
            return Assignment(
                staff: instance.staff[key.staff].id, project: instance.projects[key.project].id,
                skill: key.skill, period: instance.periods[key.period], hours: v.hours,
                cost: v.hours * rate, lockedHours: v.locked)
        }
    }

    /// Per demand cell, what was asked and staffed, by project, skill, then
    /// period (whole-window lines last), then window and file order.
    static func demandUse(_ instance: Instance, _ hours: PlannedHours) -> [DemandUse] {
        let order = instance.cells.sorted { a, b in
            let pa = a.isTotal ? Int.max : a.periods[0], pb = b.isTotal ? Int.max : b.periods[0]
            let wa = instance.lines[a.line].window.first, wb = instance.lines[b.line].window.first
            return (a.project, a.skill, pa, wa, a.id) < (b.project, b.skill, pb, wb, b.id)
        }
        return order.map { cell in
            let window = instance.lines[cell.line].window
            let period = cell.isTotal ? nil : instance.periods[cell.periods[0]]
            return DemandUse(
                project: instance.projects[cell.project].id, skill: cell.skill, minLevel: cell.minLevel,
                period: period, range: period.map { $0.range.clamped(to: window) } ?? window,
                demanded: cell.requested, staffed: min(cell.requested, hours.staffedInCell[cell.id]))
        }
    }

    static func coverage(_ instance: Instance, _ hours: PlannedHours) -> [PriorityCoverage] {
        var byPriority: [Int: (demanded: Double, staffed: Double)] = [:]
        for cell in instance.cells {
            byPriority[cell.priority, default: (0, 0)].demanded += cell.requested
            byPriority[cell.priority, default: (0, 0)].staffed += min(cell.requested, hours.staffedInCell[cell.id])
        }
        return byPriority.keys.sorted().map {
            PriorityCoverage(priority: $0, demanded: byPriority[$0]!.demanded, staffed: byPriority[$0]!.staffed)
        }
    }

    /// Hours by which the plan differs from the unlocked commitments, per
    /// person, project, skill and period; nil without commitments when
    /// stability is off (with it on, every planned hour then differs).
    static func hoursMoved(_ instance: Instance, _ hours: PlannedHours) -> Double? {
        guard !instance.baseline.isEmpty || instance.settings.stability > 0 else { return nil }
        var difference: [PlannedHours.Key: Double] = [:]
        for (key, v) in hours.rows { difference[key, default: 0] += v.hours }
        for b in instance.baseline {
            let key = PlannedHours.Key(staff: b.staff, project: b.project, skill: b.skill, period: b.period)
            difference[key, default: 0] -= b.hours
        }
        // In a fixed order: the same sum, to the last bit, every run.
        return difference.keys.sorted().reduce(0) { $0 + abs(difference[$1]!) }
    }

    static func cost(_ instance: Instance, _ hours: PlannedHours, moved: Double) -> CostSummary {
        let settings = instance.settings
        var base = 0.0, premium = 0.0, idle = 0.0, variable = 0.0
        for (s, person) in instance.staff.enumerated() {
            let capacityPaid = person.paid == .capacity
            let factor = settings.overtimeCostFactor(person.paid)
            for t in instance.periods.indices {
                base += hours.load[s][t] * person.costPerHour
                premium += hours.overtime[s][t] * person.costPerHour * factor
                if capacityPaid {
                    idle += max(0, instance.capacity[s][t] - hours.load[s][t]) * person.costPerHour
                } else {
                    variable += hours.load[s][t] * person.costPerHour
                }
            }
        }
        return CostSummary(
            base: base, fixed: instance.fixedCost, idle: idle, variable: variable,
            overtimePremium: premium, stabilityPenalty: settings.stability * moved)
    }

    static func budgets(_ instance: Instance, _ f: Formulation, _ hours: PlannedHours) -> [BudgetUse] {
        var spent = instance.lockedCost
        // The least an hour of the project can cost (nil: no paid column).
        var cheapest = [Double?](repeating: nil, count: instance.projects.count)
        for (j, h) in f.hours.enumerated {
            let p = instance.cells[h.cell].project, rate = instance.staff[h.staff].costPerHour
            if hours.x[j] > 0 { spent[p] += hours.x[j] * rate }
            if rate > 0 { cheapest[p] = min(cheapest[p] ?? rate, rate) }
        }
        return instance.projects.enumerated().map { p, project in
            var exhausted = false
            if let budget = project.budget {
                let room = budget - spent[p]
                // The solver is exact to ~1e-7 relative; and money left that
                // buys less than a reportable amount of hours buys none (a
                // budget of 0.01 at 1,000,000 an hour: 1e-8 h; its unmet
                // demand was put down to capacity).
                exhausted = room <= max(1e-6 * max(1, budget), (cheapest[p] ?? 0) * Plan.reportable)
            }
            return BudgetUse(
                project: project.id, priority: project.priority, budget: project.budget, spent: spent[p],
                exhausted: exhausted)
        }
    }

    static func utilization(_ instance: Instance, _ hours: PlannedHours) -> [Utilization] {
        var utilization: [Utilization] = []
        for (s, person) in instance.staff.enumerated() {
            for t in instance.periods.indices where instance.capacity[s][t] > 0 || hours.load[s][t] > 0 {
                utilization.append(
                    Utilization(
                        staff: person.id, period: instance.periods[t],
                        capacity: instance.capacity[s][t], hours: hours.load[s][t],
                        overtime: hours.overtime[s][t]))
            }
        }
        return utilization
    }

    /// Person-periods with hours above capacity, and what the premium costs.
    static func overtime(_ instance: Instance, _ hours: PlannedHours) -> [OvertimeUse] {
        var result: [OvertimeUse] = []
        for (s, person) in instance.staff.enumerated() {
            for t in instance.periods.indices where hours.overtime[s][t] >= Plan.reportable {
                let factor = instance.settings.overtimeCostFactor(person.paid)
                let extra = hours.overtime[s][t] * person.costPerHour * factor
                result.append(
                    OvertimeUse(
                        staff: person.id, period: instance.periods[t],
                        capacity: instance.capacity[s][t], hours: hours.overtime[s][t],
                        premiumCost: extra))
            }
        }
        return result
    }

    /// Marginal value of capacity: per person and period, the first stage
    /// whose dual on the capacity row is non-zero; and those summed by skill.
    static func marginalValues(_ instance: Instance, _ f: Formulation, _ solution: Solution)
        -> ([MarginalValue], [SkillMarginalValue])
    {
        let periods = instance.periods
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
        let stageOrder = Dictionary(uniqueKeysWithValues: f.stages.enumerated().map { ($1.name, $0) })
        let bySkillSorted = bySkill.keys.sorted { a, b in
            (a.skill, a.period, stageOrder[a.stage] ?? 0) < (b.skill, b.period, stageOrder[b.stage] ?? 0)
        }.map { k in
            SkillMarginalValue(
                skill: k.skill, period: periods[k.period], stage: k.stage, value: bySkill[k]!.value,
                people: bySkill[k]!.people)
        }
        return (marginal, bySkillSorted)
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
        case .stopped: return "time limit"  // stopped by its share of the shared limit
        case .failed(_, let reason): return "failed: \(reason)"
        }
    }
}
