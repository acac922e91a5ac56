/// What the shaping stage needs to know of the hours columns: which
/// (person, project) pair each belongs to, and per pair and period its
/// columns and locked hours (docs/how-it-works.md, "Shaping").
struct ShapingIndex: Sendable {
    struct Pair: Sendable {
        var staff: Int
        var project: Int
        /// Per period of the horizon: the pair's hours columns there.
        var columns: [Int: [Int]]
        /// Per period: the pair's locked hours there.
        var locked: [Int: Double]
        /// All the pair's locked hours, summed in period order (a fixed
        /// order keeps the weights, and so the plan, the same run to run).
        var lockedTotal: Double { locked.keys.sorted().reduce(0.0) { $0 + locked[$1]! } }
    }

    let pairs: [Pair]
    /// Hours column -> index into `pairs`.
    let pairOfColumn: [Int]
    let periodCount: Int

    init(_ instance: Instance, hours: HoursColumns) {
        struct Key: Hashable { var staff: Int, project: Int }
        var index: [Key: Int] = [:]
        var pairs: [Pair] = []
        func pair(_ s: Int, _ p: Int) -> Int {
            if let k = index[Key(staff: s, project: p)] { return k }
            index[Key(staff: s, project: p)] = pairs.count
            pairs.append(Pair(staff: s, project: p, columns: [:], locked: [:]))
            return pairs.count - 1
        }
        var pairOfColumn: [Int] = []
        pairOfColumn.reserveCapacity(hours.count)
        for (j, h) in hours.enumerated {
            let k = pair(h.staff, instance.cells[h.cell].project)
            pairs[k].columns[h.period, default: []].append(j)
            pairOfColumn.append(k)
        }
        for l in instance.locked where l.held > 0 {
            pairs[pair(l.staff, l.project)].locked[l.period, default: 0] += l.held
        }
        self.pairs = pairs
        self.pairOfColumn = pairOfColumn
        self.periodCount = instance.periods.count
    }

    /// An empty index (shaping off).
    init() {
        pairs = []
        pairOfColumn = []
        periodCount = 0
    }
}
