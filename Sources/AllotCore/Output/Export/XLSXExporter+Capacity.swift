import Spreadsheet

/// The two sheets about people's time, from the report model: how loaded
/// each person is per period, and who is free when, with what skills.
extension XLSXExporter {
    /// Load below this shows green, at `full` yellow, at `over` and above red.
    static let loadScale = (idle: 0.0, full: 1.0, over: 1.25)

    /// Person x period load (hours / capacity) as numbers shaded by a colour
    /// scale, people grouped by main skill as in the report; per person the
    /// hours, capacity and load over the horizon; a total row over everyone.
    /// Two header rows (period names, first days) and the person columns stay
    /// in view.
    func heatmap(_ report: PlanReport) -> Sheet {
        let periods = report.periods
        let fixed: [(String, Double)] = [
            ("Staff ID", 18), ("Name", 22), ("Main skill", 12), ("Hours", 9), ("Capacity", 10), ("Load", 8),
        ]
        var rows: [[Cell]] = [
            fixed.map { .heading($0.0) } + periods.map { .heading($0.period.rawValue) },
            [.heading("Period starts")] + Array(repeating: .heading(""), count: fixed.count - 1)
                + periods.map { .date(calendarDay($0.start)) },
        ]
        func load(_ value: Double?) -> Cell { value.map { .number($0, .percent) } ?? .empty }
        for group in report.heatmap.groups {
            for row in group.rows {
                rows.append(
                    [
                        .text(row.person.id.rawValue), .text(printable(row.person.displayName)),
                        .text(printable(group.skill)), roundedCell(row.total.hours),
                        roundedCell(row.total.capacity), load(row.total.load),
                    ] + row.cells.map { load($0.load) })
            }
        }
        let people = report.heatmap.rowCount
        let total = report.heatmap.total
        rows.append(
            [
                .heading("Total"), .empty, .empty, roundedCell(total.hours), roundedCell(total.capacity),
                load(total.load),
            ] + report.heatmap.columnTotals.map { load($0.load) })
        var scales: [ColourScale] = []
        if people > 0 {
            // The load columns: each person's over the horizon and per period, and the total row.
            let range = CellRange(
                firstRow: 2, firstColumn: fixed.count - 1, lastRow: 2 + people,
                lastColumn: fixed.count + periods.count - 1)
            scales.append(
                ColourScale(
                    range: range, low: Self.loadScale.idle, middle: Self.loadScale.full, high: Self.loadScale.over))
        }
        return Sheet(
            name: SheetName.heatmap.rawValue, rows: rows,
            columnWidths: fixed.map(\.1) + Array(repeating: 10, count: periods.count), frozenRows: 2, frozenColumns: 2,
            colourScales: scales)
    }

    /// The report's free ranges (consecutive periods with at least a fifth
    /// of the capacity idle), the most idle hours first, with each person's
    /// skill levels in one column per skill ("sql (level)"), so a filter
    /// finds "sql 3 or more, free in March".
    func freeCapacity(_ report: PlanReport) -> Sheet {
        let periods = Dictionary(report.periods.map { ($0.period, $0) }, uniquingKeysWith: { a, _ in a })
        let skills = Set(report.free.flatMap { ($0.person.skills ?? []).map(\.skill) }).sorted()
        func day(_ period: PeriodName, _ side: KeyPath<PlanFile.PeriodRow, Day>) -> Cell {
            periods[period].map { .date(calendarDay($0[keyPath: side])) } ?? .empty
        }
        var columns: [Column<PlanReport.FreeRange>] = [
            .init("Staff ID", 18) { .text($0.person.id.rawValue) },
            .init("Name", 22) { .text(printable($0.person.displayName)) },
            .init("From", 10) { .text($0.first.rawValue) },
            .init("To", 10) { .text($0.last.rawValue) },
            .init("Start", 11) { day($0.first, \.start) },
            .init("End", 11) { day($0.last, \.end) },
            .init("Periods", 8) { .number(Double($0.periods), .integer) },
            .init("Idle (h)", 10) { roundedCell($0.idleHours) },
            .init("Least idle (h)", 13) { roundedCell($0.leastIdle) },
        ]
        for skill in skills {
            columns.append(
                .init(printable(skill) + " (level)", Double(skill.count) + 10) { range in
                    (range.person.skills ?? []).first { $0.skill == skill }.map { .number(Double($0.level), .integer) }
                        ?? .empty
                })
        }
        return table(.freeCapacity, columns, report.free)
    }
}
