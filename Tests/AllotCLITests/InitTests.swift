import Foundation
import Testing

@testable import AllotCore

/// `allot init`: the starter dataset validates and plans as written, and its plan is the one worked out below.
@Suite(.serialized) struct InitTests {
    static func summary(_ folder: String) throws -> [String: Any] {
        let data = try #require(FileManager.default.contents(atPath: folder + "/summary.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func staffed(_ summary: [String: Any]) -> [Int: (demanded: Double, staffed: Double)] {
        var result: [Int: (Double, Double)] = [:]
        for p in summary["priorities"] as? [[String: Any]] ?? [] {
            let demanded = (p["demanded"] as! NSNumber).doubleValue, staffed = (p["staffed"] as! NSNumber).doubleValue
            result[p["priority"] as! Int] = (demanded, staffed)
        }
        return result
    }

    static func totalCost(_ summary: [String: Any]) -> Double {
        ((summary["cost"] as? [String: Any])?["total"] as? NSNumber)?.doubleValue ?? -1
    }

    /// The starter plan, by hand. Horizon 2027-01-04..17: W01 has 4 working days (6 January is a holiday),
    /// W02 has 5. A day gets a fifth of the weekly hours. Ben is on leave all of W02.
    ///
    /// Demand (hours W01 + W02):
    ///   P1 portal    backend L3 30/w: 24 + 30 = 54   (ana 90, dev 100)
    ///                frontend L3 20/w: 16 + 20 = 36  (ben 75, chloe 80, fatima 110)
    ///   P2 billing   sql L4 total 40                 (dev 100 only)
    ///                backend 10/w: 8 + 10 = 18       (ben 75, ana 90, dev 100)
    ///   P3 intranet  design L4 10/w: 8 + 10 = 18     (fatima 110 only)
    ///                qa total 20                     (emil 60 only)
    /// Capacity is ample everywhere, so P1 (90 h) and P3 (38 h) are fully staffed; billing's budget of 5000 binds.
    /// P2's most hours for 5000 buy the cheapest hours first: backend W01 by ben 8 x 75 = 600, backend W02
    /// by ana (ben is away) 10 x 90 = 900, then sql at 100: (5000 - 1500) / 100 = 35 of 40 h. P2 staffs
    /// 18 + 35 = 53 of 58 h, 5 h unmet for the budget.
    /// Least cost with those hours held, every hour at its cheapest eligible rate (capacities suffice: ana
    /// 24 of 32 in W01 and 30 + 10 = 40 of 40 in W02; ben 16 + 8 of 32 in W01; chloe 20 of 20 in W02):
    ///   ana 54 x 90 = 4860 + 10 x 90 = 900; ben 16 x 75 = 1200 + 8 x 75 = 600; chloe 20 x 80 = 1600;
    ///   dev 35 x 100 = 3500; fatima 18 x 110 = 1980; emil 20 x 60 = 1200.   Total 15840.
    /// Scenario more-billing-budget (5500): all 58 P2 hours, 600 + 900 + 40 x 100 = 5500; total 15840 + 500.
    @Test func initWritesAStarterDatasetThatPlansAsWorkedOutByHand() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let starter = dir + "/starter"
        let made = try CLITests.allot("init", starter)
        #expect(made.status == 0, "\(made.stderr)")
        let files = ["allot.yaml", "staff.csv", "projects.csv", "demand.csv", "leave.csv", "holidays.csv", "README.md"]
        for file in files {
            #expect(FileManager.default.fileExists(atPath: "\(starter)/\(file)"), "\(file)")
        }
        // What to edit first, in order, then the two commands.
        let steps = [
            "\(starter)/staff.csv", "\(starter)/projects.csv", "\(starter)/demand.csv",
            "allot validate \(starter)", "allot plan \(starter)",
        ]
        let positions = steps.map { made.stdout.range(of: $0)?.lowerBound }
        #expect(!positions.contains(nil), "\(made.stdout)")
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "\(made.stdout)")

        // "Every key commented": each key validation knows is written out in allot.yaml.
        let manifest = try String(contentsOfFile: starter + "/allot.yaml", encoding: .utf8)
        for (parent, keys) in Validator.manifestKeys where !parent.hasPrefix("scenarios") {
            for key in keys {
                let path = parent.isEmpty ? key : parent + "." + key
                let indent = String(repeating: " ", count: 2 * path.split(separator: ".").count - 2)
                #expect(manifest.contains("\n\(indent)\(key):"), "allot.yaml has no \(path)")
            }
        }

        let valid = try CLITests.allot("validate", starter)
        #expect(valid.status == 0, "\(valid.stdout)")
        #expect(valid.stdout.contains("valid (6 people, 3 projects, 6 demand lines; 0 warnings)"), "\(valid.stdout)")

        let plan = try CLITests.allot("plan", starter, "--out", dir + "/plan")
        #expect(plan.status == 0, "\(plan.stderr)")
        let summary = try Self.summary(dir + "/plan")
        let byPriority = Self.staffed(summary)
        let expected: [Int: (Double, Double)] = [1: (90, 90), 2: (58, 53), 3: (38, 38)]
        #expect(byPriority.count == 3)
        for (p, (demanded, staffed)) in expected {
            #expect(abs((byPriority[p]?.demanded ?? -1) - demanded) < 0.01, "P\(p) demanded")
            #expect(abs((byPriority[p]?.staffed ?? -1) - staffed) < 0.01, "P\(p) staffed")
        }
        #expect(abs(Self.totalCost(summary) - 15840) < 0.01, "cost \(Self.totalCost(summary))")
        let conflicts = try String(contentsOfFile: dir + "/plan/conflicts.csv", encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(conflicts.count == 1)
        let expectedConflict = ["unmet-demand", "billing", "", "sql", "", "5", "budget"]
        #expect(conflicts.first.map { $0.prefix(7).map(String.init) } == expectedConflict)

        let more = try CLITests.allot("plan", starter, "--scenario", "more-billing-budget", "--out", dir + "/more")
        #expect(more.status == 0, "\(more.stderr)")
        let moreSummary = try Self.summary(dir + "/more")
        #expect(abs((Self.staffed(moreSummary)[2]?.staffed ?? -1) - 58) < 0.01)
        #expect(abs(Self.totalCost(moreSummary) - 16340) < 0.01, "cost \(Self.totalCost(moreSummary))")
    }

    /// The starter has what it promises: a part-timer, a default-hours person, leave, a holiday, a budget,
    /// both kinds of demand line, min_level, and comments in allot.yaml.
    @Test func starterShowsEachFeatureOnce() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLITests.allot("init", dir + "/s").status == 0)
        func rows(_ file: String) throws -> [[String]] {
            try String(contentsOfFile: "\(dir)/s/\(file)", encoding: .utf8).split(separator: "\n").dropFirst()
                .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        }
        let staff = try rows("staff.csv")
        #expect((6...8).contains(staff.count))
        #expect(staff.allSatisfy { $0[2].contains("@") && !$0[5].isEmpty })
        #expect(staff.contains { Double($0[4]).map { $0 < 40 } ?? false }, "a part-timer")
        #expect(staff.contains { $0[4].isEmpty }, "someone with the default hours")
        let projects = try rows("projects.csv")
        #expect(projects.count == 3 && projects.filter { !$0[5].isEmpty }.count == 1)
        let demand = try rows("demand.csv")
        #expect(demand.contains { !$0[4].isEmpty }, "a total_hours line")
        #expect(demand.contains { !$0[3].isEmpty }, "an hours_per_week line")
        #expect(demand.contains { !$0[2].isEmpty }, "a min_level")
        #expect(try rows("leave.csv").count == 1 && rows("holidays.csv").count == 1)
        let manifest = try String(contentsOfFile: dir + "/s/allot.yaml", encoding: .utf8)
        let keys = [
            "horizon:", "period:", "currency:", "overtime:", "max_percent:", "premium:",
            "max_projects_per_person:", "min_hours_per_assignment:", "stability:", "objective:",
            "time_limit_s:", "mip_gap:", "scenarios:",
        ]
        for key in keys {
            let line = manifest.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(key) }
            #expect(line?.contains("#") == true, "\(key) has a comment")
        }
        let readme = try String(contentsOfFile: dir + "/s/README.md", encoding: .utf8)
        let columns = ["cost_per_hour", "skills", "priority", "budget", "min_level", "total_hours", "staff_id", "date"]
        for column in columns {
            #expect(readme.contains("  \(column) "), "README explains \(column)")
        }
    }

    @Test func initRefusesAFolderThatIsNotEmpty() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "mine\n".write(toFile: dir + "/notes.txt", atomically: true, encoding: .utf8)
        let r = try CLITests.allot("init", dir)
        #expect(r.status == 73)
        // The example is a free name beside it, not the folder that failed.
        #expect(
            r.stderr == "error: \(dir) is not empty (it holds notes.txt); give a new or empty folder, "
                + "e.g. allot init \(dir)-2\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["notes.txt"])
        #expect(try String(contentsOfFile: dir + "/notes.txt", encoding: .utf8) == "mine\n")
        // A folder holding only hidden entries (a fresh git repository) is empty enough.
        try FileManager.default.createDirectory(atPath: dir + "/repo/.git", withIntermediateDirectories: true)
        #expect(try CLITests.allot("init", dir + "/repo").status == 0)
        // A file where the folder should be: 73 as well.
        #expect(try CLITests.allot("init", dir + "/notes.txt").status == 73)
    }
}
