import AllotCore
import ArgumentParser
import Foundation
import GLPK

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Plan the base and what-if scenarios and show them side by side.",
        discussion: """
            Scenarios are declared in allot.yaml (scenarios:, see `allot help format
            allot.yaml`): a person leaves, a contractor is hired, budgets are cut, a
            project is re-prioritised. compare plans the base and each scenario, prints
            per-priority coverage, unmet hours, cost and its change, utilization,
            conflicts and how many assignments moved, and writes into --out:
              compare.csv, compare.json   the table, one row per plan
              base/                       the base plan's files
              SCENARIO/                   the scenario's plan files, plus diff.csv and
                                          diff.txt: its assignments against the base
            The base and the scenarios run in parallel (--jobs). A scenario starts from
            the base's optimal bases (its first stage, and every stage of a large
            model; carried over by row and column name when it adds or removes people
            or projects): that changes its time, not its optima (which of the optimal
            plans is reported may differ; --cold turns it off). Files do not depend
            on --jobs.

            Examples:
              allot compare datasets/acme
              allot compare datasets/acme --scenarios budget-cut,hire-sap-contractor
              allot compare datasets/acme --format csv --jobs 1 > compare.csv
              allot compare datasets/acme --engine clp --jobs 2

            Exit codes: 0 compared, 3 a plan has conflicts and --fail-on-conflict was
            given, 64 usage (e.g. an unknown scenario), 65 invalid dataset or scenario,
            66 dataset missing, 70 internal error, 73 cannot write output.
            """
    )

    @OptionGroup var input: DatasetArgument

    @Option(help: "Comma-separated scenario names, or all.")
    var scenarios: String = "all"

    @OptionGroup var output: OutOption<Wording>

    @Option(help: "text: the table; json: compare.json; csv: compare.csv (on stdout).")
    var format: CompareFormat = .text

    @Option(
        parsing: .unconditional,
        help: "Plans solved at once, the base's included (default: the number of cores).")
    var jobs: Int?

    @OptionGroup var solve: SolveOptions<Wording>

    @Flag(help: "Solve every scenario from scratch instead of from the base's basis.")
    var cold = false

    /// --no-progress turns it off on a terminal too (it could not be).
    @Flag(
        inversion: .prefixedNo,
        help: "Report each finished scenario on stderr (default: when stderr is a terminal).")
    var progress: Bool?

    @Flag(help: "Put solve times into the plan files.")
    var timings = false

    @Flag(name: .customLong("fail-on-conflict"), help: "Exit 3 when any plan has a conflict.")
    var failOnConflict = false

    enum CompareFormat: String, ExpressibleByArgument, CaseIterable { case text, json, csv }

    enum Wording: SolveWording, OutWording {
        static let out: ArgumentHelp = "Folder for the comparison (default: ./compare)."
        static let target = "folder"
        static let example = "compare"
        static let noStandardOutput: String? =
            "a comparison is a folder of files; give a folder (--out compare), and --format json or csv "
            + "to print the comparison on stdout as well"
        static let objective: ArgumentHelp = "lexicographic or weighted; overrides allot.yaml."
        static let timeLimit: ArgumentHelp = "Seconds per plan, shared by its stages."
    }

    var dataset: String { input.dataset }

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, found \(jobs)") }
    }

    func run() throws {
        let data = try input.load()
        let prepared = try portfolios(data, names: try scenarioNames(data))
        // Warnings do not stop a comparison, but are shown once each.
        let known = Set(prepared.base.warnings)
        let warnings = Array(
            known.union(
                prepared.scenarios.flatMap { scenario, portfolio in
                    portfolio.warnings.filter { !known.contains($0.withoutScenario(scenario.name)) }
                }))
        if !warnings.isEmpty { printDiagnostics(warnings, toStdout: false, in: dataset) }
        let folder = output.out ?? "compare"
        // A folder it may not replace is refused before the plans, not after.
        try Comparison.checkOutputFolder(folder)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let planner = solve.planner(
            Planner.Options(solver: solve.solver(), objective: solve.objective, timeLimit: solve.timeLimit))
        let options = Comparison.Options(
            // The base is a job of the pool too, planned beside the scenarios.
            planner: planner, jobs: jobs ?? max(1, min(cores, prepared.scenarios.count + 1)),
            warmStart: !cold)
        let report = prepared.scenarios.count > 1 && (progress ?? (isatty(2) == 1))
        var comparison = try Failure.planning(in: dataset) {
            try Comparison.run(
                base: prepared.base, scenarios: prepared.scenarios, options: options,
                progress: report ? { @Sendable line in Terminal.err(line) } : nil)
        }
        // Said once the plan is made: an error is not preceded by it.
        if prepared.scenarios.isEmpty {
            Terminal.err(
                "note: \(dataset)/allot.yaml declares no scenarios, so compare shows the base plan alone "
                    + "(see `allot help format allot` for scenarios:)")
        }
        let fingerprint = Dataset.fingerprint(of: dataset)
        comparison.base.run.plan.source = PlanSource(dataset: dataset, scenario: nil, fingerprint: fingerprint)
        for i in comparison.scenarios.indices {
            let name = comparison.scenarios[i].name
            comparison.scenarios[i].run.plan.source = PlanSource(
                dataset: dataset, scenario: name,
                fingerprint: fingerprint)
        }
        try comparison.write(to: folder, options: Plan.FileOptions(timings: timings))
        switch format {
        case .text:
            Terminal.out(
                comparison.table(style: Plan.Style(color: Terminal.colorEnabled(fd: 1)), width: Terminal.width(fd: 1)))
            Terminal.out(
                "\nFiles: \(folder)/compare.csv, compare.json, base/ and one folder per scenario with diff.txt"
                    + "\n")
        case .json: Terminal.out(comparison.json().rendered())
        case .csv: Terminal.out(comparison.csv())
        }
        if failOnConflict && comparison.entries.contains(where: { !$0.run.plan.conflicts.isEmpty }) {
            throw Failure.conflicts
        }
    }

    /// --scenarios as a list (nil: all of them); an unknown name is a usage error.
    func scenarioNames(_ data: Dataset) throws -> [String]? {
        // An unreadable allot.yaml declares no scenario: its error comes first.
        guard scenarios != "all", !data.manifestUnreadable else { return nil }
        let declared = data.scenarios().scenarios.map(\.name)
        let wanted = scenarios.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        // `--scenarios ""` compared the base alone without a word.
        guard !wanted.isEmpty else {
            throw ValidationError(
                "--scenarios names no scenario; give names separated by commas, or leave it out for all of "
                    + "\(declared.isEmpty ? "them (allot.yaml declares none)" : declared.joined(separator: ", "))")
        }
        let unknown = wanted.filter { !declared.contains($0) }
        guard unknown.isEmpty else {
            let hint = unknown.count == 1 ? didYouMean(unknown[0], among: declared) : ""
            throw ValidationError(
                "no scenario named \(unknown.joined(separator: ", ")) in \(dataset)/allot.yaml\(hint); "
                    + "it declares: \(declared.isEmpty ? "none" : declared.joined(separator: ", "))")
        }
        return wanted
    }

    /// The base and each scenario, validated.
    func portfolios(_ data: Dataset, names: [String]?) throws -> (base: Portfolio, scenarios: [(Scenario, Portfolio)]) {
        switch Comparison.prepare(data, names: names) {
        case .success(let prepared): return prepared
        case .failure(let error):
            let summary =
                "\(dataset) or its scenarios are not valid: \(plural(error.errors.count, "error")); "
                + "run `allot validate \(shellWord(dataset))`"
            throw Failure.invalidDataset(error.diagnostics.map { $0.shown(in: dataset) }, summary: summary)
        }
    }
}
