/// Family: stability (docs/how-it-works.md): `stability` x |plan - unlocked
/// commitments| per person, project, skill and period, in the cost stage,
/// through `AbsoluteDeviation`: a `stable[...]` row and a `moved[...]`
/// column per plan row with commitment hours beyond its locked ones.
struct Stability: Sendable {
    /// Objective terms of the penalty (hours and moved columns).
    let costs: [(column: Int, cost: Double)]
    /// The part of the penalty no column changes.
    let constant: Double
    /// Per plan row with columns: the commitment hours less the locked ones.
    let targets: [(group: Int, target: Double)]
    /// Each `moved[...]` column with the hours columns of its row and its
    /// target: at least sum - target, and no less than 0.
    let moved: [(column: Int, columns: [Int], target: Double)]

    init(_ instance: Instance, groups: AssignmentGroups, into b: inout ModelBuilder) {
        let weight = instance.settings.stability
        var baseline: [String: Double] = [:]
        for c in instance.baseline {
            let key = AssignmentGroup.key(
                instance.staff[c.staff].id.rawValue, instance.projects[c.project].id.rawValue,
                c.skill, instance.periods[c.period].name)
            baseline[key, default: 0] += c.hours
        }
        let deviation = AbsoluteDeviation(groups: groups, reference: baseline, weight: weight)
        var costs = deviation.costs
        var moved: [(column: Int, columns: [Int], target: Double)] = []
        for e in deviation.excess {
            let row = b.row("stable[\(e.name)]", upper: e.target)
            let column = b.column("moved[\(e.name)]")
            for j in e.columns { b.set(row: row, column: j, 1) }
            b.set(row: row, column: column, -1)
            costs.append((column, 2 * weight))
            moved.append((column, e.columns, e.target))
        }
        self.costs = costs
        self.moved = moved
        self.constant = deviation.constant
        self.targets = deviation.targets
    }

    /// No penalty: stability is 0.
    init() {
        costs = []
        constant = 0
        targets = []
        moved = []
    }
}
