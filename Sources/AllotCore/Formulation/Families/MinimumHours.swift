/// Family: `min_hours_per_assignment` (docs/how-it-works.md), a MIP policy.
/// A binary `works[s,p,t]` is 1 when s works on p in t; `most[s,p,t]`: hours
/// <= room(s,t) * works; `least[s,p,t]`: hours >= min(H, D) * works, where H
/// is the minimum and D the project's demand in t that s may serve, less the
/// locked hours that serve it (the
/// cells of s's columns there; a total_hours cell with its whole total). So
/// a demand smaller than H can still be staffed, by one person, in one piece.
/// Assignments with locked hours are given, not chosen, so they get none.
/// Conflict cause: `policy`.
struct MinimumHours: Sendable {
    /// One binary per (person, project, period) without locked hours, in column order.
    struct Triple: Sendable {
        var column: Int
        var key: SPT
        var priority: Int
        /// The triple's hours columns.
        var hours: [Int]
        /// min(H, D): the hours it asks when it works.
        var least: Double
    }
    let triples: [Triple]
    /// The binary columns, in column order.
    var columns: [Int] { triples.map(\.column) }

    init(_ instance: Instance, minimum: Double, index: PolicyIndex, into b: inout ModelBuilder) {
        var triples: [Triple] = []
        for key in index.triples where !index.lockedSPT.contains(key) {
            let name =
                "\(instance.staff[key.staff].id),\(instance.projects[key.project].id),"
                + instance.periods[key.period].name
            let j = b.column("works[\(name)]", upper: 1, kind: .binary)
            let most = b.row("most[\(name)]", upper: 0)
            let least = b.row("least[\(name)]", lower: 0)
            for x in index.columnsSPT[key]! {
                b.set(row: most, column: x, 1)
                b.set(row: least, column: x, 1)
            }
            let demand = index.demand[key]!
            b.set(row: most, column: j, -min(PolicyIndex.room(instance, key.staff, key.period), demand))
            // D less the locked hours that already serve it.
            let block = min(minimum, index.open[key]!)
            if block > 0 { b.set(row: least, column: j, -block) }
            triples.append(
                Triple(
                    column: j, key: key, priority: instance.projects[key.project].priority,
                    hours: index.columnsSPT[key]!, least: block))
        }
        self.triples = triples
    }
}
