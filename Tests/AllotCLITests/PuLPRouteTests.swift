import Foundation
import Testing

/// bench/pulp_route.py, the benchmark's PuLP peer, builds models/allocation.mod's
/// weighted model with its own code from `allot export --to mathprog` and
/// solves it with glpsol through PuLP (which `make testdeps` installs into
/// .build/pyenv). Its optimum must be allot's weighted optimum (relative
/// 1e-6): on acme, whose employees are paid for capacity (PuLP left out their
/// fixed pay and priced their hours, and gave 27,561,465 against allot's
/// 27,738,032), and on acme with `overtime.priorities: [1, 2]` (the regular
/// rows, which it left out too).
@Suite(.serialized) struct PuLPRouteTests {
    @Test(arguments: [false, true])
    func pulpRouteReachesTheWeightedOptimum(overtimeForTheFirstTwo: Bool) throws {
        guard let python = HiGHSRouteTests.python() else { return }
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var dataset = "datasets/acme"
        if overtimeForTheFirstTwo {
            dataset = dir + "/acme"
            try FileManager.default.copyItem(
                atPath: CLITests.root.appendingPathComponent("datasets/acme").path, toPath: dataset)
            let manifest = try String(contentsOfFile: dataset + "/allot.yaml", encoding: .utf8)
            let limited = manifest.replacingOccurrences(
                of: "overtime: {max_percent: 10, premium: 1.5}",
                with: "overtime: {max_percent: 10, premium: 1.5, priorities: [1, 2]}")
            #expect(limited != manifest)
            try limited.write(toFile: dataset + "/allot.yaml", atomically: true, encoding: .utf8)
        }
        let planDir = dir + "/plan"
        let r = try CLITests.allot("plan", dataset, "--objective", "weighted", "--out", planDir)
        #expect(r.status == 0, "\(r.stderr)")
        let instance = try ExportTests.exportFile(planDir, "mathprog", ["--include-cost"], to: dir + "/instance.dat")
        let script = CLITests.root.appendingPathComponent("bench/pulp_route.py").path
        let route = try CLITests.run(python, [script, instance, "--time-limit", "120"])
        let result = HiGHSRouteTests.lastJSON(route.stdout)
        #expect(result["status"] as? String == "Optimal", "\(route.stdout)\(route.stderr)")
        let plan = try JSONSerialization.jsonObject(with: ExportTests.bytes(planDir + "/plan.json") ?? Data())
        let optima = ((plan as? [String: Any])?["stage_optima"] as? [[String: Any]]) ?? []
        let allot = try #require((optima.first?["objective"] as? NSNumber)?.doubleValue)
        let pulp = try #require((result["objective"] as? NSNumber)?.doubleValue)
        #expect(abs(pulp - allot) <= 1e-6 * abs(allot), "PuLP \(pulp), allot \(allot)")
    }
}
