import Spreadsheet

/// `xlsx`: the plan as a workbook for people who live in spreadsheets.
/// Sheets: Summary, Heatmap, Assignments, Projects, Conflicts, Free capacity.
/// Dates are dates, hours are numbers, every sheet's header row stays in
/// view, and the long tables have filters. Rates and costs only with
/// `--include-cost`. AllotCore builds the workbook as a value; the command
/// line writes it with libxlsxwriter (the `XLSX` target).
public struct XLSXExporter: PlanExporter {
    public static let exportFormat = ExportFormat.xlsx

    public init() {}

    public func export(_ plan: PlanDocument, options: ExportOptions) throws -> ExportOutput {
        .workbook(try workbook(plan, includeCost: options.includeCost))
    }

    /// The sheets' names, in order.
    public enum SheetName: String, CaseIterable, Sendable {
        case summary = "Summary"
        case heatmap = "Heatmap"
        case assignments = "Assignments"
        case projects = "Projects"
        case conflicts = "Conflicts"
        case freeCapacity = "Free capacity"
    }

    /// The workbook of a plan. Heatmap, Free capacity and Projects come from
    /// the report model (`PlanReport`), which needs a plan written by this
    /// allot (with periods, absence and demand), as `allot report` does.
    public func workbook(_ plan: PlanDocument, includeCost: Bool) throws(PlanReport.MissingFields) -> Workbook {
        let report = try PlanReport(plan.file)
        let title = "allot plan" + (plan.name.map { ": " + printable($0) } ?? "")
        return Workbook(
            sheets: [
                summary(plan, report, includeCost: includeCost),
                heatmap(report),
                assignments(plan, includeCost: includeCost),
                projects(report, includeCost: includeCost),
                conflicts(plan, includeCost: includeCost),
                freeCapacity(report),
            ],
            properties: .init(title: title, created: calendarDay(report.periods.first?.start)))
    }

    // MARK: - Summary

    /// Coverage per priority with a total row, then the plan's figures as
    /// label and value (costs only when asked).
    func summary(_ plan: PlanDocument, _ report: PlanReport, includeCost: Bool) -> Sheet {
        let s = plan.file.summary
        var rows: [[Cell]] = [
            ["Priority", "Demanded (h)", "Staffed (h)", "Unmet (h)", "Coverage"].map(Cell.heading)
        ]
        for p in s.priorities {
            rows.append([
                .number(Double(p.priority), .integer), roundedCell(p.demanded), roundedCell(p.staffed),
                roundedCell(p.unmet), p.demanded > 0 ? .number(p.staffed / p.demanded, .percent) : .empty,
            ])
        }
        let t = s.totals
        rows.append([
            .heading("Total"), roundedCell(t.demanded), roundedCell(t.staffed), roundedCell(t.unmet),
            t.demanded > 0 ? .number(t.staffed / t.demanded, .percent) : .empty,
        ])
        rows.append([])
        rows.append([.heading("Figure"), .heading("Value")])
        func figure(_ label: String, _ value: Cell) { rows.append([.text(label), value]) }
        func text(_ label: String, _ value: String?) { if let value { figure(label, .text(printable(value))) } }
        text("Plan", plan.name)
        text("Scenario", s.scenario)
        text("Status", s.status.rawValue)
        text("Message", s.message)
        text("Objective", s.objective.rawValue)
        text("Engine", s.solver.engine)
        if let gap = s.gap { figure("Gap", .number(gap, .percent)) }
        if let first = report.periods.first { figure("First day", .date(calendarDay(first.start))) }
        if let last = report.periods.last { figure("Last day", .date(calendarDay(last.end))) }
        figure("Periods", .number(Double(report.periods.count), .integer))
        figure("People", .number(Double(plan.file.staff.count), .integer))
        figure("Projects", .number(Double(plan.file.projects.count), .integer))
        figure("Assignments", .number(Double(t.assignments), .integer))
        figure("Conflicts", .number(Double(t.conflicts), .integer))
        for kind in Conflict.Kind.allCases {
            figure("Conflicts: \(kind.rawValue)", .number(Double(s.conflictsByKind.counts[kind] ?? 0), .integer))
        }
        figure("Overtime (h)", roundedCell(s.overtime.hours))
        figure("People with overtime", .number(Double(s.overtime.people), .integer))
        if includeCost {
            let c = s.cost
            text("Currency", s.currency)
            // base and idle are not addends of the total (base is every
            // planned hour at its rate; idle is part of fixed pay): the
            // labels say so, since the list invited a sum.
            figure("Cost: base (not added)", roundedCell(c.base))
            figure("Cost: fixed pay", roundedCell(c.fixed))
            figure("Cost: idle fixed pay (part of fixed)", roundedCell(c.idle))
            figure("Cost: hourly pay", roundedCell(c.variable))
            figure("Cost: overtime premium", roundedCell(c.overtimePremium))
            figure("Cost: stability penalty", roundedCell(c.stabilityPenalty))
            figure("Cost: total", roundedCell(c.total))
        }
        return Sheet(
            name: SheetName.summary.rawValue, rows: rows, columnWidths: [38, 14, 14, 14, 12], frozenRows: 1)
    }

    // MARK: - Assignments

    func assignments(_ plan: PlanDocument, includeCost: Bool) -> Sheet {
        var columns: [Column<PlanDocument.Row>] = [
            .init("Staff ID", 18) { .text($0.staff.rawValue) },
            .init("Name", 22) { .text(printable(plan.person($0.staff).displayName)) },
            .init("Project ID", 18) { .text($0.project.rawValue) },
            .init("Project", 24) { .text(printable(plan.project($0.project).displayName)) },
            .init("Priority", 9) { .number(Double(plan.project($0.project).priority), .integer) },
            .init("Skill", 12) { .text(printable($0.skill)) },
            .init("Period", 10) { .text($0.period.rawValue) },
            .init("Start", 11) { .date(calendarDay($0.start)) },
            .init("End", 11) { .date(calendarDay($0.end)) },
            .init("Hours", 9) { roundedCell($0.hours) },
            .init("Locked (h)", 11) { roundedCell($0.lockedHours) },
        ]
        if includeCost {
            columns.append(
                .init("Rate (\(plan.currency)/h)", 12) { .number(plan.person($0.staff).costPerHour, .decimal) })
            columns.append(.init("Cost (\(plan.currency))", 12) { roundedCell($0.cost) })
        }
        return table(.assignments, columns, plan.rows)
    }

    // MARK: - Projects

    /// One row per project, by priority then id (the report's sections):
    /// hours demanded and staffed per demand cell, unmet, coverage, people,
    /// the first and last day with assignments; budget and spending only
    /// when costs are asked for.
    func projects(_ report: PlanReport, includeCost: Bool) -> Sheet {
        let periods = Dictionary(report.periods.map { ($0.period, $0) }, uniquingKeysWith: { a, _ in a })
        func day(_ period: PeriodName?, _ side: KeyPath<PlanFile.PeriodRow, Day>) -> Cell {
            period.flatMap { periods[$0] }.map { .date(calendarDay($0[keyPath: side])) } ?? .empty
        }
        var columns: [Column<PlanReport.ProjectSection>] = [
            .init("Project ID", 18) { .text($0.id.rawValue) },
            .init("Name", 24) { .text(printable($0.name)) },
            .init("Priority", 9) { .number(Double($0.priority), .integer) },
            .init("Demanded (h)", 13) { roundedCell($0.demanded) },
            .init("Staffed (h)", 12) { roundedCell($0.staffed) },
            .init("Unmet (h)", 11) { roundedCell($0.unmetHours) },
            .init("Coverage", 10) { $0.coverage.map { .number($0, .percent) } ?? .empty },
            .init("People", 8) { .number(Double($0.people.count), .integer) },
            // The first and last day of a period with hours on the project,
            // not the project's dates (sec-audit ends 2027-04-30, a Friday,
            // and its last assigned week 2027-05-02).
            .init("First assigned day", 19) { day($0.people.map(\.first).min(), \.start) },
            .init("Last assigned day", 19) { day($0.people.map(\.last).max(), \.end) },
        ]
        if includeCost {
            let currency = report.summary.currency
            columns.append(.init("Budget (\(currency))", 14) { $0.budget.map { roundedCell($0) } ?? .empty })
            columns.append(.init("Spent (\(currency))", 14) { roundedCell($0.spent) })
        }
        return table(.projects, columns, report.projects)
    }

    // MARK: - Conflicts

    /// conflicts.csv with the project's priority and the projects holding
    /// the qualified people. A message that names an amount of money (a
    /// budget) says so instead, unless costs are asked for.
    func conflicts(_ plan: PlanDocument, includeCost: Bool) -> Sheet {
        let priorities = Dictionary(plan.file.projects.map { ($0.id, $0.priority) }, uniquingKeysWith: { a, _ in a })
        let columns: [Column<PlanFile.ConflictRow>] = [
            .init("Kind", 18) { .text($0.kind.rawValue) },
            .init("Cause", 18) { .text($0.cause?.rawValue ?? "") },
            .init("Project ID", 18) { .text($0.project?.rawValue ?? "") },
            .init("Priority", 9) { c in
                c.project.flatMap { priorities[$0] }.map { .number(Double($0), .integer) } ?? .empty
            },
            .init("Staff ID", 18) { .text($0.staff?.rawValue ?? "") },
            .init("Skill", 12) { .text(printable($0.skill ?? "")) },
            .init("Period", 10) { .text($0.period?.rawValue ?? "") },
            .init("Hours", 9) { roundedCell($0.hours) },
            .init("Held by", 30) { c in
                .text(
                    (c.heldBy ?? []).map { "\($0.project) (priority \($0.priority)) \(format($0.hours))h" }
                        .joined(separator: ", "))
            },
            .init("Message", 80) { c in
                if includeCost { return .text(printable(c.message)) }
                let withoutAmounts = "(amounts only with --include-cost)"
                if c.kind == .budgetOverrun {
                    let project = c.project.map { " of \($0.rawValue)" } ?? ""
                    return .text(
                        printable(
                            "locked commitments\(project) cost more than its budget \(withoutAmounts); "
                                + "the budget is taken as their cost"))
                }
                // What is unmet and when stays; only the budget's amount goes.
                if c.cause == .budget {
                    let need = c.message.range(of: ": the budget of ", options: .backwards).map {
                        String(c.message[..<$0.lowerBound]) + ": "
                    }
                    return .text(printable((need ?? "") + "the budget is spent \(withoutAmounts)"))
                }
                return .text(printable(c.message))
            },
        ]
        return table(.conflicts, columns, plan.file.conflicts)
    }

    // MARK: - Tables

    /// A column of a table sheet: its heading, width in characters, and the
    /// cell each row gives it.
    struct Column<Row> {
        var heading: String
        var width: Double
        var cell: (Row) -> Cell

        init(_ heading: String, _ width: Double, _ cell: @escaping (Row) -> Cell) {
            self.heading = heading
            self.width = width
            self.cell = cell
        }
    }

    /// A header row (frozen, with filter buttons) over one row per item.
    func table<Row>(_ name: SheetName, _ columns: [Column<Row>], _ items: [Row]) -> Sheet {
        var rows: [[Cell]] = [columns.map { .heading($0.heading) }]
        rows.reserveCapacity(items.count + 1)
        for item in items { rows.append(columns.map { $0.cell(item) }) }
        return Sheet(
            name: name.rawValue, rows: rows, columnWidths: columns.map(\.width), frozenRows: 1,
            filter: CellRange(firstRow: 0, firstColumn: 0, lastRow: items.count, lastColumn: columns.count - 1))
    }
}

/// Hours or money as a number cell, rounded to cents as plan.json's numbers
/// are (sums and differences of them carry no float noise like 5.399999999999636).
func roundedCell(_ value: Double) -> Cell { .number((value * 100).rounded() / 100, .decimal) }

/// The spreadsheet's date for a plan's day.
func calendarDay(_ day: Day) -> CalendarDay {
    let c = day.civil
    return CalendarDay(year: c.year, month: c.month, day: c.day)
}

/// A fixed date for a plan without days (nothing assigned, no periods): the
/// workbook still gets the same bytes every time.
func calendarDay(_ day: Day?) -> CalendarDay {
    day.map(calendarDay) ?? CalendarDay(year: 2000, month: 1, day: 1)
}
