/// A plan as its files say it: the figures a manager reads (summary.json)
/// and everything `allot export` needs (plan.json).
extension PlanFile.Summary {
    public init(_ plan: Plan, options: Plan.FileOptions = Plan.FileOptions()) {
        let totalDemanded = plan.coverage.reduce(0) { $0 + $1.demanded }
        let totalStaffed = plan.coverage.reduce(0) { $0 + $1.staffed }
        schemaVersion = Plan.schemaVersion
        name = plan.name
        scenario = plan.scenario
        status = plan.status
        message = plan.message
        objective = plan.objective
        gap = plan.gap
        currency = plan.currency
        priorities = plan.coverage.map { c in
            .init(
                priority: c.priority, demanded: c.demanded, staffed: c.staffed, unmet: c.unmet,
                coveragePercent: shownPercent(c.percent))
        }
        totals = .init(
            demanded: totalDemanded, staffed: totalStaffed, unmet: max(0, totalDemanded - totalStaffed),
            assignments: plan.assignments.count, conflicts: plan.conflicts.count)
        // Rounded once, to cents: fixed + variable + overtime + stability = total as written
        // (and base + overtime + stability when no one is paid for capacity, where base is variable).
        let c = plan.cost
        let cents = roundedParts([c.fixed, c.variable, c.overtimePremium, c.stabilityPenalty], decimals: 2)
        let fixed = cents.parts[0], variable = cents.parts[1], premium = cents.parts[2]
        cost = .init(
            base: c.fixed == 0 && c.base == c.variable ? variable : c.base, fixed: fixed, idle: min(c.idle, fixed),
            variable: variable, overtimePremium: premium, stabilityPenalty: cents.parts[3], total: cents.total)
        overtime = .init(
            hours: plan.overtime.reduce(0) { $0 + $1.hours }, people: Set(plan.overtime.map(\.staff)).count,
            personPeriods: plan.overtime.count, premium: plan.overtimePremiumFactor,
            premiumCost: c.overtimePremium > 0 ? premium : plan.overtime.reduce(0) { $0 + $1.premiumCost })
        shape = .init(
            runsPerPersonAndProject: plan.shape.runsPerPair, mostRuns: plan.shape.mostRuns,
            projectsPerPerson: plan.shape.projectsPerPerson, mostProjects: plan.shape.mostProjects,
            peoplePerProjectSkillPeriod: plan.shape.peoplePerCell,
            assignmentsUnder4h: plan.shape.slivers, assignmentsUnder4hPercent: plan.shape.sliverPercent)
        stability = .init(weight: plan.stabilityWeight, hoursMovedFromCommitments: plan.hoursMovedFromCommitments)
        budgets = plan.budgets.map { b in
            .init(project: b.project, priority: b.priority, budget: b.budget, spent: b.spent, exhausted: b.exhausted)
        }
        var counts: [Conflict.Kind: Int] = [:]
        for c in plan.conflicts { counts[c.kind, default: 0] += 1 }
        conflictsByKind = .init(counts: counts)
        utilization = plan.utilization.map { u in
            .init(
                staff: u.staff, period: PeriodName(u.period), capacity: u.capacity, hours: u.hours,
                overtime: u.overtime, ratio: u.ratio)
        }
        marginalValueOfCapacity = .init(
            byPerson: plan.marginalValues.map { m in
                .init(staff: m.staff, period: PeriodName(m.period), stage: m.stage, value: m.value)
            },
            bySkill: plan.marginalValuesBySkill.map { m in
                .init(skill: m.skill, period: PeriodName(m.period), stage: m.stage, value: m.value, people: m.people)
            })
        solver = .init(
            engine: plan.engine.isEmpty ? nil : plan.engine,
            model: .init(rows: plan.model.rows, columns: plan.model.columns, nonZeros: plan.model.nonZeros),
            stages: plan.stages.map { s in
                .init(
                    name: s.name, status: s.status, objective: s.objective, iterations: s.iterations, gap: s.gap,
                    seconds: options.timings ? s.seconds : nil)
            },
            solveSeconds: options.timings ? plan.solveSeconds : nil,
            weights: plan.objective == .weighted ? .init(byPriority: plan.weights) : nil)
    }
}

extension PlanFile {
    public init(_ plan: Plan, options: Plan.FileOptions = Plan.FileOptions()) {
        summary = Summary(plan, options: options)
        let defaultHours = plan.calendar.defaultHoursPerWeek
        staff = plan.people.map { s in
            .init(
                id: s.id, name: s.name, email: s.email, costPerHour: s.costPerHour,
                hoursPerWeek: s.hoursPerWeek ?? defaultHours, paid: s.paid,
                skills: s.skills.keys.sorted().map { .init(skill: $0, level: s.skills[$0]!) })
        }
        projects = plan.projects.map { p in .init(id: p.id, name: p.name, priority: p.priority) }
        source = plan.source
        stageOptima = plan.stages.map { s in .init(name: s.name, objective: s.handedOn ? nil : s.objective) }
        assignments = plan.assignments.map { a in
            .init(
                staff: a.staff, project: a.project, skill: a.skill, period: PeriodName(a.period),
                start: a.period.start, end: a.period.end, hours: a.hours, cost: a.cost, lockedHours: a.lockedHours)
        }
        conflicts = plan.conflicts.map { c in
            .init(
                kind: c.kind, project: c.project, staff: c.staff, skill: c.skill,
                period: c.period.map(PeriodName.init), hours: c.hours, cause: c.cause, message: c.message,
                heldBy: c.heldBy.isEmpty
                    ? nil : c.heldBy.map { .init(project: $0.project, priority: $0.priority, hours: $0.hours) })
        }
        overtime = plan.overtime.map { o in
            .init(
                staff: o.staff, period: PeriodName(o.period), capacity: o.capacity, hours: o.hours,
                premiumCost: o.premiumCost)
        }
        let holidays = Dictionary(grouping: plan.calendar.holidays) { h in
            plan.periods.firstIndex { $0.range.contains(h.date) } ?? -1
        }
        periods = plan.periods.map { p in
            .init(
                period: PeriodName(p), start: p.start, end: p.end,
                workingDays: p.id < plan.calendar.workingDays.count ? plan.calendar.workingDays[p.id] : 0,
                holidays: (holidays[p.id] ?? []).map { .init(date: $0.date, name: $0.name) })
        }
        absence = plan.calendar.absences.map { a in
            .init(
                staff: a.staff, period: PeriodName(a.period), holidayHours: a.holidays, leaveHours: a.leave,
                notEmployedHours: a.notEmployed)
        }
        demand = plan.demand.map { d in
            .init(
                project: d.project, skill: d.skill, minLevel: d.minLevel, period: d.period.map(PeriodName.init),
                start: d.range.first, end: d.range.last, demanded: d.demanded, staffed: d.staffed)
        }
    }
}
