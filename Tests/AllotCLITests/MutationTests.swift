import AllotCore
import AllotFuzzing
import Foundation
import Testing

/// Mutants of datasets/acme (one file changed: bytes, lines or cells) through
/// the built binary: `validate`, then `plan` with a short time limit. Each run
/// must end within a time bound with an exit code docs/outputs.md lists for a
/// dataset (0, 65), never a signal or a backtrace. `plan` must refuse what
/// validation of the base refuses; `validate` also checks every scenario
/// (docs/scenarios.md), so it may refuse a dataset whose base `plan` plans.
/// The seed is fixed: the same mutants on every run.
@Suite(.serialized) struct MutationTests {
    static let acme = CLITests.root.appendingPathComponent("datasets/acme").path
    /// About 0.3 s per invalid mutant and 3 to 5 s per valid one (debug build).
    static let mutants = 120
    /// A run longer than this is a hang (plan: 2 s of time limit plus the build, shaping and files).
    static let timeBound = 60.0

    struct Run {
        var status: Int32
        var signalled: Bool
        var seconds: Double
        var stderr: String
    }

    /// Runs the binary with a deadline; the process is killed past it.
    static func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLITests.binary)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        process.environment = env
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("allot-mut-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: err) }
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardOutput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        while process.isRunning && Date().timeIntervalSince(start) < timeBound {
            Thread.sleep(forTimeInterval: 0.02)
        }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
            seconds: Date().timeIntervalSince(start),
            stderr: String(decoding: (try? Data(contentsOf: err)) ?? Data(), as: UTF8.self))
    }

    /// The acme files, in name order.
    static func acmeFiles() throws -> [(name: String, bytes: [UInt8])] {
        try FileManager.default.contentsOfDirectory(atPath: acme).sorted().map { name in
            (name, Array(try Data(contentsOf: URL(fileURLWithPath: acme + "/" + name))))
        }
    }

    /// Records an issue for each way `run` went wrong; false when it did.
    static func check(_ run: Run, _ what: String, allowed: Set<Int32>) -> Bool {
        var fine = true
        func expect(_ ok: Bool, _ message: String) {
            if !ok { Issue.record("\(what): \(message)") }
            fine = fine && ok
        }
        expect(!run.signalled, "ended by signal \(run.status)\n\(run.stderr)")
        expect(run.seconds < timeBound, "still running after \(timeBound) s")
        expect(allowed.contains(run.status), "exit \(run.status), expected one of \(allowed.sorted())\n\(run.stderr)")
        for crash in ["Backtrac", "Fatal error", "Program crashed", "Illegal instruction"] {
            expect(!run.stderr.contains(crash), "\(crash) on stderr\n\(run.stderr)")
        }
        return fine
    }

    @Test func acmeMutantsEndWithADocumentedExitCode() throws {
        let files = try Self.acmeFiles()
        #expect(files.count == 7)
        let mutator = Mutator()
        var generator = SeededGenerator(seed: 2027)
        var outcomes: [Int32: Int] = [:]
        let work = try CLITests.temporaryFolder()
        // ALLOT_MUTANTS=56,95 runs only those mutants (the same ones: every mutant is still generated).
        let only = ProcessInfo.processInfo.environment["ALLOT_MUTANTS"].map {
            Set($0.split(separator: ",").compactMap { Int($0) })
        }
        for i in 0..<Self.mutants {
            let target = Int(generator.next() % UInt64(files.count))
            let mutant = mutator.mutate(files[target].bytes, others: files.map(\.bytes), using: &generator)
            if let only, !only.contains(i) { continue }
            let folder = work + "/m\(i)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (k, file) in files.enumerated() {
                try Data(k == target ? mutant : file.bytes).write(to: URL(fileURLWithPath: folder + "/" + file.name))
            }
            // A folder that failed is kept, and named in the issue.
            let what = "mutant \(i) of \(files[target].name) (seed 2027, kept in \(folder))"
            // The base alone, validated in this process: what `plan` without --scenario must accept.
            let baseIsValid = (try? Dataset.load(from: folder).validate())?.isSuccess ?? false
            let validate = try Self.run(["validate", folder])
            let validated = Self.check(validate, what + ", validate", allowed: baseIsValid ? [0, 65] : [65])
            let plan = try Self.run(["plan", folder, "--time-limit", "2", "--out", folder + "/plan"])
            // A valid base is planned (or refused as too large); an invalid one is refused.
            let planned = Self.check(plan, what + ", plan", allowed: baseIsValid ? [0, 65] : [65])
            outcomes[validate.status, default: 0] += 1
            if validated && planned { try? FileManager.default.removeItem(atPath: folder) }
        }
        if (try? FileManager.default.contentsOfDirectory(atPath: work))?.isEmpty == true {
            try? FileManager.default.removeItem(atPath: work)
        }
        guard only == nil else { return }
        // Both paths are exercised: some mutants stay valid and get planned, most are refused.
        #expect((outcomes[0] ?? 0) > 0 && (outcomes[65] ?? 0) > Self.mutants / 3, "\(outcomes)")
    }
}

extension Result {
    var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}
