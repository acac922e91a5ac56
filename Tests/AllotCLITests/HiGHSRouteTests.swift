import Foundation
import Testing

/// bench/highs_route.py, the benchmark's HiGHS peer, agrees with allot stage
/// by stage: it builds models/allocation.mod from `allot export --to mathprog`
/// with its own code and solves every priority and the cost with HiGHS
/// (highspy, which `make test` installs into .build/pyenv), holding each
/// optimum as allot does, and compares each with plan.json's stage_optima
/// (relative 1e-6). An independent model build and an independent solver, so
/// the benchmark's ratios compare the same problem.
@Suite(.serialized) struct HiGHSRouteTests {
    @Test(arguments: ["datasets/tiny", "datasets/acme"])
    func highsRouteReachesEveryStageOptimum(dataset: String) throws {
        try Self.withInstance(dataset) { python, instance, planDir in
            let script = CLITests.root.appendingPathComponent("bench/highs_route.py").path
            let r = try CLITests.run(python, [script, instance, "--check", planDir])
            let result = Self.lastJSON(r.stdout)
            #expect(r.status == 0 && result["status"] as? String == "optimal", "\(r.stdout)\(r.stderr)")
            try Self.checkStages(result, planDir: planDir, dataset: dataset)
        }
    }

    /// Each stage of the plan but shaping (which the route does not solve) agrees.
    static func checkStages(_ result: [String: Any], planDir: String, dataset: String) throws {
        let plan = try JSONSerialization.jsonObject(with: ExportTests.bytes(planDir + "/plan.json") ?? Data())
        let optima = ((plan as? [String: Any])?["stage_optima"] as? [[String: Any]]) ?? []
        let stages = Set(optima.compactMap { $0["name"] as? String }).subtracting(["shaping"])
        let check = result["check"] as? [String: [String: Any]] ?? [:]
        #expect(stages.contains("cost") && Set(check.keys) == stages, "checked \(check.keys.sorted()), plan \(stages)")
        for (stage, c) in check.sorted(by: { $0.key < $1.key }) {
            #expect(
                c["agrees"] as? Bool == true,
                "\(dataset) \(stage): HiGHS \(c["highs"] ?? "?"), allot \(c["allot"] ?? "?")")
        }
    }

    /// bench/forced_projects.py on datasets/tiny, against its README's hand
    /// computation: alice is the only person with swift at level 3, so every
    /// staffed hour of apollo swift (54 h: 24 in W01 + 30 in W02, priority 1
    /// fully staffed) and of hermes swift (18 h: her 8 + 10 h left, which
    /// priority 2's optimum of 38 h needs) is hers in every plan that keeps
    /// the optima. She has no qa, so no column on zeus: 2 projects with
    /// columns, both forced, and 2 the fewest she can work on.
    @Test func forcedProjectsOnTinyMatchTheHandComputation() throws {
        try Self.withInstance("datasets/tiny") { python, instance, _ in
            let script = CLITests.root.appendingPathComponent("bench/forced_projects.py").path
            let r = try CLITests.run(python, [script, instance, "alice"])
            let result = Self.lastJSON(r.stdout)
            #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
            let least = result["least_hours"] as? [String: Double] ?? [:]
            #expect(Set(least.keys) == ["apollo", "hermes"], "\(least)")
            #expect(abs((least["apollo"] ?? 0) - 54) < 1e-6 && abs((least["hermes"] ?? 0) - 18) < 1e-6, "\(least)")
            #expect(result["forced"] as? [String] == ["apollo", "hermes"])
            #expect(result["fewest_projects"] as? Int == 2)
        }
    }

    /// Plans `dataset`, exports it for models/allocation.mod and runs `body`
    /// with the Python that has highspy (`make testdeps`), the instance and
    /// the plan folder, which exist until it returns.
    static func withInstance(_ dataset: String, _ body: (String, String, String) throws -> Void) throws {
        guard let python = python() else { return }
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let planDir = try ExportTests.plan(dataset, into: dir)
        try body(python, try ExportTests.exportFile(planDir, "mathprog", to: dir + "/instance.dat"), planDir)
    }

    /// The Python with highspy that `make testdeps` installs into
    /// .build/pyenv; nil, with the issue recorded, without it.
    static func python() -> String? {
        let python = CLITests.root.appendingPathComponent(".build/pyenv/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            Issue.record("no HiGHS: run `make testdeps` (python3 -m venv .build/pyenv; pip install highspy)")
            return nil
        }
        return python
    }

    /// The scripts print HiGHS's banner first; their result is the last line.
    static func lastJSON(_ stdout: String) -> [String: Any] {
        let line = stdout.split(separator: "\n").last.map(String.init) ?? ""
        return (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
    }
}
