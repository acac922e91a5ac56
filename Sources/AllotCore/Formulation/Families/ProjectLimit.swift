/// Family: `max_projects_per_person` (docs/how-it-works.md), a MIP policy.
/// A binary `assigned[s,p]` is 1 when s works on p at all (fixed at 1 where
/// locked hours already put s on p); `projects[s]`: at most the limit per
/// person (or as many as locked hours force); `link[s,p,t]`: hours of s on
/// p in t <= min(room(s,t), D) * assigned[s,p], D the demand s may serve on p
/// in t (the tightest big-M the data gives). Conflict cause: `policy`.
struct ProjectLimit: Sendable {
    /// The binary columns, in column order.
    let columns: [Int]

    init(_ instance: Instance, limit: Int, index: PolicyIndex, into b: inout ModelBuilder) {
        var assigned: [SP: Int] = [:]
        var columns: [Int] = []
        let pairs = Set(index.triples.map { SP(staff: $0.staff, project: $0.project) }).union(index.lockedSP).sorted()
        for sp in pairs {
            let fixed = index.lockedSP.contains(sp)
            let j = b.column(
                "assigned[\(instance.staff[sp.staff].id),\(instance.projects[sp.project].id)]",
                lower: fixed ? 1 : 0, upper: 1, kind: .binary)
            assigned[sp] = j
            columns.append(j)
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
        self.columns = columns
    }
}
