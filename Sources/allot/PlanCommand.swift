import AllotCore
import ArgumentParser
import Foundation
import GLPK

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Solve a dataset and write the plan: assignments, conflicts with causes, summary.",
        discussion: """
            Staffs as many priority-1 demand hours as possible, then (holding that) as many
            priority-2 hours, and so on; then minimises cost. Writes into --out:
              assignments.csv  who works how many hours on which project, skill and period
              conflicts.csv    every unmet hour with its cause, locked hours not held,
                               budget overruns, overtime used
              summary.json     coverage per priority, cost, utilization, marginal values
              plan.json        all of the above in one document
            Files are byte-identical from run to run (add --timings for solve times).

            Examples:
              allot plan datasets/acme
              allot plan datasets/acme --out build/acme --fail-on-conflict
              allot plan datasets/acme --objective weighted --time-limit 30
              allot plan datasets/policies --progress jsonl 2> progress.jsonl
              allot plan datasets/tiny --format json
              allot plan datasets/acme --scenario budget-cut
              allot plan datasets/tiny --write-mathprog-data /tmp/tiny.dat
                  (then: glpsol -m models/allocation.mod -d /tmp/tiny.dat)

            Exit codes: 0 plan written (it may carry conflicts), 3 conflicts exist and
            --fail-on-conflict was given, 65 invalid dataset, 66 dataset missing,
            70 internal error, 73 cannot write output.
            """
    )

    @Argument(help: "The dataset folder (holding allot.yaml).")
    var dataset: String

    @Option(name: .long, help: "Folder for the plan files (default: ./plan, or ./plan-SCENARIO).")
    var out: String?

    @Option(help: "Plan a what-if scenario declared in allot.yaml instead of the base.")
    var scenario: String?

    @Option(help: "text: a short summary on stdout; json: plan.json on stdout.")
    var format: OutputFormat = .text

    @Option(help: "lexicographic (exact, by priority) or weighted (one solve); overrides allot.yaml.")
    var objective: Settings.Objective?

    @Option(name: .customLong("time-limit"), help: "Seconds for the whole solve, shared by its stages; overrides solver.time_limit_s.")
    var timeLimit: Double?

    @Flag(name: .customLong("fail-on-conflict"), help: "Exit 3 when the plan has any conflict.")
    var failOnConflict = false

    @Flag(help: "Show GLPK's log and the stages on stderr.")
    var verbose = false

    @Flag(help: "Put solve times into summary.json and plan.json (they then differ between runs).")
    var timings = false

    @Option(help: "Solver progress on stderr: auto (text on a terminal), text, jsonl (one JSON event per line) or off.")
    var progress: ProgressMode = .auto

    @Option(help: ArgumentHelp("Write phase times, model size and peak memory as JSON to this file (- for stderr), for bench/.", visibility: .hidden))
    var profile: String?

    @Option(name: .customLong("mip-settings"), help: ArgumentHelp("GLPK branch-and-bound settings, e.g. cuts=on,cover=off,fp=on,presolve=off (for bench/).", visibility: .hidden))
    var mipSettings: String?

    @Option(help: ArgumentHelp("LP column pricing: automatic, full or partial (for bench/).", visibility: .hidden))
    var pricing: Planner.Pricing = .automatic

    @Option(name: .customLong("write-mathprog-data"), help: "Also write the instance as MathProg data for models/allocation.mod.")
    var writeMathProgData: String?

    func validate() throws {
        if let t = timeLimit, !(t > 0) || !t.isFinite {
            throw ValidationError("--time-limit must be a number of seconds above 0, got \(t)")
        }
    }

    func run() throws {
        let started = ContinuousClock.now
        let data = try loadDataset(dataset)
        let loaded = ContinuousClock.now
        // A scenario's dataset is validated while it is applied (profile: scenario_s).
        var scenarioPortfolio: Portfolio?
        if let scenario {
            let declared = data.scenarios().scenarios.map(\.name)
            guard declared.contains(scenario) else {
                throw ValidationError("no scenario named \(scenario) in \(dataset)/allot.yaml; it declares: \(declared.isEmpty ? "none" : declared.joined(separator: ", "))")
            }
            switch data.applying(scenario: scenario) {
            case .success(let changed): scenarioPortfolio = changed.portfolio
            case .failure(let error):
                printDiagnostics(error.diagnostics, toStdout: false)
                Terminal.errorLine("scenario \(scenario) is not valid: \(error.errors.count) error\(error.errors.count == 1 ? "" : "s")")
                throw Exit.invalidDataset
            }
        }
        let validating = ContinuousClock.now
        let portfolio: Portfolio
        switch scenarioPortfolio.map({ .success($0) }) ?? data.validate() {
        case .success(let p):
            portfolio = p
        case .failure(let error):
            printDiagnostics(error.diagnostics, toStdout: false)
            Terminal.errorLine("\(dataset) is not valid: \(error.errors.count) error\(error.errors.count == 1 ? "" : "s"); run `allot validate \(dataset)` after fixing")
            throw Exit.invalidDataset
        }
        let validated = ContinuousClock.now
        var mip = MIPSettings()
        if let text = mipSettings {
            guard let parsed = MIPSettings(parsing: text) else {
                throw ValidationError("--mip-settings takes cuts|cover|fp|presolve=on|off, comma-separated; got \(text)")
            }
            mip = parsed
        }
        let options = Planner.Options(solver: GLPKSolver(), objective: objective, timeLimit: timeLimit, progress: progress.reporter(), mip: mip,
                                      pricing: pricing)
        var run: Planner.Run
        do {
            run = try Planner.plan(portfolio, options: options, scenario: scenario)
            run.plan.source = PlanSource(dataset: dataset, scenario: scenario, fingerprint: Dataset.fingerprint(of: dataset))
        } catch {
            Terminal.errorLine("the solver failed: \(error)")
            throw Exit.internalError
        }
        if verbose {
            for s in run.plan.stages {
                Terminal.err("stage \(s.name): \(s.status), objective \(s.objective.map { AllotCore.format($0, decimals: 4) } ?? "-"), \(s.iterations) iterations, \(AllotCore.format(s.seconds, decimals: 3)) s")
            }
            Terminal.err("model: \(run.plan.model.rows) rows, \(run.plan.model.columns) columns, \(run.plan.model.nonZeros) non-zeros; solved in \(AllotCore.format(run.plan.solveSeconds, decimals: 3)) s")
            if !run.solution.log.isEmpty { Terminal.err(run.solution.log) }
        }
        guard run.plan.status == .optimal || run.plan.status == .feasible else {
            Terminal.errorLine("no plan: \(run.plan.message ?? run.plan.status.rawValue)")
            throw Exit.internalError
        }
        let folder = out ?? (scenario.map { "plan-\($0)" } ?? "plan")
        let writing = ContinuousClock.now
        do {
            try run.plan.write(to: folder, options: Plan.FileOptions(timings: timings))
            if let path = writeMathProgData {
                try OutputFile.write(MathProgData.text(run.instance, formulation: run.formulation), to: path)
            }
        } catch {
            Terminal.errorLine(error.description)
            throw Exit.cannotWrite
        }
        let written = ContinuousClock.now
        if let profile {
            let solveTotal = run.plan.stages.reduce(0) { $0 + $1.seconds }
            let json = JSON.object([
                ("dataset", .string(dataset)), ("objective", .string(run.plan.objective.rawValue)), ("status", .string(run.plan.status.rawValue)),
                ("rows", .int(run.plan.model.rows)), ("columns", .int(run.plan.model.columns)), ("non_zeros", .int(run.plan.model.nonZeros)),
                ("load_s", .num(AllotCore.seconds(loaded - started), 4)),
                ("scenario_s", .num(AllotCore.seconds(validating - loaded), 4)),
                ("validate_s", .num(AllotCore.seconds(validated - validating), 4)),
                ("build_s", .num(run.buildSeconds, 4)),
                ("solve_s", .num(run.solution.seconds, 4)),
                ("stages", .array(run.plan.stages.map { .object([("name", .string($0.name)), ("seconds", .num($0.seconds, 4)),
                                                                 ("iterations", .int($0.iterations))]) })),
                ("stage_solve_s", .num(solveTotal, 4)),
                ("interpret_s", .num(run.interpretSeconds, 4)),
                ("write_s", .num(AllotCore.seconds(written - writing), 4)),
                ("total_s", .num(AllotCore.seconds(written - started), 4)),
                ("pricing_rounds", .int(run.solution.pricingRounds)),
                ("peak_rss_mb", .num(peakResidentMegabytes(), 1)),
                ("peak_rss_mb_after", .object([("build", .num(run.peakMegabytes.build, 1)), ("solve", .num(run.peakMegabytes.solve, 1)),
                                               ("interpret", .num(run.peakMegabytes.interpret, 1))])),
            ]).rendered(pretty: false) + "\n"
            if profile == "-" { Terminal.err(json) } else { try? OutputFile.write(json, to: profile) }
        }
        switch format {
        case .json:
            Terminal.out(run.plan.planJSON(Plan.FileOptions(timings: timings)).rendered())
        case .text:
            Terminal.out(run.plan.summaryText(style: Plan.Style(color: Terminal.colorEnabled(fd: 1)), filesIn: folder))
        }
        if failOnConflict && !run.plan.conflicts.isEmpty { throw Exit.conflicts }
    }
}
