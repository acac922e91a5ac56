/// Every unmet demand hour with its cause, every locked hour not held and every
/// budget overrun (docs/outputs.md). Overtime within the policy is a decision
/// of the plan, not a conflict: it is reported as overtime (`Plan.overtime`).
///
/// Why an unmet hour is unmet, exactly: at the optimum of its priority's
/// stage, more hours on the cell would have raised that stage's objective
/// without touching any held stage, unless (a) no column exists (nobody
/// qualified has capacity in the window), (b) the project's budget row binds,
/// or (c) every qualified person's capacity row binds, i.e. their hours are
/// held by other work, which is named.
extension Plan {
    static func conflicts(
        instance: Instance, formulation f: Formulation, x: [Double], staffedInCell: [Double],
        budgets: [BudgetUse], unproven: [Int: String] = [:]
    ) -> [Conflict] {
        let bookings = Bookings(instance, f, x)
        var result: [Conflict] = []
        // A later stage may give up what the holds allow (1e-8 of the
        // priority's hours, Stage.holdTolerance): with a million hours
        // demanded that is 0.01 h, which showed as a priority-1 conflict
        // "fully booked" beside spare capacity. Below twice that, an unmet
        // hour is the solver's noise.
        var demanded: [Int: Double] = [:]
        for cell in instance.cells { demanded[cell.priority, default: 0] += cell.requested }
        for cell in instance.cells {
            let unmet = cell.requested - staffedInCell[cell.id]
            let noise = max(reportable, 2 * Stage.holdTolerance * (demanded[cell.priority] ?? 0))
            guard unmet >= noise else { continue }
            if let why = unproven[cell.priority] {
                result.append(unexplained(cell, unmet: unmet, instance, why: why))
                continue
            }
            result.append(unmetDemand(cell, unmet: unmet, instance, f, budgets: budgets, bookings: bookings))
        }
        result += lockedNotHeld(instance) + budgetOverruns(instance)
        return sorted(result)
    }

    /// Hours per person, period and project, the solver's and the locked
    /// apart, to name who holds the time of the people a cell needed, and
    /// each hours column's value.
    struct Bookings {
        let hours: [HeldKey: Double]
        let locked: [HeldKey: Double]
        let projectsOf: [Int: [Int: [Int]]]
        let x: [Double]
        /// Hours a person may seem to have left that are the solver's noise:
        /// the later stages may give up 1e-8 of every priority's hours
        /// (`Stage.holdTolerance`), and all of it may land on one person (bob
        /// "has hours left, but the policies keep them off it" with 1.6e-6 h
        /// of 80, when capacity was why). At least a reportable amount.
        let noise: Double

        /// The block `min_hours_per_assignment` asks of each (person, period, project): min(H, D).
        let blocks: [HeldKey: Double]

        init(_ instance: Instance, _ f: Formulation, _ x: [Double]) {
            var blocks: [HeldKey: Double] = [:]
            for triple in f.minimumHours?.triples ?? [] {
                blocks[HeldKey(staff: triple.key.staff, period: triple.key.period, project: triple.key.project)] =
                    triple.least
            }
            self.blocks = blocks
            noise = max(reportable, 2 * Stage.holdTolerance * instance.cells.reduce(0) { $0 + $1.requested })
            var hours: [HeldKey: Double] = [:]
            for (j, h) in f.hours.enumerated where x[j] > 0 {
                hours[HeldKey(staff: h.staff, period: h.period, project: instance.cells[h.cell].project), default: 0] +=
                    x[j]
            }
            var locked: [HeldKey: Double] = [:]
            for l in instance.locked where l.held > 0 {
                locked[HeldKey(staff: l.staff, period: l.period, project: l.project), default: 0] += l.held
            }
            var projectsOf: [Int: [Int: Set<Int>]] = [:]
            for key in Array(hours.keys) + Array(locked.keys) {
                projectsOf[key.staff, default: [:]][key.period, default: []].insert(key.project)
            }
            self.hours = hours
            self.locked = locked
            self.projectsOf = projectsOf.mapValues { $0.mapValues { $0.sorted() } }
            self.x = x
        }

        /// What holds person s in period t as seen from a cell of priority
        /// `priority`: locked hours, and the solver's hours on projects of
        /// that priority or a higher one. Lower priorities came later: at the
        /// stage that left the cell unmet their hours were still free.
        func held(_ s: Int, _ t: Int, project p: Int, upTo priority: Int, _ instance: Instance) -> Double {
            let key = HeldKey(staff: s, period: t, project: p)
            return (locked[key] ?? 0) + (instance.projects[p].priority <= priority ? hours[key] ?? 0 : 0)
        }

        /// What a qualified person could still give a cell as its priority's
        /// stage saw it: `hours` within their capacity (with overtime when
        /// the priority may use it) after locked hours and work of that
        /// priority or a higher one, and within the column's bound (a
        /// total_hours window's working days); `booked`: some period of the
        /// cell leaves them no capacity; `windowFull`: some period leaves
        /// them capacity but the window's days there are used up.
        struct Room {
            var hours = 0.0
            var booked = false
            var windowFull = false
            /// Whether, in some period of the cell, the room is at least the block
            /// `min_hours_per_assignment` asks there (min(H, D)): that policy does
            /// not keep the person off (ann, 20 h left, against a block of 4 h was
            /// named as kept off by 8 h blocks).
            var blockFits = false
        }

        /// Each person's `Room` for `cell`, in one pass over its columns
        /// (people without a column there are not in it).
        func rooms(for cell: Instance.DemandCell, _ instance: Instance, _ f: Formulation) -> [Int: Room] {
            let overtime = instance.settings.overtimePriorities.map { $0.contains(cell.priority) } ?? true
            var rooms: [Int: Room] = [:]
            for j in f.hours.ofCell[cell.id] {
                let (s, t) = (f.hours[column: j].staff, f.hours[column: j].period)
                let most = overtime ? instance.maxHours(s, t) : instance.capacity[s][t]
                let taken = (projectsOf[s]?[t] ?? []).reduce(0.0) {
                    $0 + held(s, t, project: $1, upTo: cell.priority, instance)
                }
                let free = most - taken
                let bound = f.model.columns[j].upper - x[j]
                var room = rooms[s] ?? Room()
                if free < noise { room.booked = true } else if bound < noise { room.windowFull = true }
                let here = max(0, min(free, bound))
                room.hours += here
                let block = blocks[HeldKey(staff: s, period: t, project: cell.project)] ?? 0
                if here >= noise && here >= block - noise { room.blockFits = true }
                rooms[s] = room
            }
            return rooms
        }
    }

    /// One cell's unmet hours with their cause: nobody qualified has capacity
    /// in the window, or the budget binds, or a policy keeps people off it,
    /// or every qualified person is booked (by whom, named).
    static func unmetDemand(
        _ cell: Instance.DemandCell, unmet: Double, _ instance: Instance, _ f: Formulation,
        budgets: [BudgetUse], bookings: Bookings
    ) -> Conflict {
        let periods = instance.periods
        let line = instance.lines[cell.line]
        let project = instance.projects[cell.project]
        let when =
            cell.isTotal
            ? "between \(line.window.first) and \(line.window.last)" : "in \(periods[cell.periods[0]].name)"
        let level = cell.minLevel > 1 ? " at level \(cell.minLevel)+" : ""
        let need =
            "\(project.id) (priority \(project.priority)) needs \(format(unmet))h more of \(cell.skill)\(level) \(when)"
        let qualified = (instance.skillHolders[cell.skill] ?? []).filter { instance.isQualified($0, for: cell) }
        let available = qualified.filter { s in
            cell.periods.contains { t in instance.capacity[s][t] > 0 && (instance.windowLimit(s, cell, t) ?? 1) > 0 }
        }
        let rooms = bookings.rooms(for: cell, instance, f)
        var conflict = Conflict(
            kind: .unmetDemand, project: project.id, staff: nil, skill: cell.skill,
            period: cell.isTotal ? nil : periods[cell.periods[0]], hours: unmet, cause: nil,
            message: "", priority: project.priority, heldBy: [])
        if available.isEmpty {
            conflict.cause = .noQualifiedStaff
            let holders = instance.skillHolders[cell.skill] ?? []
            if holders.isEmpty {
                conflict.message = "\(need): nobody has \(cell.skill)"
            } else if qualified.isEmpty {
                let best = holders.map { (instance.staff[$0].skills[cell.skill]!, instance.staff[$0].id) }
                    .max { $0 < $1 }!
                conflict.message =
                    "\(need): nobody has \(cell.skill) at level \(cell.minLevel) or more"
                    + " (best: \(best.1) at \(best.0))"
            } else {
                // A window of weekend days only is why, whoever is qualified.
                let weekendOnly = instance.lines[cell.line].window.hasOnlyWeekendDays
                // People whose usual week is 0 h have no capacity ever: that is why, not leave.
                let noHours = qualified.allSatisfy {
                    (instance.staff[$0].hoursPerWeek ?? instance.settings.defaultHoursPerWeek) == 0
                }
                let why =
                    weekendOnly
                    ? " (the window holds only weekend days)"
                    : noHours ? " (hours_per_week 0)" : " (leave, holidays or employment dates)"
                conflict.message =
                    "\(need): the qualified \(names(qualified, instance)) \(qualified.count == 1 ? "has" : "have") no capacity then"
                    + why
            }
        } else if budgets[cell.project].exhausted, let budget = project.budget,
            // A spent budget stops only people whose hours cost something:
            // with a budget of 0 and an unpaid person fully booked by
            // priority 1, the budget was named and the capacity was why.
            available.contains(where: { instance.staff[$0].costPerHour > 0 })
        {
            conflict.cause = .budget
            // Cents when the budget has them (0.01 read "the budget of 0 EUR").
            conflict.message =
                "\(need): the budget of \(formatGrouped(budget, decimals: 2)) \(instance.settings.currency) is spent"
        } else if let why = policyReason(
            cell: cell, people: available, rooms: rooms, instance: instance, bookings: bookings)
        {
            conflict.cause = .policy
            conflict.message = "\(need): \(why)"
        } else {
            conflict.cause = .capacity
            // People whose capacity is left but whose hours in the window's
            // working days are all given: the window, not other work, stops them.
            let windowFull = available.filter { rooms[$0]?.windowFull == true }
            let booked = available.filter { rooms[$0]?.booked == true || rooms[$0]?.windowFull != true }
            var byProject: [Int: Double] = [:]
            for s in booked {
                for t in cell.periods {
                    for p in bookings.projectsOf[s]?[t] ?? [] {
                        byProject[p, default: 0] += bookings.held(s, t, project: p, upTo: cell.priority, instance)
                    }
                }
            }
            conflict.heldBy = byProject.filter { $0.value >= reportable }.map { p, h in
                Conflict.Holder(project: instance.projects[p].id, priority: instance.projects[p].priority, hours: h)
            }.sorted { ($0.priority, -$0.hours, $0.project) < ($1.priority, -$1.hours, $1.project) }
            let holders = conflict.heldBy.map { "\($0.project) (priority \($0.priority)) \(format($0.hours))h" }
            var parts: [String] = []
            if !booked.isEmpty {
                parts.append(
                    "the qualified \(names(booked, instance))"
                        + " \(booked.count == 1 ? "is" : "are") fully booked"
                        + (holders.isEmpty ? "" : " by " + holders.joined(separator: ", ")))
            }
            if !windowFull.isEmpty {
                // Someone booked in some periods and stopped by the window
                // in others is named in both parts.
                let one = windowFull.count == 1
                let alsoBooked = windowFull.contains { booked.contains($0) }
                parts.append(
                    "\(booked.isEmpty ? "the qualified " : "")\(names(windowFull, instance))"
                        + " already \(one ? "gives" : "give") it all the hours they can work"
                        + " on the window's working days" + (alsoBooked ? " where they have time left" : ""))
            }
            conflict.message = "\(need): " + parts.joined(separator: "; ")
        }
        return conflict
    }

    /// Unmet hours of a priority whose stage did not end at its optimum: the
    /// rows that bind there say nothing about why, so no cause is claimed;
    /// the message says which stage stopped and why.
    static func unexplained(_ cell: Instance.DemandCell, unmet: Double, _ instance: Instance, why: String) -> Conflict {
        let project = instance.projects[cell.project]
        let line = instance.lines[cell.line]
        let periods = instance.periods
        let when =
            cell.isTotal
            ? "between \(line.window.first) and \(line.window.last)" : "in \(periods[cell.periods[0]].name)"
        return Conflict(
            kind: .unmetDemand, project: project.id, staff: nil, skill: cell.skill,
            period: cell.isTotal ? nil : periods[cell.periods[0]], hours: unmet, cause: nil,
            message:
                "\(project.id) (priority \(project.priority)) has \(format(unmet))h of \(cell.skill) unmet \(when); "
                + "not explained: \(why)",
            priority: project.priority, heldBy: [])
    }

    /// Per priority, why its stage gives no explanation: it stopped before a
    /// plan, or with a plan not proven optimal (a time limit).
    static func unproven(_ solution: Solution, _ f: Formulation, _ instance: Instance) -> [Int: String] {
        var result: [Int: String] = [:]
        for (k, stage) in f.stages.enumerated() where k < solution.stages.count {
            let outcome = solution.stages[k]
            let proven = outcome.termination == .optimal || outcome.termination == .gapReached
            guard !proven else { continue }
            // A stage never started is not one the limit stopped.
            let why =
                outcome.termination == nil
                ? "the time limit ran out before stage \(stage.name) was solved"
                : outcome.objective == nil || outcome.handedOn
                    ? "the time limit stopped stage \(stage.name) before it found a plan"
                    : "the time limit stopped stage \(stage.name) before it proved its optimum"
                        + (outcome.gap.map { " (gap \(format(100 * $0, decimals: 3))%)" } ?? "")
            switch stage.kind {
            case .priority(let p): result[p] = why
            case .weighted: for p in instance.priorities { result[p] = why }
            case .cost: continue
            }
        }
        return result
    }

    /// Locked hours that capacity with overtime could not hold.
    static func lockedNotHeld(_ instance: Instance) -> [Conflict] {
        let periods = instance.periods
        return instance.locked.filter { $0.requested - $0.held >= reportable }.map { l in
            let person = instance.staff[l.staff]
            let project = instance.projects[l.project]
            let capacity = instance.maxHours(l.staff, l.period)
            // What took the capacity: the person's other locked hours then
            // ("can work 32h then; 0h kept" did not say another commitment
            // had the 32 h).
            var others: [Int: Double] = [:]
            for o in instance.locked
            where o.staff == l.staff && o.period == l.period && o.held > 0
                && o.commitment.index != l.commitment.index
            {
                others[o.project, default: 0] += o.held
            }
            let taken = others.sorted {
                (instance.projects[$0.key].priority, $0.key) < (instance.projects[$1.key].priority, $1.key)
            }.map {
                "\(instance.projects[$0.key].id) (priority \(instance.projects[$0.key].priority)) \(format($0.value))h"
            }
            return Conflict(
                kind: .lockedCommitment, project: project.id, staff: person.id, skill: l.commitment.skill,
                period: periods[l.period], hours: l.requested - l.held, cause: nil,
                message: "\(person.id) is locked to \(project.id) for \(format(l.requested))h in"
                    + " \(periods[l.period].name) but can work \(format(capacity))h then"
                    + (taken.isEmpty ? "" : ", of which other locked hours take \(taken.joined(separator: ", "))")
                    // A scenario's added commitment comes from allot.yaml.
                    + "; \(format(l.held))h kept (\(l.commitment.origin.file) line \(l.commitment.origin.line))",
                priority: project.priority, heldBy: [])
        }
    }

    /// Projects whose locked commitments alone cost more than their budget.
    static func budgetOverruns(_ instance: Instance) -> [Conflict] {
        let currency = instance.settings.currency
        return instance.projects.enumerated().compactMap { p, project in
            guard let budget = project.budget, instance.lockedCost[p] - budget >= reportable else { return nil }
            let hours = instance.locked.filter { $0.project == p }.reduce(0.0) { $0 + $1.held }
            let cost = instance.lockedCost[p]
            return Conflict(
                kind: .budgetOverrun, project: project.id, staff: nil, skill: nil, period: nil, hours: hours,
                cause: nil,
                message: "locked commitments of \(project.id) cost \(formatGrouped(cost, decimals: 2)) \(currency),"
                    + " over its budget of \(formatGrouped(budget, decimals: 2)) \(currency) by"
                    + " \(formatGrouped(cost - budget, decimals: 2)); the budget is taken as their cost",
                priority: project.priority, heldBy: [])
        }
    }

    /// By kind, priority, project, skill, then period, person and message.
    static func sorted(_ conflicts: [Conflict]) -> [Conflict] {
        let kindOrder = Dictionary(uniqueKeysWithValues: Conflict.Kind.allCases.enumerated().map { ($1, $0) })
        return conflicts.sorted { a, b in
            let ka = (kindOrder[a.kind]!, a.priority ?? 0, a.project?.rawValue ?? "", a.skill ?? "")
            let kb = (kindOrder[b.kind]!, b.priority ?? 0, b.project?.rawValue ?? "", b.skill ?? "")
            if ka != kb { return ka < kb }
            return (a.period?.id ?? -1, a.staff?.rawValue ?? "", a.message)
                < (b.period?.id ?? -1, b.staff?.rawValue ?? "", b.message)
        }
    }

    /// When a MIP policy, not capacity, keeps qualified people off a cell:
    /// someone qualified still had hours for it when its priority's stage
    /// was solved (`Bookings.Room`).
    private static func policyReason(
        cell: Instance.DemandCell, people: [Int], rooms: [Int: Bookings.Room], instance: Instance,
        bookings: Bookings
    ) -> String? {
        let settings = instance.settings
        guard settings.usesIntegerPolicies else { return nil }
        let withRoom = people.filter { (rooms[$0]?.hours ?? 0) >= bookings.noise }
        guard !withRoom.isEmpty else { return nil }
        var reasons: [String] = []
        if let limit = settings.maxProjectsPerPerson {
            let atLimit = withRoom.compactMap { s -> String? in
                // The projects that held the person then: locked ones, and
                // those of the cell's priority or a higher one.
                var projects = Set<Int>()
                for t in instance.periods.indices {
                    for p in bookings.projectsOf[s]?[t] ?? []
                    where bookings.held(s, t, project: p, upTo: cell.priority, instance) >= reportable {
                        projects.insert(p)
                    }
                }
                guard projects.count >= limit, !projects.contains(cell.project) else { return nil }
                return
                    "\(instance.staff[s].id) (on \(projects.sorted().map { instance.projects[$0].id.rawValue }.joined(separator: ", ")))"
            }
            if !atLimit.isEmpty {
                reasons.append(
                    "policies.max_projects_per_person is \(limit) and the qualified \(atLimit.joined(separator: ", ")) \(atLimit.count == 1 ? "is" : "are") at it"
                )
            }
        }
        let blocked = withRoom.filter { rooms[$0]?.blockFits == false }
        if let minimum = settings.minHoursPerAssignment, minimum > 0, !blocked.isEmpty {
            reasons.append(
                "policies.min_hours_per_assignment asks at least \(format(minimum))h (or the whole demand, when smaller) whenever a person works on a project in a period (\(names(blocked, instance)) \(blocked.count == 1 ? "has" : "have") hours left, but fewer than that)"
            )
        }
        return reasons.isEmpty
            ? "the qualified \(names(withRoom, instance)) \(withRoom.count == 1 ? "has" : "have") hours left, but the policies keep them off it"
            : reasons.joined(separator: "; ")
    }

    struct HeldKey: Hashable {
        var staff: Int, period: Int, project: Int
    }

    private static func names(_ people: [Int], _ instance: Instance) -> String {
        let ids = people.map { instance.staff[$0].id.rawValue }
        if ids.count <= 4 { return ids.joined(separator: ", ") }
        return ids.prefix(3).joined(separator: ", ") + " and \(ids.count - 3) more"
    }
}
