/// What the shaping stage needs to know of the hours columns: which
/// (person, project) pair each belongs to, and per pair and period its
/// locked hours (docs/how-it-works.md, "Shaping"). A pair's columns by
/// period are gathered when shaping needs them, for the pairs the plan uses
/// (`columnsByPeriod`): held for every pair, they took about 150 MB on bench
/// tier XL (a dictionary and small arrays per pair) for the whole solve.
struct ShapingIndex: Sendable {
    struct Pair: Sendable {
        var staff: Int
        var project: Int
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
            pairs.append(Pair(staff: s, project: p, locked: [:]))
            return pairs.count - 1
        }
        var pairOfColumn: [Int] = []
        pairOfColumn.reserveCapacity(hours.count)
        for h in hours.entries { pairOfColumn.append(pair(h.staff, instance.cells[h.cell].project)) }
        for l in instance.locked where l.held > 0 {
            pairs[pair(l.staff, l.project)].locked[l.period, default: 0] += l.held
        }
        self.pairs = pairs
        self.pairOfColumn = pairOfColumn
        self.periodCount = instance.periods.count
    }

    /// Per pair with `wanted[pair]`: its hours columns by period, each list
    /// in column order (the others get none).
    func columnsByPeriod(_ hours: HoursColumns, wanted: [Bool]) -> [[Int: [Int]]] {
        var byPair = [[Int: [Int]]](repeating: [:], count: pairs.count)
        for (j, h) in hours.enumerated where wanted[pairOfColumn[j]] {
            byPair[pairOfColumn[j]][h.period, default: []].append(j)
        }
        return byPair
    }

    /// An empty index (shaping off).
    init() {
        pairs = []
        pairOfColumn = []
        periodCount = 0
    }
}
