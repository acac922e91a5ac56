import Foundation
import Testing

/// Debian's chromium, or nil when it is not installed.
let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
    FileManager.default.isExecutableFile(atPath: $0)
}

/// `allot report` as people use it: the page opened in a real headless
/// browser (Debian's chromium, which `make test` installs). The tests are
/// skipped only when no chromium is installed.
@Suite(.serialized, .enabled(if: chromium != nil, "chromium is not installed (make testdeps)"))
struct ReportBrowserTests {

    struct Browser {
        var status: Int32
        var stdout: String
        /// Lines chromium logged for the page's console (`:CONSOLE`): script errors, failed loads.
        var console: [String]
    }

    /// Runs headless chromium on a file with `arguments` (--dump-dom, --print-to-pdf=...), stderr
    /// to a file (chromium logs a lot there), at most 120 s. `--no-sandbox`: the tests may run as root.
    static func browse(_ file: String, _ arguments: String...) throws -> Browser {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString).log")
        try Data().write(to: log)
        defer { try? FileManager.default.removeItem(at: log) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments =
            ["120", chromium!, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0"]
            + arguments + [URL(fileURLWithPath: file).absoluteString]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let logged = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return Browser(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            console: logged.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") })
    }

    /// The heatmap cells of a dumped page: each row's person (`data-staff`), each column's period
    /// (`data-period` in the header), and per cell the hours, capacity and the text shown.
    static func cells(_ dom: String) throws -> [(
        staff: String, period: String, hours: Double, capacity: Double, text: String
    )] {
        func matches(_ pattern: String, _ text: String) throws -> [[String]] {
            let ns = text as NSString
            return try NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
                .matches(in: text, range: NSRange(location: 0, length: ns.length))
                .map { m in (1..<m.numberOfRanges).map { ns.substring(with: m.range(at: $0)) } }
        }
        let heat = dom.components(separatedBy: "<table class=\"heat\" id=\"heat\">")[1]
            .components(separatedBy: "</table>")[0]
        let periods = try matches("<th data-period=\"([^\"]+)\"", heat).map { $0[0] }
        var out: [(staff: String, period: String, hours: Double, capacity: Double, text: String)] = []
        for row in try matches("<tr data-staff=\"([^\"]+)\">(.*?)</tr>", heat) {
            let cells = try matches(
                "<td class=\"c [^\"]*\" data-hours=\"([^\"]+)\" data-capacity=\"([^\"]+)\"[^>]*>([0-9]*)", row[1])
            for (t, c) in cells.enumerated() {
                out.append(
                    (row[0], t < periods.count ? periods[t] : "beyond the header", Double(c[0])!, Double(c[1])!, c[2]))
            }
        }
        return out
    }

    @Test func acmeReportLoadsMatchesSummaryAndPrints() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLITests.allot("plan", "datasets/acme", "--out", dir + "/acme").status == 0)
        let written = try CLITests.allot("report", dir + "/acme")
        #expect(written.status == 0, "\(written.stderr)")
        let page = dir + "/acme/report.html"
        let dom = try Self.browse(page, "--dump-dom")
        #expect(dom.status == 0)
        #expect(dom.console.isEmpty, "console: \(dom.console)")
        // Nothing is fetched: no script, no external source.
        #expect(!dom.stdout.contains("<script") && !dom.stdout.contains("src=\"http"))

        let summary =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: dir + "/acme/summary.json"))) as! [String: Any]
        let plan =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: dir + "/acme/plan.json"))) as! [String: Any]
        let people = (plan["staff"] as! [[String: Any]]).map { $0["id"] as! String }
        let periods = (plan["periods"] as! [[String: Any]]).map { $0["period"] as! String }
        let cells = try Self.cells(dom.stdout)
        // One cell per person and period, each once.
        #expect(cells.count == people.count * periods.count)
        #expect(Set(cells.map { "\($0.staff)|\($0.period)" }).count == people.count * periods.count)
        // The numbers are summary.json's utilization (0 where it has no row), and the text is the load.
        var utilization: [String: (hours: Double, capacity: Double)] = [:]
        for u in summary["utilization"] as! [[String: Any]] {
            let key = "\(u["staff_id"] as! String)|\(u["period"] as! String)"
            utilization[key] = ((u["hours"] as! NSNumber).doubleValue, (u["capacity"] as! NSNumber).doubleValue)
        }
        var mismatches: [String] = []
        for c in cells {
            let expected = utilization["\(c.staff)|\(c.period)"] ?? (0, 0)
            let load = expected.capacity > 0 ? String(Int((100 * expected.hours / expected.capacity).rounded())) : ""
            if c.hours != expected.hours || c.capacity != expected.capacity || c.text != load {
                mismatches.append("\(c.staff) \(c.period): \(c.hours)/\(c.capacity) '\(c.text)'")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        // The total in the footer: summary.json's hours over capacity.
        let hours = utilization.values.reduce(0) { $0 + $1.hours }
        #expect(abs(hours - cells.reduce(0) { $0 + $1.hours }) < 0.05)

        // It prints: a PDF with pages.
        let pdf = dir + "/acme.pdf"
        let printed = try Self.browse(page, "--no-pdf-header-footer", "--print-to-pdf=\(pdf)")
        #expect(printed.status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: pdf))
        #expect(bytes.starts(with: Array("%PDF".utf8)))
        #expect(String(decoding: bytes, as: UTF8.self).components(separatedBy: "/Type /Page\n").count > 2)
    }

    @Test func compareReportLoadsWithEveryScenario() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let compared = try CLITests.allot(
            "compare", "datasets/acme", "--scenarios", "heike-leaves,budget-cut", "--out", dir + "/cmp")
        #expect(compared.status == 0)
        #expect(try CLITests.allot("report", dir + "/cmp", "--out", dir + "/cmp.html").status == 0)
        let dom = try Self.browse(dir + "/cmp.html", "--dump-dom")
        #expect(dom.status == 0)
        #expect(dom.console.isEmpty, "console: \(dom.console)")
        for name in ["heike-leaves", "budget-cut"] { #expect(dom.stdout.contains("id=\"scenario-\(name)\"")) }
        // Each scenario's description from the manifest, and the cost beside the work that stopped.
        #expect(dom.stdout.contains("Heike Vogel, the senior SAP consultant, leaves on 1 April"))
        #expect(dom.stdout.contains("not a saving"))
        // A compare run into the same folder still works: report.html is allot's.
        #expect(try CLITests.allot("report", dir + "/cmp").status == 0)
        #expect(
            try CLITests.allot("compare", "datasets/acme", "--scenarios", "heike-leaves", "--out", dir + "/cmp").status
                == 0)
        #expect(!FileManager.default.fileExists(atPath: dir + "/cmp/report.html"))
    }

    /// `report --hires` in the browser: the section is there with its numbers (HireTests' dataset: the x
    /// hire gains P1 4 weeks x 10 h = 40 h at 60/h, 2,400), the YAML keeps its lines, and nothing is logged.
    @Test func hiringSuggestionsRender() throws {
        let dir = try ReportCommandTests.hiresDataset()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLITests.allot("suggest-hires", dir + "/ds", "--out", dir + "/s.json").status == 0)
        #expect(try CLITests.allot("plan", dir + "/ds", "--out", dir + "/p").status == 0)
        #expect(try CLITests.allot("report", dir + "/p", "--hires", dir + "/s.json").status == 0)
        let dom = try Self.browse(dir + "/p/report.html", "--dump-dom")
        #expect(dom.status == 0)
        #expect(dom.console.isEmpty, "console: \(dom.console)")
        #expect(dom.stdout.contains("<h2>Hiring suggestions (checked)</h2>"))
        #expect(dom.stdout.contains("<td class=\"n\">+40</td><td class=\"n\">0</td><td class=\"n\">0</td>"))
        #expect(dom.stdout.contains("<td class=\"n\">+2,400</td><td class=\"n\">60</td>"))
        #expect(dom.stdout.contains("  - name: hire-x-2027-W01\n    description: "))
    }
}

/// `allot report`'s command line: defaults, errors and exit codes.
@Suite(.serialized) struct ReportCommandTests {
    /// A folder holding `ds`, HireTests' dataset (in AllotCoreTests): nobody has x, which apollo (P1)
    /// needs at 10 h/week for four weeks.
    static func hiresDataset() throws -> String {
        let dir = try CLITests.temporaryFolder()
        let files = [
            "allot.yaml": "name: hires\nhorizon: {start: 2027-01-04, end: 2027-01-31, period: week}\n"
                + "policies: {overtime: {max_percent: 0, premium: 1.5}}\n",
            "staff.csv": "id,name,email,cost_per_hour,hours_per_week,skills,start,end\nbob,,,50,40,y:3,,\n"
                + "carol,,,70,40,y:2,,\n",
            "projects.csv": "id,name,priority,start,end,budget\napollo,,1,,,\nhermes,,2,,,\nzeus,,3,,,\n",
            "demand.csv": "project_id,skill,min_level,hours_per_week,total_hours,start,end\napollo,x,2,10,,,\n"
                + "hermes,z,,5,,2027-01-18,2027-01-31\nzeus,y,,20,,,\n",
        ]
        try FileManager.default.createDirectory(atPath: dir + "/ds", withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: dir + "/ds/" + name, atomically: true, encoding: .utf8) }
        return dir
    }

    /// --hires: another dataset's suggestions are refused (65), a missing file is 66, a compare folder 64.
    @Test func hiresOfAnotherDatasetIsRefused() throws {
        let dir = try Self.hiresDataset()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLITests.allot("suggest-hires", dir + "/ds", "--out", dir + "/s.json").status == 0)
        #expect(try CLITests.allot("plan", "datasets/tiny", "--out", dir + "/tiny").status == 0)
        let other = try CLITests.allot("report", dir + "/tiny", "--hires", dir + "/s.json")
        #expect(other.status == 65 && other.stderr.contains("a report never mixes two"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/tiny/report.html"))
        let missing = try CLITests.allot("report", dir + "/tiny", "--hires", dir + "/none.json")
        #expect(missing.status == 66 && missing.stderr.contains("none.json: no such file"))
        // A compare folder is one holding compare.json; --hires is refused before it is read.
        try FileManager.default.createDirectory(atPath: dir + "/cmp", withIntermediateDirectories: true)
        try "{}".write(toFile: dir + "/cmp/compare.json", atomically: true, encoding: .utf8)
        let compare = try CLITests.allot("report", dir + "/cmp", "--hires", dir + "/s.json")
        #expect(compare.status == 64 && compare.stderr.contains("--hires is for a plan folder"))
    }

    @Test func defaultIsInsideTheFolderAndPlanStillReplacesIt() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLITests.allot("plan", "datasets/tiny", "--out", dir + "/p").status == 0)
        let r = try CLITests.allot("report", dir + "/p")
        #expect(r.status == 0 && r.stderr.contains("report.html"))
        let first = try String(contentsOfFile: dir + "/p/report.html", encoding: .utf8)
        // Byte-identical on a second run; stdout with --out -.
        #expect(try CLITests.allot("report", dir + "/p").status == 0)
        #expect(try String(contentsOfFile: dir + "/p/report.html", encoding: .utf8) == first)
        #expect(try CLITests.allot("report", dir + "/p", "--out", "-").stdout == first)
        // Planning into the folder again replaces it, report.html included (a stale page goes with its plan).
        #expect(try CLITests.allot("plan", "datasets/tiny", "--out", dir + "/p").status == 0)
        #expect(!FileManager.default.fileExists(atPath: dir + "/p/report.html"))
    }

    @Test func errorsSayWhatIsWrong() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let empty = try CLITests.allot("report", dir)
        #expect(empty.status == 66 && empty.stderr.contains("no plan or comparison here"))
        #expect(try CLITests.allot("plan", "datasets/tiny", "--out", dir + "/p").status == 0)
        let folder = try CLITests.allot("report", dir + "/p", "--out", dir + "/")
        #expect(folder.status == 64 && folder.stderr.contains("is a folder"))
        // A plan written before the report's fields: plan again.
        let path = dir + "/p/plan.json"
        var plan =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        plan.removeValue(forKey: "demand")
        try JSONSerialization.data(withJSONObject: plan).write(to: URL(fileURLWithPath: path))
        let old = try CLITests.allot("report", dir + "/p")
        #expect(old.status == 66 && old.stderr.contains("no demand") && old.stderr.contains("allot plan"))
    }
}
