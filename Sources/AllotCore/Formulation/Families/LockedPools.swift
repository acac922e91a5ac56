/// Family: locked hours serving demand, `lockedpool[p,skill,t]` rows and
/// `locked[cell@t]` columns (docs/how-it-works.md). How many locked hours a
/// person keeps separates per person and period, so `Instance` computes it;
/// which demand cell they serve is the LP's choice, so every priority gets
/// the most out of them. The columns cost nothing: locked hours are paid
/// anyway. Pool row: the locked hours serving cells <= the locked hours held.
/// Together they serve the most demand they can (`LockedFlow`), since
/// locked hours count against the matching demand: see `init`.
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
    /// The plan's locked columns when no stage found a plan: the most
    /// demand the locked hours can serve (`LockedFlow`), so they still count
    /// for the demand they meet (what is left is beyond demand). Only hours
    /// with a column, in column order.
    public let served: [(column: Int, hours: Double)]
    /// Per demand cell, the locked hours the flow puts on it: what the cell
    /// asks beyond them is what a block of min_hours_per_assignment may serve.
    public let onCell: [Double]

    init(_ instance: Instance, into b: inout ModelBuilder) {
        var serves: [Serve] = []
        var ofCell = Array(repeating: [Int](), count: instance.cells.count)
        // Every plan serves the flow's hours (locked hours count against the
        // matching demand), written so that the model's starting point
        // already does where it can: a pool alone in its component whose
        // cells ask no more than it holds gives each cell what it asks (the
        // columns are fixed); one whose cells ask more keeps all its hours
        // (its row is an equality); pools that share a cell get one row
        // over their columns, at least the flow's hours.
        let most = instance.lockedFlow
        let tolerance = { (h: Double) in Stage.holdTolerance * max(1, h) }
        var alone = Set<Int>()
        for component in most.components where component.count == 1 { alone.insert(component[0]) }
        var columnsOfPool: [Int: [Int]] = [:]
        for (k, pool) in instance.lockedPools.enumerated() where !pool.cells.isEmpty {
            let asks = pool.cells.reduce(0.0) { $0 + instance.cells[$1].requested }
            let fills = alone.contains(k) && asks <= pool.hours
            let keepsAll = alone.contains(k) && !fills
            let row = b.row(
                "lockedpool[\(pool.name)]", lower: keepsAll ? pool.hours - tolerance(pool.hours) : -.infinity,
                upper: pool.hours)
            for c in pool.cells {
                let cell = instance.cells[c]
                let upper = min(pool.hours, cell.requested)
                let j = b.column(
                    "locked[\(cell.name)@\(instance.periods[pool.period].name)]", lower: fills ? upper : 0,
                    upper: upper)
                b.set(row: row, column: j, 1)
                serves.append(Serve(pool: k, cell: c, column: j))
                ofCell[c].append(j)
                columnsOfPool[k, default: []].append(j)
            }
        }
        let servedByPool = most.served
        for component in most.components where component.count > 1 {
            let total = component.reduce(0.0) { $0 + servedByPool[$1] }
            guard total > 0 else { continue }
            let row = b.row(
                "lockedserved[\(instance.lockedPools[component[0]].name)]", lower: total - tolerance(total))
            for k in component {
                for j in columnsOfPool[k] ?? [] { b.set(row: row, column: j, 1) }
            }
        }
        // The serve columns are in the order of the flow's edges (a pool
        // without cells has neither).
        let served = zip(serves, most.flow).compactMap { $1 > 0 ? ($0.column, $1) : nil }
        self.serves = serves
        self.ofCell = ofCell
        self.served = served
        self.onCell = most.onCell
    }
}
