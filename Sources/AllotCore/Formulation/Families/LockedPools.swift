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
    /// The plan's locked columns when no stage found a plan: each pool's
    /// hours serve its cells in order, each cell up to what it asks, so the
    /// locked hours still count for the demand they meet (what is left is
    /// beyond demand). Only hours with a column, in column order.
    public let served: [(column: Int, hours: Double)]

    init(_ instance: Instance, into b: inout ModelBuilder) {
        var serves: [Serve] = []
        var ofCell = Array(repeating: [Int](), count: instance.cells.count)
        var served: [(column: Int, hours: Double)] = []
        var asked = instance.cells.map(\.requested)
        for (k, pool) in instance.lockedPools.enumerated() where !pool.cells.isEmpty {
            let row = b.row("lockedpool[\(pool.name)]", upper: pool.hours)
            var left = pool.hours
            for c in pool.cells {
                let cell = instance.cells[c]
                let j = b.column(
                    "locked[\(cell.name)@\(instance.periods[pool.period].name)]",
                    upper: min(pool.hours, cell.requested))
                b.set(row: row, column: j, 1)
                serves.append(Serve(pool: k, cell: c, column: j))
                ofCell[c].append(j)
                let v = min(left, asked[c])
                if v > 0 {
                    served.append((j, v))
                    left -= v
                    asked[c] -= v
                }
            }
        }
        self.serves = serves
        self.ofCell = ofCell
        self.served = served
    }
}
