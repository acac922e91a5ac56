import Foundation
import Testing

/// --progress reports the model's build before the first stage: a large model
/// takes a while to build, and a terminal should not sit silent meanwhile.
@Suite struct BuildProgressTests {
    @Test func theBuildIsReportedBeforeTheStages() throws {
        let out = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try CLITests.allot("plan", "datasets/tiny", "--out", out + "/plan", "--progress", "jsonl")
        #expect(r.status == 0)
        let events = r.stderr.split(separator: "\n").filter { $0.hasPrefix("{\"event\"") }
        let builds = events.prefix { $0.contains("\"event\":\"build\"") }
        #expect(builds.count == 3, "\(r.stderr)")
        // tiny, by hand: alice 2 + 2 + 2 (apollo swift, hermes swift, hermes sql over 2 weeks), bob 1 + 2
        // (apollo qa's one-week window, zeus qa), carol 1 + 1 + 1 (on leave in week 2) = 12 hours columns.
        #expect(builds.first?.contains("about 12 hours columns; building the calendar") == true)
        #expect(builds.dropFirst().first?.contains("2 periods, 8 demand cells") == true)
        #expect(builds.last?.contains("built, 12 hours columns") == true)
        #expect(events.dropFirst(3).first?.contains("\"event\":\"start\"") == true)
        // The shaping stage closes the solve, with a start and an end like the others.
        #expect(events.suffix(2).map { $0.contains("\"stage\":\"shaping\"") } == [true, true], "\(r.stderr)")
        #expect(events.last?.contains("\"event\":\"end\"") == true)
        // Not asked for and stderr not a terminal: no progress at all.
        let quiet = try CLITests.allot("plan", "datasets/tiny", "--out", out + "/quiet")
        #expect(!quiet.stderr.contains("model"))
    }
}
