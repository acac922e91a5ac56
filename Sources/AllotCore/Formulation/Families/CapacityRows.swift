/// Family: capacity, `capacity[s,t]` rows and `overtime[s,t]` columns
/// (docs/how-it-works.md). A row per person and period that has hours
/// columns (or locked hours beyond capacity):
/// sum of hours[s,*,t] - overtime[s,t] <= capacity - locked hours.
/// With overtime allowed, `overtime[s,t]` may reach capacity * max_percent/100.
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

    init(_ instance: Instance, hours: HoursColumns, into b: inout ModelBuilder) {
        let share = instance.settings.overtimeMaxPercent / 100
        var rowOf = Array(repeating: [Int?](repeating: nil, count: instance.periods.count), count: instance.staff.count)
        var rows: [Int] = []
        var overtime: [Overtime] = []
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
                }
            }
        }
        self.rowOf = rowOf
        self.rows = rows
        self.overtime = overtime
    }
}
