/// The instance as GNU MathProg data for `models/allocation.mod`, so that
/// `glpsol -m models/allocation.mod -d FILE` solves exactly the problem allot
/// solved. Every number is written with full (round-trip) precision; the
/// calendar is already applied, as in the C-API model.
public enum MathProgData {
    public static func text(_ instance: Instance, formulation f: Formulation) -> String {
        let names = Names(instance)
        var out = ""
        sets(instance, names, into: &out)
        parameters(instance, f, names, into: &out)
        indexSets(instance, f, names, into: &out)
        policies(instance, f, names, into: &out)
        stability(instance, f, names, into: &out)
        out += "\nparam ub :=\n"
        for (j, h) in f.hours.enumerated {
            out +=
                "  \(names.cells[h.cell]) \(names.staff[h.staff]) \(names.periods[h.period]) \(num(f.model.columns[j].upper))\n"
        }
        out += ";\n"
        shaping(instance, names, into: &out)
        out += "\nend;\n"
        return out
    }

    /// The shaping stage's settings and what its weights need: period
    /// numbers, each cell's project and skill, and the locked hours per
    /// plan row (person, project, the commitment's skill, period).
    static func shaping(_ instance: Instance, _ names: Names, into out: inout String) {
        let settings = instance.settings
        out += "\nparam shaping := \(settings.shapingEnabled ? 1 : 0);\n"
        out += "param costtolpct := \(num(settings.shapingCostTolerancePercent));\n"
        out += "param tn :=" + names.periods.enumerated().map { " \($1) \($0)" }.joined() + ";\n"
        out += "param : cproj cskill :=\n"
        for cell in instance.cells {
            out += "  \(names.cells[cell.id]) \(names.projects[cell.project]) \(sym(cell.skill))\n"
        }
        struct Row: Hashable, Comparable {
            var staff: Int, project: Int, skill: String, period: Int
            static func < (a: Row, b: Row) -> Bool {
                (a.staff, a.project, a.skill, a.period) < (b.staff, b.project, b.skill, b.period)
            }
        }
        var locked: [Row: Double] = [:]
        for l in instance.locked where l.held > 0 {
            locked[Row(staff: l.staff, project: l.project, skill: l.commitment.skill, period: l.period), default: 0] +=
                l.held
        }
        out += ";\nparam : LR : lr :=\n"
        for row in locked.keys.sorted() {
            out +=
                "  \(names.staff[row.staff]) \(names.projects[row.project]) \(sym(row.skill))"
                + " \(names.periods[row.period]) \(num(locked[row]!))\n"
        }
        out += ";\n"
    }

    /// Quoted symbols of the instance's staff, periods, projects and cells.
    struct Names {
        let staff: [String], periods: [String], projects: [String], cells: [String]

        init(_ instance: Instance) {
            staff = instance.staff.map { sym($0.id.rawValue) }
            periods = instance.periods.map { sym($0.name) }
            projects = instance.projects.map { sym($0.id.rawValue) }
            cells = instance.cells.map { sym($0.name) }
        }
    }

    /// The header and the sets S, T, P, C and PRI.
    static func sets(_ instance: Instance, _ names: Names, into out: inout String) {
        let (staff, periods, projects, cells) = (names.staff, names.periods, names.projects, names.cells)
        out += "/* allot instance for models/allocation.mod"
        if let name = instance.settings.name {
            out += ": " + printable(name).replacingOccurrences(of: "*/", with: "* /")
        }
        out += " */\ndata;\n\n"
        out += "set S :=" + list(staff) + ";\n"
        out += "set T :=" + list(periods) + ";\n"
        out += "set P :=" + list(projects) + ";\n"
        out += "set C :=" + list(cells) + ";\n"
        out += "set PRI :=" + list(instance.priorities.map(String.init)) + ";\n\n"
    }

    /// Overtime, rates, capacity, locked load, requests, locked pools, budgets, weights.
    static func parameters(_ instance: Instance, _ f: Formulation, _ names: Names, into out: inout String) {
        let (staff, periods, projects, cells) = (names.staff, names.periods, names.projects, names.cells)

        out += "param otshare := \(num(instance.settings.overtimeMaxPercent / 100));\n"
        out += "param extra := \(num(instance.settings.overtimePremium - 1));\n"
        if let allowed = instance.settings.overtimePriorities {
            out += "param otall := 0;\nset OTP :=" + list(allowed.map(String.init)) + ";\n"
        }
        let lockedBase = instance.locked.reduce(0.0) {
            $0 + (instance.staff[$1.staff].paid == .capacity ? 0 : $1.held * instance.staff[$1.staff].costPerHour)
        }
        out += "param lockedcost := \(num(lockedBase));\n"
        out += "param fixedcost := \(num(instance.fixedCost));\n\n"
        let paidForCapacity = instance.staff.indices.filter { instance.staff[$0].paid == .capacity }
        if !paidForCapacity.isEmpty {
            out += "param paidcap :=" + paidForCapacity.map { " \(names.staff[$0]) 1" }.joined() + ";\n\n"
        }

        out += "param rate :=\n"
        for (s, person) in instance.staff.enumerated() { out += "  \(staff[s]) \(num(person.costPerHour))\n" }
        out += ";\n\nparam cap :=\n"
        for s in instance.staff.indices {
            for t in instance.periods.indices where instance.capacity[s][t] != 0 {
                out += "  \(staff[s]) \(periods[t]) \(num(instance.capacity[s][t]))\n"
            }
        }
        out += ";\n\nparam locked :=\n"
        for s in instance.staff.indices {
            for t in instance.periods.indices where instance.lockedLoad[s][t] != 0 {
                out += "  \(staff[s]) \(periods[t]) \(num(instance.lockedLoad[s][t]))\n"
            }
        }
        out += ";\n\nparam : req prio :=\n"
        for cell in instance.cells {
            out += "  \(cells[cell.id]) \(num(cell.requested)) \(cell.priority)\n"
        }
        // Locked hours and the cells they may serve.
        let pools = instance.lockedPools.filter { !$0.cells.isEmpty }
        out += ";\n\nset K :=" + list(pools.map { sym($0.name) }) + ";\n"
        out += "param lk :=" + pools.map { " \(sym($0.name)) \(num($0.hours))" }.joined() + ";\n"
        var poolsOfCell: [Int: [String]] = [:]
        for pool in pools {
            out += "set KC[\(sym(pool.name))] :=" + list(pool.cells.map { cells[$0] }) + ";\n"
            for c in pool.cells { poolsOfCell[c, default: []].append(sym(pool.name)) }
        }
        for c in poolsOfCell.keys.sorted() { out += "set CK[\(cells[c])] :=" + list(poolsOfCell[c]!) + ";\n" }
        // The locked hours the flow puts on each cell: a block of
        // min_hours_per_assignment may serve what they leave.
        let onCell = f.lockedPools.onCell
        out +=
            "param lkon :="
            + onCell.indices.filter { onCell[$0] > 0 }.map { " \(cells[$0]) \(num(onCell[$0]))" }
            .joined() + ";\n"
        out += "\n"
        out += "param budgetroom :=\n"
        for (p, project) in instance.projects.enumerated() {
            if let budget = project.budget {
                out += "  \(projects[p]) \(num(max(0, budget - instance.lockedCost[p])))\n"
            }
        }
        out += ";\n\n"
        if !f.weights.isEmpty {
            out +=
                "param weight :=" + f.weights.keys.sorted().map { " \($0) \(num(f.weights[$0]!))" }.joined() + ";\n\n"
        }

    }

    /// Index sets W, WST and PC, built once here so the model never filters tuples.
    static func indexSets(_ instance: Instance, _ f: Formulation, _ names: Names, into out: inout String) {
        let (staff, periods, projects, cells) = (names.staff, names.periods, names.projects, names.cells)
        var byCell = Array(repeating: [Int](), count: instance.cells.count)
        var byPersonPeriod: [Int: [Int: [Int]]] = [:]
        for (j, h) in f.hours.enumerated {
            byCell[h.cell].append(j)
            byPersonPeriod[h.staff, default: [:]][h.period, default: []].append(h.cell)
        }
        for cell in instance.cells {
            out +=
                "set W[\(cells[cell.id])] :="
                + byCell[cell.id].map { j in
                    " (\(staff[f.hours[column: j].staff]),\(periods[f.hours[column: j].period]))"
                }.joined() + ";\n"
        }
        out += "\n"
        for s in byPersonPeriod.keys.sorted() {
            for t in byPersonPeriod[s]!.keys.sorted() {
                let list = byPersonPeriod[s]![t]!.map { " " + cells[$0] }.joined()
                out += "set WST[\(staff[s]),\(periods[t])] :=\(list);\n"
            }
        }
        out += "\n"
        var cellsOfProject = Array(repeating: [Int](), count: instance.projects.count)
        for cell in instance.cells where !byCell[cell.id].isEmpty { cellsOfProject[cell.project].append(cell.id) }
        for (p, list) in cellsOfProject.enumerated() where !list.isEmpty {
            out += "set PC[\(projects[p])] :=" + list.map { " " + cells[$0] }.joined() + ";\n"
        }
    }

    /// The MIP policies' sets (written even when empty: the model needs them).
    static func policies(_ instance: Instance, _ f: Formulation, _ names: Names, into out: inout String) {
        let (staff, periods, projects, cells) = (names.staff, names.periods, names.projects, names.cells)
        let settings = instance.settings
        let policies = settings.usesIntegerPolicies
        let spt = policies ? f.policies.triples : []
        func pair(_ p: SP) -> String { " (\(staff[p.staff]),\(projects[p.project]))" }
        func triple(_ p: SPT) -> String { " (\(staff[p.staff]),\(projects[p.project]),\(periods[p.period]))" }
        out += "\nparam maxproj := \(settings.maxProjectsPerPerson ?? 0);\n"
        out += "param minhours := \(num(settings.minHoursPerAssignment ?? 0));\n"
        let pairs =
            policies
            ? Set(spt.map { SP(staff: $0.staff, project: $0.project) }).union(f.policies.lockedSP).sorted() : []
        out += "set SP :=" + pairs.map(pair).joined() + ";\n"
        out += "set LSP :=" + (policies ? f.policies.lockedSP.sorted() : []).map(pair).joined() + ";\n"
        out += "set SPT :=" + spt.map(triple).joined() + ";\n"
        out += "set LSPT :=" + (policies ? f.policies.lockedSPT.sorted() : []).map(triple).joined() + ";\n"
        for key in spt {
            let cellsHere = f.policies.columnsSPT[key]!.map { f.hours[column: $0].cell }
            out +=
                "set CSPT[\(staff[key.staff]),\(projects[key.project]),\(periods[key.period])] :="
                + list(cellsHere.map { cells[$0] }) + ";\n"
        }
    }

    /// Stability's groups, targets and constant.
    static func stability(_ instance: Instance, _ f: Formulation, _ names: Names, into out: inout String) {
        let (staff, periods, cells) = (names.staff, names.periods, names.cells)
        let settings = instance.settings
        if !(settings.stability > 0 && !f.stability.targets.isEmpty) { out += "set G :=;\n" }
        if settings.stability > 0 && !f.stability.targets.isEmpty {
            let moved = f.stability.targets.reduce(0.0) { $0 + abs($1.target) }
            out += "\nparam stability := \(num(settings.stability));\n"
            out += "param stabconst := \(num(max(0, f.stability.constant - settings.stability * moved)));\n"
            let names = f.stability.targets.map { sym(f.assignmentGroups[$0.group].name) }
            out += "set G :=" + list(names) + ";\n"
            out += "param : gs gt gr :=\n"
            for (k, t) in f.stability.targets.enumerated() {
                let first = f.hours[column: f.assignmentGroups[t.group].columns[0]]
                out += "  \(names[k]) \(staff[first.staff]) \(periods[first.period]) \(num(t.target))\n"
            }
            out += ";\n"
            for (k, t) in f.stability.targets.enumerated() {
                out +=
                    "set GC[\(names[k])] :="
                    + list(f.assignmentGroups[t.group].columns.map { cells[f.hours[column: $0].cell] }) + ";\n"
            }
        } else if settings.stability > 0 {
            out +=
                "\nparam stability := \(num(settings.stability));\nparam stabconst := \(num(f.stability.constant));\n"
        }
    }

    /// A quoted MathProg symbol: 'text' with ' doubled.
    static func sym(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }

    static func list(_ items: [String]) -> String { items.map { " " + $0 }.joined() }

    /// Round-trip precision, as Swift prints doubles (MathProg reads exponents).
    static func num(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }
}
