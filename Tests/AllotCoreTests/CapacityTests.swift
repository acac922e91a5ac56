import Foundation
import Testing

@testable import AllotCore

/// docs/dataset-format.md: working days, capacity and demand cells, on datasets written to disk
/// and read back through Dataset.load -> validate -> Instance.
@Suite struct CapacityTests {
    static let staffHeader = "id,cost_per_hour,hours_per_week,skills,start,end\n"
    static let oneProject = "id,priority,start,end\napollo,1,,\n"
    static let oneDemand = "project_id,skill,hours_per_week,total_hours\napollo,swift,10,\n"

    /// A dataset with the given manifest and staff rows, one project and one demand line
    /// (10 h/week of swift), plus optional leave and holiday tables.
    func files(
        _ manifestText: String, staff: String, leave: String? = nil, holidays: String? = nil,
        projects: String = oneProject, demand: String = oneDemand
    ) -> [String: String] {
        var f = [
            "allot.yaml": manifestText, "staff.csv": Self.staffHeader + staff,
            "projects.csv": projects, "demand.csv": demand,
        ]
        if let leave { f["leave.csv"] = "staff_id,start,end,hours_per_week\n" + leave }
        if let holidays { f["holidays.csv"] = "date,name\n" + holidays }
        return f
    }

    func capacity(_ i: Instance, _ id: String) -> [Double] {
        guard let s = i.staffIndex[Staff.ID(id)] else {
            Issue.record("no staff \(id)")
            return []
        }
        return i.capacity[s]
    }

    /// Horizon Wednesday 2027-01-06 .. Sunday 2027-01-17, no holidays.
    /// 2027-W01 inside the horizon: Wed 06, Thu 07, Fri 08 = 3 working days -> 3 x 40/5 = 24 h.
    /// 2027-W02: Mon 11 .. Fri 15 = 5 working days -> 5 x 8 = 40 h.
    @Test func horizonStartingOnAWednesday() throws {
        try withDataset(files(manifest("2027-01-06", "2027-01-17"), staff: "alice,100,40,swift:3,,\n")) { d in
            let i = try d.instance()
            #expect(i.periods.map(\.name) == ["2027-W01", "2027-W02"])
            #expect(i.workingDays == [3, 5])
            #expect(capacity(i, "alice") == [24, 40])
        }
    }

    /// Horizon 2026-12-28 .. 2027-01-10, holiday Friday 2027-01-01.
    /// 2026-W53: Mon 28, Tue 29, Wed 30, Thu 31 (Fri 01 is the holiday) = 4 days -> 4 x 8 = 32 h.
    /// 2027-W01: Mon 04 .. Fri 08 = 5 days -> 40 h.
    /// A 30 h/week person: 6 h/day -> 24 h and 30 h.
    @Test func isoWeek53WithNewYearHoliday() throws {
        try withDataset(
            files(
                manifest("2026-12-28", "2027-01-10"),
                staff: "alice,100,40,swift:3,,\nbob,80,30,swift:3,,\n",
                holidays: "2027-01-01,New Year\n")
        ) { d in
            let i = try d.instance()
            #expect(i.periods.map(\.name) == ["2026-W53", "2027-W01"])
            #expect(i.workingDays == [4, 5])
            #expect(capacity(i, "alice") == [32, 40])
            #expect(capacity(i, "bob") == [24, 30])
        }
    }

    /// Week 2027-01-04 .. 01-10, holiday Wednesday 01-06, alice 40 h/week (8 h/day) on leave
    /// Tue 05 .. Thu 07 at `rate` h/week (rate/5 per day).
    /// Mon 8 + Tue rate/5 + Wed 0 (holiday, whatever the rate) + Thu rate/5 + Fri 8:
    ///   rate 0  -> 8 + 0 + 0 + 0 + 8 = 16
    ///   rate 20 -> 8 + 4 + 0 + 4 + 8 = 24
    ///   rate 40 -> 8 + 8 + 0 + 8 + 8 = 32
    /// A leave of only the holiday itself changes nothing: 4 working days x 8 = 32.
    @Test(arguments: [("0", 16.0), ("20", 24.0), ("40", 32.0), ("", 16.0)])
    func holidayInsideLeave(rate: String, expected: Double) throws {
        try withDataset(
            files(
                manifest("2027-01-04", "2027-01-10"),
                staff: "alice,100,40,swift:3,,\nbob,100,40,swift:3,,\n",
                leave: "alice,2027-01-05,2027-01-07,\(rate)\nbob,2027-01-06,2027-01-06,\(rate)\n",
                holidays: "2027-01-06,Holiday\n")
        ) { d in
            let i = try d.instance()
            #expect(i.workingDays == [4])
            #expect(capacity(i, "alice") == [expected])
            #expect(capacity(i, "bob") == [32])
        }
    }

    /// A 20 h/week part-timer (4 h/day) on partial leave at 10 h/week (2 h/day) Mon 04 .. Wed 06,
    /// in the week 2027-01-04 .. 01-10 with no holiday: 3 days x 2 + 2 days x 4 = 6 + 8 = 14 h.
    /// The following week (01-11 .. 01-17) is untouched: 5 x 4 = 20 h.
    @Test func partTimerWithPartialLeave() throws {
        try withDataset(
            files(
                manifest("2027-01-04", "2027-01-17"),
                staff: "pat,60,20,swift:2,,\n",
                leave: "pat,2027-01-04,2027-01-06,10\n")
        ) { d in
            let i = try d.instance()
            #expect(capacity(i, "pat") == [14, 20])
        }
    }

    /// A leave spanning a weekend and two periods: alice (40 h) absent Thu 2027-01-07 .. Tue 01-12.
    /// W01: Mon, Tue, Wed worked = 3 x 8 = 24; Thu, Fri absent. W02: Mon, Tue absent, Wed..Fri 3 x 8 = 24.
    @Test func leaveAcrossAWeekend() throws {
        try withDataset(
            files(
                manifest("2027-01-04", "2027-01-17"),
                staff: "alice,100,,swift:3,,\n",
                leave: "alice,2027-01-07,2027-01-12,\n")
        ) { d in
            let i = try d.instance()
            #expect(capacity(i, "alice") == [24, 24])
        }
    }

    /// docs/dataset-format.md: on a leave day capacity is "the leave row's hours_per_week / 5". A 20 h/week
    /// part-timer with a leave row of 30 h/week over the whole week 2027-01-04 .. 01-08 therefore
    /// has 5 x 30/5 = 30 h that week (the leave row's value, not the person's 20).
    @Test func leaveRateIsTheLeaveRowsValue() throws {
        try withDataset(
            files(
                manifest("2027-01-04", "2027-01-10"), staff: "pat,60,20,swift:2,,\n",
                leave: "pat,2027-01-04,2027-01-08,30\n")
        ) { d in
            let i = try d.instance()
            #expect(capacity(i, "pat") == [30])
        }
    }

    /// Overlapping leave rows: the lower rate applies on the days covered twice (and the
    /// validator warns). alice 40 h/week, leave Mon 01-04 .. Fri 01-08 at 20 h/week (4 h/day)
    /// and Wed 01-06 at 10 h/week (2 h/day): 4 + 4 + 2 + 4 + 4 = 18.
    @Test func overlappingLeaveTakesTheLowerRate() throws {
        try withDataset(
            files(
                manifest("2027-01-04", "2027-01-10"), staff: "alice,100,40,swift:3,,\n",
                leave: "alice,2027-01-04,2027-01-08,20\nalice,2027-01-06,2027-01-06,10\n")
        ) { d in
            let p = try d.portfolio()
            // The second row (line 3 of leave.csv) overlaps the first.
            #expect(p.warnings.map(\.location.description) == ["leave.csv:3:1"])
            #expect(capacity(Instance(p), "alice") == [18])
        }
    }

    /// Employment windows, horizon 2027-01-04 .. 01-17 (W01, W02), 40 h/week = 8 h/day:
    /// - bob starts Thursday 01-07: W01 Thu + Fri = 2 x 8 = 16; W02 40.
    /// - carol ends Tuesday 01-12: W01 40; W02 Mon + Tue = 16.
    /// - dave works Wed 01-06 .. Wed 01-13 only: W01 Wed, Thu, Fri = 24; W02 Mon, Tue, Wed = 24.
    /// - erin left before the horizon (end 2026-12-31): 0 and 0.
    /// - fay starts on Saturday 01-16: W02 has no working day left for her: 0.
    @Test func employmentWindows() throws {
        try withDataset(
            files(
                manifest("2027-01-04", "2027-01-17"),
                staff: """
                    bob,100,,swift:3,2027-01-07,
                    carol,100,,swift:3,,2027-01-12
                    dave,100,,swift:3,2027-01-06,2027-01-13
                    erin,100,,swift:3,,2026-12-31
                    fay,100,,swift:3,2027-01-16,

                    """)
        ) { d in
            let i = try d.instance()
            #expect(capacity(i, "bob") == [16, 40])
            #expect(capacity(i, "carol") == [40, 16])
            #expect(capacity(i, "dave") == [24, 24])
            #expect(capacity(i, "erin") == [0, 0])
            #expect(capacity(i, "fay") == [0, 0])
        }
    }

    /// `defaults.hours_per_week: 30` applies to people without their own value: 6 h/day,
    /// 5 days -> 30; a person with 40 keeps 40.
    @Test func defaultHoursPerWeek() throws {
        try withDataset(
            files(
                manifest("2027-01-04", "2027-01-10", extra: "defaults: {hours_per_week: 30}\n"),
                staff: "alice,100,,swift:3,,\nbob,100,40,swift:3,,\n")
        ) { d in
            let i = try d.instance()
            #expect(capacity(i, "alice") == [30])
            #expect(capacity(i, "bob") == [40])
        }
    }

    /// Staff are sorted by id in the instance, whatever the file order.
    @Test func staffSortedById() throws {
        try withDataset(
            files(
                manifest("2027-01-04", "2027-01-10"),
                staff: "zed,100,10,swift:3,,\nadam,100,20,swift:3,,\nmia,100,30,swift:3,,\n")
        ) { d in
            let i = try d.instance()
            #expect(i.staff.map(\.id.rawValue) == ["adam", "mia", "zed"])
            // 20, 30, 10 h/week over one full week of 5 working days.
            #expect(i.capacity == [[20], [30], [10]])
        }
    }

    /// Month horizon 2027-01-15 .. 2027-03-10, holiday Monday 2027-02-15.
    /// - 2027-01 (01-15..01-31): Fri 15; Mon 18..Fri 22 (5); Mon 25..Fri 29 (5) = 11 days.
    /// - 2027-02 (01 is a Monday, 28 days = 4 whole weeks): 20 days - 1 holiday = 19.
    /// - 2027-03 (01-10): Mon 01..Fri 05 (5); Mon 08, Tue 09, Wed 10 (3) = 8.
    /// 40 h/week (8 h/day): 88, 152, 64. 30 h/week (6 h/day): 66, 114, 48.
    @Test func monthHorizon() throws {
        try withDataset(
            files(
                manifest("2027-01-15", "2027-03-10", period: "month"),
                staff: "alice,100,40,swift:3,,\nbob,100,30,swift:3,,\n",
                holidays: "2027-02-15,Holiday\n")
        ) { d in
            let i = try d.instance()
            #expect(i.periods.map(\.name) == ["2027-01", "2027-02", "2027-03"])
            #expect(i.workingDays == [11, 19, 8])
            #expect(capacity(i, "alice") == [88, 152, 64])
            #expect(capacity(i, "bob") == [66, 114, 48])
        }
    }

    /// Holidays on a weekend or outside the horizon change nothing: week 2027-01-04 .. 01-10
    /// with holidays Saturday 01-09 and 2027-02-01 still has 5 working days -> 40 h.
    @Test func holidaysOnWeekendOrOutside() throws {
        try withDataset(
            files(
                manifest("2027-01-04", "2027-01-10"), staff: "alice,100,40,swift:3,,\n",
                holidays: "2027-01-09,Saturday\n2027-02-01,Later\n")
        ) { d in
            let i = try d.instance()
            #expect(i.workingDays == [5])
            #expect(capacity(i, "alice") == [40])
        }
    }

    // MARK: - Demand cells

    /// Horizon 2027-01-04 .. 01-24 (W01, W02, W03), holiday Wednesday 01-06.
    /// Working days: W01 4 (Mon, Tue, Thu, Fri), W02 5, W03 5.
    /// - line 1 apollo swift 30 h/week: 30/5 = 6 h/day -> W01 6 x 4 = 24, W02 30, W03 30.
    /// - line 2 apollo qa total 50, window Fri 01-08 .. Tue 01-12: overlaps W01 and W02 only
    ///   -> one cell of 50 h over periods [0, 1].
    @Test func perWeekAndTotalCells() throws {
        let demand = """
            project_id,skill,hours_per_week,total_hours,start,end
            apollo,swift,30,,,
            apollo,qa,,50,2027-01-08,2027-01-12

            """
        try withDataset(
            files(
                manifest("2027-01-04", "2027-01-24"), staff: "alice,100,40,swift:3;qa:2,,\n",
                holidays: "2027-01-06,Holiday\n", demand: demand)
        ) { d in
            let i = try d.instance()
            #expect(i.workingDays == [4, 5, 5])
            let swift = i.cells.filter { $0.skill == "swift" }
            #expect(swift.map(\.requested) == [24, 30, 30])
            #expect(swift.map(\.periods) == [[0], [1], [2]])
            #expect(swift.allSatisfy { !$0.isTotal })
            #expect(swift.map(\.name) == ["apollo,swift,2027-W01", "apollo,swift,2027-W02", "apollo,swift,2027-W03"])
            let qa = i.cells.filter { $0.skill == "qa" }
            #expect(qa.count == 1)
            #expect(qa.first?.isTotal == true)
            #expect(qa.first?.requested == 50)
            #expect(qa.first?.periods == [0, 1])
            #expect(qa.first?.name == "apollo,qa,total")
            #expect(i.cells.count == 4)
        }
    }

    /// Windows default to the project's dates, then to the horizon.
    /// Horizon 2027-01-04 .. 01-24 (W01, W02, W03), no holidays.
    /// - hermes runs Mon 01-11 .. Wed 01-13; its line of 10 h/week (2 h/day) without dates
    ///   asks only in W02: 3 days x 2 = 6 h.
    /// - hermes' second sql line starts Tue 01-12 and takes its end from the project (Wed 01-13):
    ///   2 days x 2 = 4 h.
    /// - zeus starts Thu 01-14 and has no end, so the window ends with the horizon; 20 h/week
    ///   (4 h/day): W02 Thu + Fri = 8 h, W03 5 x 4 = 20 h.
    /// - apollo has no dates: 5 h/week (1 h/day) in every week, 5 h each.
    /// - a total_hours line of zeus without dates spans W02 and W03 (the project's window).
    @Test func windowDefaultsToProjectDates() throws {
        let projects = """
            id,priority,start,end
            apollo,1,,
            hermes,2,2027-01-11,2027-01-13
            zeus,3,2027-01-14,

            """
        let demand = """
            project_id,skill,hours_per_week,total_hours,start,end
            hermes,sql,10,,,
            hermes,sql,10,,2027-01-12,
            zeus,swift,20,,,
            apollo,swift,5,,,
            zeus,qa,,12,,

            """
        try withDataset(
            files(
                manifest("2027-01-04", "2027-01-24"), staff: "alice,100,40,swift:3;sql:3;qa:3,,\n",
                projects: projects, demand: demand)
        ) { d in
            let i = try d.instance()
            let cellsOfLine = { (line: Int) in i.cells.filter { $0.line == line } }
            #expect(cellsOfLine(0).map(\.requested) == [6])
            #expect(cellsOfLine(0).map(\.periods) == [[1]])
            #expect(cellsOfLine(0).map(\.name) == ["hermes,sql,2027-W02"])
            #expect(cellsOfLine(1).map(\.requested) == [4])
            #expect(cellsOfLine(1).map(\.periods) == [[1]])
            // The second line with the same project and skill is labelled #2.
            #expect(cellsOfLine(1).map(\.name) == ["hermes,sql#2,2027-W02"])
            #expect(cellsOfLine(2).map(\.requested) == [8, 20])
            #expect(cellsOfLine(2).map(\.periods) == [[1], [2]])
            #expect(cellsOfLine(3).map(\.requested) == [5, 5, 5])
            #expect(cellsOfLine(4).map(\.requested) == [12])
            #expect(cellsOfLine(4).map(\.periods) == [[1, 2]])
            #expect(
                i.lines.map(\.window.first.description) == [
                    "2027-01-11", "2027-01-12", "2027-01-14", "2027-01-04", "2027-01-14",
                ])
            #expect(
                i.lines.map(\.window.last.description) == [
                    "2027-01-13", "2027-01-13", "2027-01-24", "2027-01-24", "2027-01-24",
                ])
            // Priorities come from the projects: hermes 2, zeus 3, apollo 1.
            #expect(i.lines.map(\.priority) == [2, 2, 3, 1, 3])
        }
    }

    /// A window reaching past the horizon is clipped: horizon 2027-01-06 (Wed) .. 2027-01-14 (Thu),
    /// line 10 h/week (2 h/day) with window 2027-01-01 .. 2027-02-28.
    /// W01 inside: Wed, Thu, Fri = 3 x 2 = 6; W02 inside: Mon .. Thu = 4 x 2 = 8.
    @Test func windowClippedToHorizon() throws {
        let demand = "project_id,skill,hours_per_week,start,end\napollo,swift,10,2027-01-01,2027-02-28\n"
        try withDataset(files(manifest("2027-01-06", "2027-01-14"), staff: "alice,100,40,swift:3,,\n", demand: demand))
        { d in
            let i = try d.instance()
            #expect(i.cells.map(\.requested) == [6, 8])
            #expect(i.lines.first?.window == DayRange(day("2027-01-06"), day("2027-01-14")))
        }
    }

    /// Month periods: 2027-01-15 .. 2027-03-10, 10 h/week (2 h/day), working days 11, 20, 8
    /// (no holiday here): 22, 40, 16.
    @Test func perWeekCellsByMonth() throws {
        try withDataset(files(manifest("2027-01-15", "2027-03-10", period: "month"), staff: "alice,100,40,swift:3,,\n"))
        { d in
            let i = try d.instance()
            #expect(i.cells.map(\.requested) == [22, 40, 16])
            #expect(i.cells.map(\.name) == ["apollo,swift,2027-01", "apollo,swift,2027-02", "apollo,swift,2027-03"])
        }
    }

    // MARK: - The tiny dataset (datasets/tiny/README.md)

    /// Horizon 2027-01-04 .. 01-17, holiday Wednesday 01-06: W01 4 working days, W02 5.
    /// alice 40 h: 32, 40. bob 20 h (4 h/day): 16, 20. carol 40 h, absent 01-11 .. 01-15: 32, 0.
    /// Cells: apollo swift 30 h/week -> 24, 30; apollo qa total 12 over W01 only;
    /// hermes swift 20 h/week -> 16, 20; hermes sql total 20 over W01, W02; zeus qa 20 h/week -> 16, 20.
    @Test func tinyDataset() throws {
        let folder = packageRoot.appendingPathComponent("datasets/tiny").path
        guard case .success(let portfolio) = try Dataset.load(from: folder).validate() else {
            Issue.record("datasets/tiny does not validate")
            return
        }
        let i = Instance(portfolio)
        #expect(i.workingDays == [4, 5])
        #expect(i.staff.map(\.id.rawValue) == ["alice", "bob", "carol"])
        #expect(i.capacity == [[32, 40], [16, 20], [32, 0]])
        #expect(
            i.cells.map(\.name) == [
                "apollo,swift,2027-W01", "apollo,swift,2027-W02", "apollo,qa,total",
                "hermes,swift,2027-W01", "hermes,swift,2027-W02", "hermes,sql,total",
                "zeus,qa,2027-W01", "zeus,qa,2027-W02",
            ])
        #expect(i.cells.map(\.requested) == [24, 30, 12, 16, 20, 20, 16, 20])
        #expect(i.cells.map(\.periods) == [[0], [1], [0], [0], [1], [0, 1], [0], [1]])
        #expect(i.priorities == [1, 2, 3])
    }
}
