import AllotCore
import AllotFuzzing
import Foundation
import GLPK
import Testing

/// The bounded fuzzing run of CI: seeded mutants of datasets/ (CSV tables,
/// allot.yaml) and of plan.json files planned from datasets/, fed to the same
/// entry points as `allot-fuzz` and `make fuzz` (docs/fuzzing.md). Each input
/// must end in a value or a diagnostic within the time bound, with resident
/// memory bounded; a crash ends the test process.
@Suite struct FuzzTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let datasets = root + "/datasets"
    /// Mutants per reader: about 10 s per reader in a debug build on one core.
    static let count = 2_000

    static func base() throws -> FuzzBase { try FuzzBase(folder: datasets + "/tiny") }

    /// plan.json of tiny and policies, planned here (the repository holds no plan folder).
    static func planSeeds() throws -> [[UInt8]] {
        try ["tiny", "policies"].map { name in
            guard case .success(let portfolio) = try Dataset.load(from: datasets + "/" + name).validate() else {
                throw CancellationError()
            }
            let run = try Planner.plan(portfolio, options: Planner.Options(solver: GLPKSolver()))
            return Array(run.plan.planJSON().rendered().utf8)
        }
    }

    static func seeds(_ reader: FuzzReader) throws -> [[UInt8]] {
        reader == .plan ? try planSeeds() : FuzzCorpus.seeds(for: reader, under: [datasets])
    }

    @Test(arguments: FuzzReader.allCases)
    func mutantsEndInAValueOrADiagnostic(reader: FuzzReader) throws {
        let seeds = try Self.seeds(reader)
        // datasets/ holds 3 datasets: 3 allot.yaml, 6 + 6 + 5 CSV tables; 2 plans.
        #expect(seeds.count == ["csv": 17, "yaml": 3, "plan": 2][reader.rawValue])
        var campaign = FuzzCampaign(reader: reader, seeds: seeds, base: try Self.base(), seed: 13)
        campaign.hangFile = FileManager.default.temporaryDirectory.path + "/allot-fuzz-hang-\(reader.rawValue).bin"
        let report = campaign.run(count: Self.count)
        #expect(report.inputs == seeds.count + Self.count)
        #expect(report.hangs.isEmpty, "inputs slower than \(campaign.slowSeconds) s: \(report.hangs)")
        // Both ends are reached: the seeds themselves are accepted, most mutants are refused.
        #expect(report.accepted >= seeds.count)
        #expect(report.refused > Self.count / 4)
        // Memory stays flat: 2,000 inputs of at most 64 KiB each may not keep more than a few of them.
        #expect(report.residentPeakMB - report.residentAtStartMB < 200, "\(report)")
    }

    @Test func theSameSeedGivesTheSameInputs() throws {
        let seeds = FuzzCorpus.seeds(for: .yaml, under: [Self.datasets])
        let a = FuzzCampaign(reader: .yaml, seeds: seeds, base: try Self.base(), seed: 7)
        let b = FuzzCampaign(reader: .yaml, seeds: seeds, base: try Self.base(), seed: 7)
        let c = FuzzCampaign(reader: .yaml, seeds: seeds, base: try Self.base(), seed: 8)
        #expect(a.input(at: 50) == b.input(at: 50))
        #expect((0..<5).map { a.input(at: $0) } != (0..<5).map { c.input(at: $0) })
        // Every mutant differs from the seeds for most indices (an edit that changes nothing is rare).
        let unchanged = (0..<100).filter { seeds.contains(a.input(at: $0)) }.count
        #expect(unchanged < 10)
    }

    @Test func mutantsStayWithinTheLengthBound() {
        var g = SeededGenerator(seed: 1)
        let mutator = Mutator(maxLength: 256)
        let seed = Array(repeating: UInt8(ascii: "a"), count: 250)
        for _ in 0..<500 { #expect(mutator.mutate(seed, others: [seed], using: &g).count <= 256) }
    }

    @Test func aCSVInputIsReadAsTheTableItsHeaderNames() {
        func table(_ header: String) -> Table { FuzzReader.table(named: Array(header.utf8)) }
        #expect(table("project_id,skill,min_level,hours_per_week\n") == .demand)
        #expect(table("staff_id,start,end\r\n") == .leave)
        #expect(table("date,name") == .holidays)
        #expect(table("staff_id,project_id,skill,start,end,hours_per_week,locked") == .commitments)
        #expect(table("") == .staff)
    }
}
