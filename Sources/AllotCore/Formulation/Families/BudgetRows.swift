/// Family: budgets, `budget[p]` rows (docs/how-it-works.md): a project's
/// spending at base rate, sum of rate * hours on p <= budget - locked cost
/// (never below 0). Overtime hours count at base rate. Conflict cause when
/// it binds at a priority's optimum: `budget`.
public struct BudgetRows: Sendable {
    /// The budget row per project, when it has a budget and columns.
    public let rowOf: [Int?]

    init(_ instance: Instance, hours: HoursColumns, into b: inout ModelBuilder) {
        var rowOf = [Int?](repeating: nil, count: instance.projects.count)
        var columnsOfProject = Array(repeating: [Int](), count: instance.projects.count)
        for (j, h) in hours.enumerated { columnsOfProject[instance.cells[h.cell].project].append(j) }
        for (p, project) in instance.projects.enumerated() {
            guard let budget = project.budget, !columnsOfProject[p].isEmpty else { continue }
            let row = b.row("budget[\(project.id)]", upper: max(0, budget - instance.lockedCost[p]))
            for j in columnsOfProject[p] {
                b.set(row: row, column: j, instance.staff[hours[column: j].staff].costPerHour)
            }
            rowOf[p] = row
        }
        self.rowOf = rowOf
    }
}
