import Foundation
import Testing

/// `allot suggest-hires` end to end: the built binary on datasets/acme, its printed scenarios pasted into a
/// copy of the dataset and compared.
@Suite(.serialized) struct SuggestHiresCLITests {
    static func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    }

    static func number(_ any: Any?) -> Double { (any as? NSNumber)?.doubleValue ?? .nan }

    /// Per priority, staffed hours: from summary.json's or compare.json's `priorities`.
    static func staffed(_ priorities: Any?) -> [Int: Double] {
        Dictionary(
            uniqueKeysWithValues: (priorities as! [[String: Any]]).map {
                ($0["priority"] as! Int, number($0["staffed"]))
            })
    }

    /// acme's P1 unmet hours a hire could staff are erp-s4's sap (level 3) and mobile-app's swift.
    /// erp-s4 lacks 6 h of sap in each of 2027-W01 to W04 (heike.vogel, the only SAP person then, is
    /// booked 40 h + 10 % overtime): the first profile is sap at level 3, 6 h/week from 2027-01-04 to
    /// 2027-01-31, at the median rate of heike (135) and rajesh (110): 122.5. Checked: P1 gains 4 x 6 = 24 h;
    /// the hire's own 10 % overtime, 0.6 h a week, staffs crm-integration's unmet sap (P3): 2.4 h. Cost:
    /// 26.4 h x 122.5 = 3,234 plus the overtime premium 2.4 x 0.5 x 122.5 = 147: +3,381.
    /// The printed scenarios, pasted under scenarios: of a copy of acme, give compare the same gains.
    @Test func acmeSuggestionsReproduceInCompare() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try CLITests.allot("suggest-hires", "datasets/acme", "--out", dir + "/suggestions.json", "--jobs", "2")
        #expect(r.status == 0, "\(r.stderr)")
        let file = try Self.json(String(contentsOfFile: dir + "/suggestions.json", encoding: .utf8))
        #expect(file["priorities"] as? [Int] == [1])
        #expect(file["checked_alone"] as? Bool == true)
        let suggestions = file["suggestions"] as! [[String: Any]]
        try #require(!suggestions.isEmpty)
        let sap = try #require(suggestions.first { $0["scenario"] as? String == "hire-sap-2027-W01" })
        #expect(sap["skill"] as? String == "sap" && sap["level"] as? Int == 3)
        #expect(Self.number(sap["hours_per_week"]) == 6 && Self.number(sap["cost_per_hour"]) == 122.5)
        #expect(sap["start"] as? String == "2027-01-04" && sap["end"] as? String == "2027-01-31")
        let gains = Dictionary(
            uniqueKeysWithValues: (sap["gains"] as! [[String: Any]]).map {
                ($0["priority"] as! Int, Self.number($0["hours"]))
            })
        #expect(abs(gains[1]! - 24) < 0.01 && abs(gains[2]!) < 0.01 && abs(gains[3]! - 2.4) < 0.01)
        #expect(abs(gains[4]!) < 0.01)
        #expect(abs(Self.number(sap["cost_delta"]) - 3381) < 0.01)
        // heike.vogel is the only SAP person in those weeks: one more hour of her in each of the four would
        // staff one more P1 hour each (summary.json's by_skill, stage priority-1): 4.
        let sizedFrom = sap["sized_from"] as! [String: Any]
        #expect(Self.number(sizedFrom["marginal_value"]) == 4 && Self.number(sizedFrom["unmet_hours"]) == 24)
        // Every suggestion gained, and the table and the file say the same.
        for s in suggestions {
            #expect(Self.number(s["gained_hours"]) > 0)
            #expect(r.stdout.contains(s["yaml"] as! String))
        }

        // Paste what was printed under acme's scenarios: (its last key) and compare.
        let marker = "shows the same gains and costs:\n\n"
        let printed = try #require(r.stdout.range(of: marker)).upperBound
        let yaml = String(r.stdout[printed...])
        #expect(yaml.hasPrefix("  - name: "))
        let copy = dir + "/acme"
        try FileManager.default.copyItem(
            atPath: CLITests.root.appendingPathComponent("datasets/acme").path, toPath: copy)
        let manifest = try String(contentsOfFile: copy + "/allot.yaml", encoding: .utf8)
        try (manifest + yaml).write(toFile: copy + "/allot.yaml", atomically: true, encoding: .utf8)
        let names = suggestions.map { $0["scenario"] as! String }
        let c = try CLITests.allot(
            "compare", copy, "--scenarios", names.joined(separator: ","), "--format", "json", "--out", dir + "/cmp")
        #expect(c.status == 0, "\(c.stderr)")
        let compare = try Self.json(c.stdout)
        let base = Self.staffed((compare["base"] as! [String: Any])["priorities"])
        let scenarios = compare["scenarios"] as! [[String: Any]]
        #expect(scenarios.map { $0["name"] as! String } == names)
        for (s, compared) in zip(suggestions, scenarios) {
            let staffed = Self.staffed(compared["priorities"])
            for g in s["gains"] as! [[String: Any]] {
                let p = g["priority"] as! Int
                let name = s["scenario"] as! String
                #expect(abs(staffed[p]! - base[p]! - Self.number(g["hours"])) < 0.015, "\(name) P\(p)")
            }
            #expect(abs(Self.number(compared["cost_delta"]) - Self.number(s["cost_delta"])) < 0.015)
        }
    }

    @Test func exitCodes() throws {
        #expect(try CLITests.allot("suggest-hires", "datasets/acme", "--priority", "0").status == 64)
        #expect(try CLITests.allot("suggest-hires", "datasets/acme", "--max", "0").status == 64)
        #expect(try CLITests.allot("suggest-hires", "datasets/acme", "--cost-per-hour", "-5").status == 64)
        // staff.csv's range: 0.001 was written as a free hire (cost_per_hour: 0), 1e308 failed as a scenario.
        for rate in ["0.001", "2000000", "1e308"] {
            let r = try CLITests.allot("suggest-hires", "datasets/tiny", "--cost-per-hour", rate)
            #expect(r.status == 64, "\(rate)")
            #expect(r.stderr.contains("0, or a number from 0.01 to 1,000,000, as in staff.csv"), "\(r.stderr)")
        }
        #expect(try CLITests.allot("suggest-hires", "datasets/none").status == 66)
        // acme's demand has priorities 1 to 4: 9 is a mistyped option (it answered "no demand", exit 0).
        let nine = try CLITests.allot("suggest-hires", "datasets/acme", "--priority", "9")
        #expect(nine.status == 64 && nine.stdout.isEmpty)
        #expect(nine.stderr.contains("its demand has priorities 1, 2, 3, 4"), "\(nine.stderr)")
        let help = try CLITests.allot("suggest-hires", "--help")
        #expect(help.status == 0 && help.stdout.contains("allot suggest-hires datasets/acme"))
    }

    /// The command to paste is quoted for the shell: for a dataset folder named with a space it printed
    /// `allot compare Other Name --scenarios ...`, which a shell runs as two arguments. Pasted as printed
    /// (scenarios under scenarios:, the command through /bin/sh), it compares.
    @Test func thePrintedCommandRunsAsPrinted() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let copy = dir + "/Other Name ü"
        try FileManager.default.copyItem(
            atPath: CLITests.root.appendingPathComponent("datasets/tiny").path, toPath: copy)
        let r = try CLITests.run(
            "/bin/sh", ["-c", "cd \"$0\" && exec \"$1\" suggest-hires 'Other Name ü'", dir, CLITests.binary])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let command = try #require(lines.first { $0.hasPrefix("  allot compare ") })
        #expect(command.hasPrefix("  allot compare 'Other Name ü' --scenarios hire-"), "\(command)")
        let yaml = String(try #require(r.stdout.components(separatedBy: "shows the same gains and costs:\n\n").last))
        let manifest = try String(contentsOfFile: copy + "/allot.yaml", encoding: .utf8)
        try manifest.replacingOccurrences(of: "scenarios: []", with: "scenarios:").appending(yaml)
            .write(toFile: copy + "/allot.yaml", atomically: true, encoding: .utf8)
        let pasted = command.dropFirst("  allot ".count) + " --out cmp"
        let c = try CLITests.run("/bin/sh", ["-c", "cd \"$0\" && exec \"$1\" \(pasted)", dir, CLITests.binary])
        #expect(c.status == 0, "\(c.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/cmp/compare.json"))
    }

    /// --out into a missing folder cannot be written: exit 73.
    @Test func unwritableOut() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try CLITests.allot("suggest-hires", "datasets/tiny", "--out", dir + "/missing/s.json", "--jobs", "1")
        #expect(r.status == 73, "\(r.stderr)")
    }
}
