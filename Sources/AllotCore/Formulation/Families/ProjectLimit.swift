/// Family: `max_projects_per_person` (docs/how-it-works.md), a MIP policy.
/// A binary `assigned[s,p]` is 1 when s works on p at all (fixed at 1 where
/// locked hours already put s on p); `projects[s]`: at most the limit per
/// person (or as many as locked hours force); `link[s,p,t]`: hours of s on
/// p in t <= min(room(s,t), D) * assigned[s,p], D the demand s may serve on p
/// in t (the tightest big-M the data gives). Conflict cause: `policy`.
struct ProjectLimit: Sendable {
    /// One binary per (person, project) pair, in column order.
    struct Pair: Sendable {
        var column: Int
        var staff: Int
        var priority: Int
        /// The pair's hours columns, all periods.
        var hours: [Int]
        /// Locked hours put the person on the project: the binary is fixed at 1.
        var locked: Bool
    }
    let pairs: [Pair]
    /// Projects per person (a person with more locked projects keeps those).
    let limit: Int
    /// The binary of each pair.
    let columnOf: [SP: Int]
    /// The binary columns, in column order.
    var columns: [Int] { pairs.map(\.column) }

    init(_ instance: Instance, limit: Int, index: PolicyIndex, into b: inout ModelBuilder) {
        var assigned: [SP: Int] = [:]
        var members: [Pair] = []
        var hoursOf: [SP: [Int]] = [:]
        for key in index.triples {
            hoursOf[SP(staff: key.staff, project: key.project), default: []] += index.columnsSPT[key]!
        }
        let pairs = Set(index.triples.map { SP(staff: $0.staff, project: $0.project) }).union(index.lockedSP).sorted()
        for sp in pairs {
            let fixed = index.lockedSP.contains(sp)
            let j = b.column(
                "assigned[\(instance.staff[sp.staff].id),\(instance.projects[sp.project].id)]",
                lower: fixed ? 1 : 0, upper: 1, kind: .binary)
            assigned[sp] = j
            members.append(
                Pair(
                    column: j, staff: sp.staff, priority: instance.projects[sp.project].priority,
                    hours: hoursOf[sp] ?? [], locked: fixed))
        }
        for (s, person) in instance.staff.enumerated() {
            let mine = pairs.filter { $0.staff == s }
            guard !mine.isEmpty else { continue }
            let lockedCount = mine.filter { index.lockedSP.contains($0) }.count
            let row = b.row("projects[\(person.id)]", upper: Double(max(limit, lockedCount)))
            for sp in mine { b.set(row: row, column: assigned[sp]!, 1) }
        }
        for key in index.triples {
            let name =
                "\(instance.staff[key.staff].id),\(instance.projects[key.project].id),"
                + instance.periods[key.period].name
            let row = b.row("link[\(name)]", upper: 0)
            for j in index.columnsSPT[key]! { b.set(row: row, column: j, 1) }
            b.set(
                row: row, column: assigned[SP(staff: key.staff, project: key.project)]!,
                -min(PolicyIndex.room(instance, key.staff, key.period), index.demand[key]!))
        }
        self.pairs = members
        self.columnOf = assigned
        self.limit = limit
    }
}
