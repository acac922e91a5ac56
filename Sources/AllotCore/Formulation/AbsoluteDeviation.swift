/// weight x |hours of a plan row - target|, summed over the plan's rows, as
/// linear terms. Written once here for the two places that need it: the
/// stability penalty (targets: the unlocked commitments) and compare's
/// closest-to-base stage (targets: the base plan's hours).
///
/// For a row with hours x = sum of its columns and target r (its reference
/// hours less its locked hours): |x - r| = 2 max(0, x - r) - x + r. So a row
/// with r > 0 gets one column e >= 0 and one row x - e <= r, and contributes
/// -weight on each of its columns, 2 weight on e and weight * r to the
/// constant; a row with r <= 0 contributes +weight on each column and
/// -weight * r. A row without columns (locked hours only) is a constant
/// weight * |r|, and a reference row the plan cannot have is weight * hours.
struct AbsoluteDeviation {
    /// A plan row with a positive target: it needs a row `x - e <= target`
    /// and an excess column e costing 2 * weight.
    struct Excess {
        var name: String
        var columns: [Int]
        var target: Double
    }

    var excess: [Excess] = []
    /// Objective terms on the hours columns, group by group.
    var costs: [(column: Int, cost: Double)] = []
    var constant = 0.0
    /// Per group with columns, its target (index into the groups).
    var targets: [(group: Int, target: Double)] = []
    let weight: Double

    init(groups: AssignmentGroups, reference: [String: Double], weight: Double) {
        self.weight = weight
        var seen = Set<String>()
        for (gi, g) in groups.enumerated() {
            seen.insert(g.key)
            let r = (reference[g.key] ?? 0) - g.locked
            if !g.columns.isEmpty { targets.append((gi, r)) }
            if g.columns.isEmpty {
                constant += weight * abs(r)
            } else if r > 1e-9 {
                excess.append(Excess(name: g.name, columns: g.columns, target: r))
                for j in g.columns { costs.append((j, -weight)) }
                constant += weight * r
            } else {
                for j in g.columns { costs.append((j, weight)) }
                constant -= weight * r
            }
        }
        // In key order: the same sum, to the last bit, on every run.
        for key in reference.keys.sorted() where !seen.contains(key) { constant += weight * reference[key]! }
    }

    /// The sum of |hours - target| over the plan's rows for column values
    /// `x`: what the closing LP minimises, with each excess column at its
    /// least (max(0, hours - target)).
    func distance(_ x: [Double]) -> Double {
        var sum = constant
        for (j, c) in costs { sum += c * x[j] }
        for e in excess { sum += 2 * weight * max(0, e.columns.reduce(0.0) { $0 + x[$1] } - e.target) }
        return sum
    }
}
