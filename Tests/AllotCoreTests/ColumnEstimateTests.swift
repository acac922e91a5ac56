import Foundation
import GLPK
import Testing

@testable import AllotCore

/// `ColumnEstimate.columns` counts, from the portfolio, exactly the columns
/// `Planner.estimatedColumns` counts from the expanded calendar, and does it
/// fast enough to refuse a horizon of centuries at once.
@Suite struct ColumnEstimateTests {
    static func portfolio(_ files: [String: String]) throws -> Portfolio? {
        let path = try PlanFixture.folder(files)
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard case .success(let p) = try Dataset.load(from: path).validate() else { return nil }
        return p
    }

    static func fromCalendar(_ p: Portfolio) -> Int { Planner.estimatedColumns(Instance(p)) }

    @Test func theSampleDatasetsAgree() throws {
        for name in ["acme", "policies", "tiny"] {
            let path = packageRoot.appendingPathComponent("datasets/\(name)").path
            guard case .success(let p) = try Dataset.load(from: path).validate() else {
                Issue.record("datasets/\(name) should be valid")
                continue
            }
            #expect(ColumnEstimate.columns(p) == Self.fromCalendar(p), "\(name)")
        }
    }

    /// The random portfolios of RandomPortfolioTests: leave at 0 h or part time, holidays, windows,
    /// employment dates, weeks and months.
    @Test func randomPortfoliosAgree() throws {
        var compared = 0
        for seed in RandomPortfolioTests.seeds {
            guard let p = try Self.portfolio(RandomPortfolioTests.files(seed: seed)) else { continue }
            #expect(ColumnEstimate.columns(p) == Self.fromCalendar(p), "seed \(seed)")
            compared += 1
        }
        #expect(compared > 100)
    }

    /// Harder calendars than the random ones: overlapping leave (0 h beside part time), people with 0
    /// usual hours and leave rows above it, holidays on weekends and on every weekday of a week,
    /// windows of one day, and a horizon starting on a Sunday.
    @Test(arguments: Array(UInt64(1)...60))
    func awkwardCalendarsAgree(seed: UInt64) throws {
        var g = RandomPortfolioTests.Generator(state: seed &* 0x9E37_79B9 &+ 7)
        let start = day("2027-01-03").advanced(by: g.int(0...6))  // a Sunday, then any weekday
        let end = start.advanced(by: g.int(0...70))
        let manifest = "horizon: {start: \(start), end: \(end), period: \(g.chance(40) ? "month" : "week")}\n"
        var staff = "id,cost_per_hour,hours_per_week,skills,start,end\n"
        for s in 0..<4 {
            let hours = g.pick(["", "0", "8", "40"])
            let from = g.chance(30) ? start.advanced(by: g.int(-5...40)).description : ""
            let to = g.chance(30) ? start.advanced(by: g.int(0...80)).description : ""
            staff += "p\(s),50,\(hours),a:\(g.int(1...5));b:\(g.int(1...5)),\(from),\(to)\n"
        }
        let projects = "id,priority,start,end,budget\nj,1,,,\n"
        var demand = "project_id,skill,min_level,hours_per_week,total_hours,start,end\n"
        for _ in 0..<g.int(1...5) {
            let from = start.advanced(by: g.int(0...40)), to = from.advanced(by: g.int(0...30))
            let amount = g.chance(50) ? "\(g.int(1...40))," : ",\(g.int(1...100))"
            demand += "j,\(g.pick(["a", "b"])),\(g.int(1...4)),\(amount),\(from),\(to)\n"
        }
        var leave = "staff_id,start,end,hours_per_week\n"
        for _ in 0..<g.int(0...6) {
            let from = start.advanced(by: g.int(-3...60))
            leave += "p\(g.int(0...3)),\(from),\(from.advanced(by: g.int(0...20))),\(g.pick(["", "0", "4", "60"]))\n"
        }
        var holidays = "date,name\n"
        var dates = Set<Day>()
        if g.chance(30) {
            let monday = start.advanced(by: 7 - start.weekday)
            for k in 0..<5 { dates.insert(monday.advanced(by: k)) }
        }
        for _ in 0..<g.int(0...6) { dates.insert(start.advanced(by: g.int(0...70))) }
        for d in dates.sorted() { holidays += "\(d),h\n" }
        let files = [
            "allot.yaml": manifest, "staff.csv": staff, "projects.csv": projects, "demand.csv": demand,
            "leave.csv": leave, "holidays.csv": holidays,
        ]
        guard let p = try Self.portfolio(files) else { return }
        #expect(ColumnEstimate.columns(p) == Self.fromCalendar(p), "\(files)")
    }

    /// One week, one person, one line: counted by hand.
    @Test func aWeekByHand() throws {
        let files = [
            "allot.yaml": "horizon: {start: 2027-01-04, end: 2027-01-17, period: week}\n",
            "staff.csv": "id,cost_per_hour,skills\nann,50,a:3\nbob,50,a:1\n",
            "projects.csv": "id,priority\nj,1\n",
            // Two weeks x ann (bob is below level 2); the total line: 2 periods x 2 people.
            "demand.csv": "project_id,skill,min_level,hours_per_week,total_hours\nj,a,2,10,\nj,a,,,30\n",
            // bob is away all of week 2 (0 h): his total-hours column there goes: 2 + 4 - 1 = 5.
            "leave.csv": "staff_id,start,end\nbob,2027-01-11,2027-01-15\n",
        ]
        let p = try #require(try Self.portfolio(files))
        #expect(ColumnEstimate.columns(p) == 5)
        #expect(Self.fromCalendar(p) == 5)
    }

    /// datasets/tiny over 0001-01-01 to 9999-12-31: 521,723 weeks (3,652,059 days = 7 x 521,722 + 5,
    /// from a Monday). alice: apollo swift, hermes swift, hermes sql every week = 3W; bob: apollo qa
    /// (its window is one week) + zeus qa = W + 1; carol: apollo qa 1 + hermes sql and zeus qa every
    /// week but 2027-W02 (on leave, 0 h) = 2W - 1. In all 6W = 3,130,338 columns.
    @Test func aHorizonOfCenturiesIsRefusedAtOnce() throws {
        let tiny = packageRoot.appendingPathComponent("datasets/tiny").path
        var dataset = try Dataset.load(from: tiny)
        let yaml = try String(contentsOfFile: tiny + "/allot.yaml", encoding: .utf8)
            .replacingOccurrences(of: "start: 2027-01-04, end: 2027-01-17", with: "start: 0001-01-01, end: 9999-12-31")
        dataset.manifest = try ManifestNode.parse(yaml, file: "allot.yaml").get()
        guard case .success(let portfolio) = dataset.validate() else {
            Issue.record("the long horizon should validate (with a warning)")
            return
        }
        // The default limit (3,000,000) refuses it, before the calendar is
        // expanded (1.4 s in a debug build on a loaded machine, against minutes
        // before the count moved ahead of the calendar; timed in no test).
        let error = #expect(throws: ModelTooLargeError.self) {
            try Planner.plan(portfolio, options: Planner.Options(solver: GLPKSolver()))
        }
        #expect(error?.columns == 3_130_338)
        // 3,130,338 x 600 bytes = 1,878 MB, "1.9 GB".
        #expect(error?.description.contains("about 3,130,338 hours columns (about 1.9 GB of memory)") == true)
    }
}
