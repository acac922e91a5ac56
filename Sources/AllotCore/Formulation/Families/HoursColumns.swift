/// Family: the hours columns, `hours[s,line,t]`: the hours person s works on
/// a demand cell in period t (docs/how-it-works.md, "Rows and columns").
///
/// Only eligible triples get a column: s has the cell's skill at its
/// min_level or better, and capacity left in t after locked hours. The
/// upper bound is what is still open in the cell; for a total_hours cell in
/// a period its window covers in part, also the person's capacity (with
/// overtime) on the window's working days there, since the work happens on
/// those days only. It is not the person's capacity otherwise:
/// that bound would take the dual that belongs to the capacity row, and the
/// marginal value of capacity would read 0 where one more hour does staff one
/// more hour. They come first in the model, in a stable order: cell, then
/// staff, then period.
public struct HoursColumns: Sendable {
    public struct Column: Sendable, Hashable {
        public var staff: Int
        public var cell: Int
        public var period: Int
    }

    /// Column `columns.lowerBound + k` is `entries[k]`.
    public let columns: Range<Int>
    public let entries: [Column]
    /// Hours columns per cell (column indices).
    public let ofCell: [[Int]]
    /// Hours columns per person and period (column indices).
    let ofPersonPeriod: [[[Int]]]
    /// What the columns' names are made of: staff ids, each cell's demand
    /// line label, period names.
    private let staffIDs: [String]
    private let cellLabels: [String]
    private let periodNames: [String]

    init(_ instance: Instance, into b: inout ModelBuilder) {
        let first = b.columnCount
        var entries: [Column] = []
        var ofCell = Array(repeating: [Int](), count: instance.cells.count)
        var ofPersonPeriod = Array(
            repeating: Array(repeating: [Int](), count: instance.periods.count),
            count: instance.staff.count)
        for cell in instance.cells where cell.requested > 0 {
            let line = instance.lines[cell.line]
            // Only the people with the skill (in staff order, as before): a
            // scan of every person per cell took 5 s on 1,000 people and 53,000 cells.
            for s in instance.skillHolders[cell.skill] ?? [] where instance.isQualified(s, for: cell) {
                for t in cell.periods {
                    let room = instance.maxHours(s, t) - instance.lockedLoad[s][t]
                    guard instance.capacity[s][t] > 0, room > 1e-9 else { continue }
                    // Total-hours work stays on its window's days.
                    var upper = cell.requested
                    if let limit = instance.windowLimit(s, cell, t) {
                        guard limit > 1e-9 else { continue }
                        upper = min(upper, limit)
                    }
                    // Named on use (`name(of:)`): 2.3M names took about 220 MB on bench tier XL.
                    let j = b.column("", upper: upper)
                    entries.append(Column(staff: s, cell: cell.id, period: t))
                    ofCell[cell.id].append(j)
                    ofPersonPeriod[s][t].append(j)
                }
            }
        }
        columns = first..<b.columnCount
        self.entries = entries.compacted()
        self.ofCell = ofCell
        self.ofPersonPeriod = ofPersonPeriod
        staffIDs = instance.staff.map(\.id.rawValue)
        cellLabels = instance.cells.map { instance.lines[$0.line].label }
        periodNames = instance.periods.map(\.name)
    }

    /// The name of hours column j, `hours[staff,line,period]`.
    public func name(of j: Int) -> String {
        let h = self[column: j]
        return "hours[\(staffIDs[h.staff]),\(cellLabels[h.cell]),\(periodNames[h.period])]"
    }

    /// The entry behind a column of this family.
    public subscript(column j: Int) -> Column { entries[j - columns.lowerBound] }

    /// (column, entry) pairs in column order.
    public var enumerated: Zip2Sequence<Range<Int>, [Column]> { zip(columns, entries) }

    public var count: Int { entries.count }
}
