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
                               budget overruns (overtime within the policy is not a
                               conflict: summary.json and plan.json show it)
              summary.json     coverage per priority, cost, utilization, marginal values
              plan.json        all of the above in one document
            Files are byte-identical from run to run (add --timings for solve times).

            Examples:
              allot plan datasets/acme
              allot plan datasets/acme --out build/acme --fail-on-conflict
              allot plan datasets/acme --objective weighted --time-limit 30
              allot plan datasets/acme --engine clp   (COIN-OR CLP, faster when large)
              allot plan datasets/policies --progress jsonl 2> progress.jsonl
              allot plan datasets/tiny --format json
              allot plan datasets/acme --scenario budget-cut
              allot plan datasets/tiny --write-mathprog-data /tmp/tiny.dat
                  (then: models/solve-stages.sh /tmp/tiny.dat, glpsol stage by stage)

            Exit codes: 0 plan written (it may carry conflicts), 3 conflicts exist and
            --fail-on-conflict was given, 64 usage (e.g. --time-limit 0 or an unknown
            --scenario), 65 invalid dataset, 66 dataset missing, 70 internal error,
            73 cannot write output.
            """
    )

    @OptionGroup var input: DatasetArgument

    @OptionGroup var output: OutOption<Wording>

    @Option(help: "Plan a what-if scenario declared in allot.yaml instead of the base.")
    var scenario: String?

    @Option(help: "text: a short summary on stdout; json: plan.json on stdout.")
    var format: OutputFormat = .text

    @OptionGroup var solve: SolveOptions<Wording>

    @Flag(name: .customLong("fail-on-conflict"), help: "Exit 3 when the plan has any conflict.")
    var failOnConflict = false

    @Flag(help: "Show GLPK's log and the stages on stderr.")
    var verbose = false

    @Flag(help: "Put solve times into summary.json and plan.json (they then differ between runs).")
    var timings = false

    @Option(
        help:
            "Solver progress on stderr: auto (text on a terminal), text, jsonl (one JSON event per line; warnings, errors and notes become events too) or off."
    )
    var progress: ProgressMode = .auto

    @Option(
        help: ArgumentHelp(
            "Write phase times, model size and peak memory as JSON to this file (- for stderr), for bench/.",
            visibility: .hidden))
    var profile: String?

    @Option(
        name: .customLong("mip-settings"),
        help: ArgumentHelp(
            "GLPK branch-and-bound settings, e.g. cuts=on,cover=off,fp=on,presolve=off (for bench/).",
            visibility: .hidden))
    var mipSettings: String?

    @Option(help: ArgumentHelp("LP column pricing: automatic, full or partial (for bench/).", visibility: .hidden))
    var pricing: Planner.Pricing = .automatic

    @Option(
        name: .customLong("write-mathprog-data"),
        help: "Also write the instance as MathProg data for models/allocation.mod.")
    var writeMathProgData: String?

    enum Wording: SolveWording, OutWording {
        static let out: ArgumentHelp = "Folder for the plan files (default: ./plan, or ./plan-SCENARIO)."
        static let target = "folder"
        static let example = "plan"
        static let noStandardOutput: String? =
            "a plan is a folder of four files; give a folder (--out plans/acme), and --format json "
            + "to print plan.json on stdout as well"
        static let objective: ArgumentHelp =
            "lexicographic (exact, by priority) or weighted (one solve); overrides allot.yaml."
        static let timeLimit: ArgumentHelp =
            "Seconds for the whole solve, shared by its stages; overrides solver.time_limit_s."
    }

    var dataset: String { input.dataset }

    /// When each phase ended, for --profile.
    struct Phases {
        var started = ContinuousClock.now, loaded = ContinuousClock.now, scenarioApplied = ContinuousClock.now
        var validated = ContinuousClock.now, writing = ContinuousClock.now, written = ContinuousClock.now
    }

    func validate() throws {
        if writeMathProgData == "-" {
            throw ValidationError(
                "--write-mathprog-data - (standard output): stdout holds the summary; give a file name, "
                    + "or export the data from the plan later: allot export PLAN_DIR --to mathprog --include-cost")
        }
    }

    func run() throws {
        var phases = Phases()
        let data = try input.load()
        phases.loaded = .now
        let portfolio = try validPortfolio(data, phases: &phases)
        // Warnings (an unknown column, a skill nobody asks for) do not stop a
        // plan, but are shown, as `validate` shows them.
        if !portfolio.warnings.isEmpty { printDiagnostics(portfolio.warnings, toStdout: false, in: dataset) }
        phases.validated = .now
        let folder = output.out ?? (scenario.map { "plan-\($0)" } ?? "plan")
        // A folder it may not replace is refused before the solve, not after.
        try Plan.checkOutputFolder(folder)
        try checkBesideFolder(folder)
        // An input (a dataset file) or a missing folder is refused before the solve too.
        if let path = writeMathProgData { try OutputFile.checkFolder(of: path) }
        let run = try solved(portfolio)
        phases.writing = .now
        try write(run, to: folder)
        phases.written = .now
        if let profile { writeProfile(run, phases: phases, to: profile) }
        switch format {
        case .json:
            Terminal.out(run.plan.planJSON(Plan.FileOptions(timings: timings)).rendered())
        case .text:
            Terminal.out(
                run.plan.summaryText(
                    style: Plan.Style(color: Terminal.colorEnabled(fd: 1)), filesIn: folder,
                    width: Terminal.width(fd: 1)))
        }
        if !run.plan.warnings.isEmpty { printDiagnostics(run.plan.warnings, toStdout: false, in: dataset) }
        if failOnConflict && !run.plan.conflicts.isEmpty { throw Failure.conflicts }
    }

    /// The base portfolio, or the --scenario's (validated while it is applied: profile's scenario_s).
    func validPortfolio(_ data: Dataset, phases: inout Phases) throws -> Portfolio {
        guard let scenario, !data.manifestUnreadable else {
            phases.scenarioApplied = .now
            switch data.validate() {
            case .success(let portfolio): return portfolio
            case .failure(let error):
                let summary =
                    "\(dataset) is not valid: \(plural(error.errors.count, "error")); "
                    + "run `allot validate \(shellWord(dataset))` after fixing"
                throw Failure.invalidDataset(error.diagnostics.map { $0.shown(in: dataset) }, summary: summary)
            }
        }
        let declared = data.scenarios().scenarios.map(\.name)
        guard declared.contains(scenario) else {
            throw ValidationError(
                "no scenario named \(scenario) in \(dataset)/allot.yaml\(didYouMean(scenario, among: declared)); "
                    + "it declares: " + (declared.isEmpty ? "none" : declared.joined(separator: ", ")))
        }
        defer { phases.scenarioApplied = .now }
        switch data.applying(scenario: scenario) {
        case .success(let changed): return changed.portfolio
        case .failure(let error):
            let summary = "scenario \(scenario) is not valid: \(plural(error.errors.count, "error"))"
            throw Failure.invalidDataset(error.diagnostics.map { $0.shown(in: dataset) }, summary: summary)
        }
    }

    /// Solves, and says so under --verbose; a run without a plan is a failure (exit 70).
    func solved(_ portfolio: Portfolio) throws -> Planner.Run {
        var mip = MIPSettings()
        if let text = mipSettings {
            guard let parsed = MIPSettings(parsing: text) else {
                throw ValidationError(
                    "--mip-settings takes cuts|cover|fp|presolve=on|off, comma-separated; "
                        + "got \(text)")
            }
            mip = parsed
        }
        let options = solve.planner(
            Planner.Options(
                solver: solve.solver(messages: verbose), objective: solve.objective, timeLimit: solve.timeLimit,
                progress: progress.reporter(), mip: mip, pricing: pricing))
        var run = try Failure.planning(in: dataset) {
            try Planner.plan(portfolio, options: options, scenario: scenario)
        }
        let fingerprint = Dataset.fingerprint(of: dataset)
        run.plan.source = PlanSource(dataset: dataset, scenario: scenario, fingerprint: fingerprint)
        if verbose { describe(run) }
        guard run.plan.status == .optimal || run.plan.status == .feasible else {
            throw Failure.noPlan(run.plan.message ?? run.plan.status.rawValue)
        }
        return run
    }

    /// --verbose: the stages, the model's size and GLPK's log on stderr.
    func describe(_ run: Planner.Run) {
        for s in run.plan.stages {
            let objective = s.objective.map { AllotCore.format($0, decimals: 4) } ?? "-"
            Terminal.err(
                "stage \(s.name): \(s.status), objective \(objective), \(counted(s.iterations, "iteration", "iterations")), "
                    + "\(AllotCore.format(s.seconds, decimals: 3)) s")
        }
        let model = run.plan.model
        Terminal.err(
            "model: \(model.rows) rows, \(model.columns) columns, \(model.nonZeros) non-zeros; "
                + "solved in \(AllotCore.format(run.plan.solveSeconds, decimals: 3)) s")
        if !run.solution.log.isEmpty { Terminal.err(run.solution.log) }
    }

    /// Files asked for beside the plan may not go into its folder: the next
    /// run replaces that folder as a whole and would refuse it for holding a
    /// file allot did not write there.
    func checkBesideFolder(_ folder: String) throws {
        // Links resolved in the part of each path that exists (the file and
        // the folder may not exist yet: a link on the way still counts).
        let dir = resolvedPath(folder)
        let inside = { (path: String) -> Bool in
            let file = resolvedPath(path)
            return file == dir || file.hasPrefix(dir.hasSuffix("/") ? dir : dir + "/")
        }
        for (option, path) in [("--write-mathprog-data", writeMathProgData), ("--profile", profile)] {
            guard let path, path != "-", inside(path) else { continue }
            throw ValidationError(
                "\(option) \(path) is inside the plan folder \(folder), which each run replaces as a whole; "
                    + "write it beside the folder, e.g. \(option) \(shellWord(parentPrefix(folder) + (path as NSString).lastPathComponent))"
            )
        }
    }

    /// The plan folder, and the MathProg data when asked.
    func write(_ run: Planner.Run, to folder: String) throws {
        try run.plan.write(to: folder, options: Plan.FileOptions(timings: timings))
        if let path = writeMathProgData {
            try OutputFile.write(MathProgData.text(run.instance, formulation: run.formulation), to: path)
        }
    }

    /// --profile: phase times, model size and peak memory as one JSON line, to a file or (-) stderr.
    func writeProfile(_ run: Planner.Run, phases: Phases, to path: String) {
        let plan = run.plan
        let stages = plan.stages.map {
            JSON.object([
                ("name", .string($0.name)), ("seconds", .num($0.seconds, 4)),
                ("iterations", .int($0.iterations)),
            ])
        }
        let peaks = run.peakMegabytes
        let profile =
            JSON.object([
                ("dataset", .string(dataset)), ("engine", .string(plan.engine)),
                ("objective", .string(plan.objective.rawValue)),
                ("status", .string(plan.status.rawValue)),
                ("rows", .int(plan.model.rows)), ("columns", .int(plan.model.columns)),
                ("non_zeros", .int(plan.model.nonZeros)),
                ("load_s", .num(AllotCore.seconds(phases.loaded - phases.started), 4)),
                ("scenario_s", .num(AllotCore.seconds(phases.scenarioApplied - phases.loaded), 4)),
                ("validate_s", .num(AllotCore.seconds(phases.validated - phases.scenarioApplied), 4)),
                ("build_s", .num(run.buildSeconds, 4)),
                ("solve_s", .num(run.solution.seconds, 4)),
                ("stages", .array(stages)),
                ("stage_solve_s", .num(plan.stages.reduce(0) { $0 + $1.seconds }, 4)),
                ("interpret_s", .num(run.interpretSeconds, 4)),
                ("write_s", .num(AllotCore.seconds(phases.written - phases.writing), 4)),
                ("total_s", .num(AllotCore.seconds(phases.written - phases.started), 4)),
                ("pricing_rounds", .int(run.solution.pricingRounds)),
                ("engine_columns_most", .int(run.solution.mostEngineColumns ?? plan.model.columns)),
                ("peak_rss_mb", .num(peakResidentMegabytes(), 1)),
                (
                    "peak_rss_mb_after",
                    .object([
                        ("build", .num(peaks.build, 1)), ("solve", .num(peaks.solve, 1)),
                        ("interpret", .num(peaks.interpret, 1)),
                    ])
                ),
            ])
        // On a JSON Lines stderr, an event of its own (it was a string inside a message).
        if path == "-", Terminal.jsonLines {
            return Terminal.event([("event", .string("profile")), ("profile", profile)])
        }
        let json = profile.rendered(pretty: false) + "\n"
        if path == "-" { Terminal.err(json) } else { try? OutputFile.write(json, to: path) }
    }
}

/// The folder holding `path` as typed, with its slash ("plans/" for
/// "plans/acme"), or "" for a name without one. (Foundation's
/// `NSString.deletingLastPathComponent` crashes on a one-letter name: `--out
/// p` ended allot with SIGILL.)
func parentPrefix(_ path: String) -> String {
    var trimmed = Substring(path)
    while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
    guard let slash = trimmed.lastIndex(of: "/") else { return "" }
    return String(trimmed[...slash])
}

/// "1 error", "2 errors".
func plural(_ n: Int, _ noun: String) -> String { counted(n, noun, noun + "s") }
