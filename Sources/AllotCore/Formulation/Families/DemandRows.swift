/// Family: demand, `demand[cell]` rows (docs/how-it-works.md): solver hours
/// and locked hours on a cell together up to what it requests. An unmet hour
/// of a cell is `requested - row activity`; its cause is found from the
/// capacity and budget rows at its priority's optimum.
public struct DemandRows: Sendable {
    /// The demand row per cell, when the cell has columns.
    public let rowOf: [Int?]

    init(_ instance: Instance, hours: HoursColumns, locked: LockedPools, into b: inout ModelBuilder) {
        var rowOf = [Int?](repeating: nil, count: instance.cells.count)
        for cell in instance.cells where !hours.ofCell[cell.id].isEmpty || !locked.ofCell[cell.id].isEmpty {
            let row = b.row("demand[\(cell.name)]", upper: cell.requested)
            for j in hours.ofCell[cell.id] + locked.ofCell[cell.id] { b.set(row: row, column: j, 1) }
            rowOf[cell.id] = row
        }
        self.rowOf = rowOf
    }
}
