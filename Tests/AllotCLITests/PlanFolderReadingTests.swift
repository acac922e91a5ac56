import Foundation
import Testing

/// `allot export` on a plan folder whose plan.json was damaged: it stops with
/// exit code 66 and names the file, line, column and field, and writes nothing.
@Suite(.serialized) struct PlanFolderReadingTests {
    @Test func aMissingFieldIsNamedNotReadAsZero() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let planDir = try ExportTests.plan("datasets/tiny", into: dir)
        let path = planDir + "/plan.json"
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        // The first assignment opens on the line after `"assignments": [`;
        // remove its `"hours"` line.
        let list = try #require(lines.firstIndex(of: "  \"assignments\": ["))
        let hours = try #require(lines[list...].firstIndex { $0.hasPrefix("      \"hours\": ") })
        lines.remove(at: hours)
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)

        let out = dir + "/export.jsonl"
        let r = try ExportTests.export(planDir, "jsonl", ["--out", out])
        #expect(r.status == 66, "\(r.stderr)")
        // Line numbers are 1-based: the object's "{" is on line list + 2, column 5.
        let expected = "\(path):\(list + 2):5: assignments[0]: missing field hours (a number)"
        #expect(r.stderr.contains(expected), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func aWrongTypeIsNamed() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let planDir = try ExportTests.plan("datasets/tiny", into: dir)
        let path = planDir + "/plan.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // The first person's rate as a string: "cost_per_hour": "100".
        let changed = text.replacingOccurrences(of: "\"cost_per_hour\": 100,\n", with: "\"cost_per_hour\": \"100\",\n")
        #expect(changed != text)
        try changed.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try ExportTests.export(planDir, "mspdi")
        #expect(r.status == 66, "\(r.stderr)")
        #expect(r.stderr.contains(": staff[0].cost_per_hour: expected a number, found \"100\""), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }
}
