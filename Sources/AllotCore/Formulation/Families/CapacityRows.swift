/// Family: capacity, `capacity[s,t]` rows and `overtime[s,t]` columns
/// (docs/how-it-works.md). A row per person and period that has hours
/// columns (or locked hours beyond capacity):
/// sum of hours[s,*,t] - overtime[s,t] <= capacity - locked hours.
/// With overtime allowed, `overtime[s,t]` may reach capacity * max_percent/100;
/// with `policies.overtime.priorities`, a `regular[s,t]` row keeps the hours
/// of the other priorities within capacity less locked hours, so only the
/// listed priorities use hours above it.
/// Conflict cause when it binds at a priority's optimum: `capacity`.
public struct CapacityRows: Sendable {
    public struct Overtime: Sendable, Hashable {
        public var staff: Int
        public var period: Int
        public var column: Int
    }

    /// The capacity row per (staff, period), when there is one.
    public let rowOf: [[Int?]]
    /// Every capacity row, in row order.
    public let rows: [Int]
    /// The overtime columns, in column order.
    public let overtime: [Overtime]
    /// With `policies.overtime.priorities`: per (staff, period) with overtime,
    /// the `regular[s,t]` row that keeps the other priorities within capacity.
    public let regularRows: [Int]

    init(_ instance: Instance, hours: HoursColumns, into b: inout ModelBuilder) {
        let share = instance.settings.overtimeMaxPercent / 100
        var rowOf = Array(repeating: [Int?](repeating: nil, count: instance.periods.count), count: instance.staff.count)
        var rows: [Int] = []
        var overtime: [Overtime] = []
        var regularRows: [Int] = []
        let allowed = instance.settings.overtimePriorities.map(Set.init)
        for s in instance.staff.indices {
            for t in instance.periods.indices {
                let cap = instance.capacity[s][t]
                let load = instance.lockedLoad[s][t]
                let columns = hours.ofPersonPeriod[s][t]
                guard !columns.isEmpty || load > cap + 1e-9 else { continue }
                let name = "\(instance.staff[s].id),\(instance.periods[t].name)"
                let row = b.row("capacity[\(name)]", upper: cap - load)
                for j in columns { b.set(row: row, column: j, 1) }
                rowOf[s][t] = row
                rows.append(row)
                if share > 0 {
                    let o = b.column("overtime[\(name)]", upper: cap * share)
                    overtime.append(Overtime(staff: s, period: t, column: o))
                    b.set(row: row, column: o, -1)
                    // Hours above capacity serve the allowed priorities only:
                    // the others, with the locked hours, fit within capacity.
                    let others =
                        allowed.map { allowed in
                            columns.filter { !allowed.contains(instance.cells[hours[column: $0].cell].priority) }
                        } ?? []
                    if !others.isEmpty {
                        let regular = b.row("regular[\(name)]", upper: max(0, cap - load))
                        for j in others { b.set(row: regular, column: j, 1) }
                        regularRows.append(regular)
                    }
                }
            }
        }
        self.rowOf = rowOf
        self.rows = rows
        self.overtime = overtime
        self.regularRows = regularRows
    }
}
