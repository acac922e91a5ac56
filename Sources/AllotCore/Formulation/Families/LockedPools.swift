/// Family: locked hours serving demand, `lockedpool[p,skill,t]` rows and
/// `locked[cell@t]` columns (docs/how-it-works.md). How many locked hours a
/// person keeps separates per person and period, so `Instance` computes it;
/// which demand cell they serve is the LP's choice, so every priority gets
/// the most out of them. The columns cost nothing: locked hours are paid
/// anyway. Pool row: the locked hours serving cells <= the locked hours held.
public struct LockedPools: Sendable {
    public struct Serve: Sendable, Hashable {
        /// Index into `Instance.lockedPools`.
        public var pool: Int
        public var cell: Int
        public var column: Int
    }

    /// Every `locked[...]` column, in column order.
    public let serves: [Serve]
    /// The locked columns per cell.
    public let ofCell: [[Int]]

    init(_ instance: Instance, into b: inout ModelBuilder) {
        var serves: [Serve] = []
        var ofCell = Array(repeating: [Int](), count: instance.cells.count)
        for (k, pool) in instance.lockedPools.enumerated() where !pool.cells.isEmpty {
            let row = b.row("lockedpool[\(pool.name)]", upper: pool.hours)
            for c in pool.cells {
                let cell = instance.cells[c]
                let j = b.column(
                    "locked[\(cell.name)@\(instance.periods[pool.period].name)]",
                    upper: min(pool.hours, cell.requested))
                b.set(row: row, column: j, 1)
                serves.append(Serve(pool: k, cell: c, column: j))
                ofCell[c].append(j)
            }
        }
        self.serves = serves
        self.ofCell = ofCell
    }
}
