import AllotCore
import ArgumentParser
import Foundation
import GLPK

struct SuggestHiresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest-hires",
        abstract: "Suggest placeholder hires for unmet demand, each checked by planning with it.",
        discussion: """
            Plans the dataset and takes the demand hours left unmet for want of people
            (the qualified are fully booked, or nobody has the skill) of one priority
            (--priority; default: the most important with such hours). It groups them
            by skill into stretches of consecutive periods and makes one placeholder
            person per stretch: the skill at the highest level asked for, hours per
            week from the unmet hours (at most --max-hours-per-week), the first and
            last day, and a rate (the median of the staff with the skill, or
            --cost-per-hour). Each profile is then checked: the dataset is planned
            with that one person added, as the scenario printed, the way compare
            plans it; the hours gained per priority and the change in cost are
            reported. Profiles are checked alone, so the gains of two do not add up.
            A profile that staffs no more hours is not suggested. The best --max are
            printed as scenarios to paste under scenarios: in allot.yaml, and
            `allot compare` then shows the same gains.

            Examples:
              allot suggest-hires datasets/acme
              allot suggest-hires datasets/acme --priority all --max 5 --jobs 2
              allot suggest-hires datasets/acme --priority 3 --paid capacity
              allot suggest-hires datasets/acme --out suggestions.json --format json
              allot suggest-hires datasets/acme --engine clp

            Exit codes: 0 done (with or without suggestions), 64 usage (also a
            --priority the demand does not have), 65 invalid
            dataset, 66 dataset missing, 70 internal error (or no base plan),
            73 cannot write --out.
            """
    )

    @OptionGroup var input: DatasetArgument

    @Option(help: "A priority whose unmet demand the hires are for, or all (default: the most important with any).")
    var priority: String?

    @Option(help: "Suggestions at most.")
    var max: Int = 3

    @Option(help: "Profiles checked at most, those made from the most unmet hours first.")
    var candidates: Int = 8

    @Option(
        name: .customLong("cost-per-hour"), parsing: .unconditional,
        help: "Every hire's rate (default: the median rate of the staff with the skill).")
    var costPerHour: Double?

    @Option(help: "How hires are paid: hours (per hour worked) or capacity (for every hour of capacity).")
    var paid: Staff.Paid = .hours

    @Option(
        name: .customLong("max-hours-per-week"), parsing: .unconditional,
        help: "Hours per week of one hire at most (default: defaults.hours_per_week of allot.yaml).")
    var maxHoursPerWeek: Double?

    @OptionGroup var output: OutOption<Wording>

    @Option(help: "text: the table and the scenarios; json: suggestions.json (on stdout).")
    var format: OutputFormat = .text

    @Option(parsing: .unconditional, help: "Profiles checked at once (default: the number of cores).")
    var jobs: Int?

    @OptionGroup var solve: SolveOptions<Wording>

    /// --no-progress turns it off on a terminal too (it could not be).
    @Flag(
        inversion: .prefixedNo,
        help: "Report each checked profile on stderr (default: when stderr is a terminal).")
    var progress: Bool?

    enum Wording: SolveWording, OutWording {
        static let out: ArgumentHelp = "Also write the suggestions as JSON to this file (e.g. suggestions.json)."
        static let target = "file"
        static let example = "suggestions.json"
        static let noStandardOutput: String? = "--format json prints suggestions.json on stdout; --out names a file"
        static let objective: ArgumentHelp = "lexicographic or weighted; overrides allot.yaml."
        static let timeLimit: ArgumentHelp = "Seconds per plan, shared by its stages."
    }

    var dataset: String { input.dataset }

    func validate() throws {
        if let priority, priority != "all", (Int(priority) ?? 0) < 1 {
            throw ValidationError("--priority must be a priority (1, 2, ...) or all, found \(quotedArgument(priority))")
        }
        if max < 1 { throw ValidationError("--max must be at least 1, found \(max)") }
        if candidates < 1 { throw ValidationError("--candidates must be at least 1, found \(candidates)") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, found \(jobs)") }
        // The dataset's range: 0.001 became a free hire (written as 0), and
        // 1e308 a scenario error at a line of no file.
        if let c = costPerHour, !DatasetLimits.costPerHour.contains(c) || !c.isFinite {
            throw ValidationError(
                "--cost-per-hour must be \(DatasetLimits.costPerHour.text), as in staff.csv, found \(shortNumber(c))")
        }
        // A profile's hours are whole hours from 1 up, within a week's 168.
        if let h = maxHoursPerWeek, !(1...168).contains(h) {
            throw ValidationError(
                "--max-hours-per-week must be a number of hours from 1 to 168 (a week), found \(shortNumber(h))")
        }
    }

    func run() throws {
        let data = try input.load()
        let base: Portfolio
        switch data.validate() {
        case .success(let p): base = p
        case .failure(let error):
            let summary = "\(dataset) is not valid: run `allot validate \(shellWord(dataset))`"
            throw Failure.invalidDataset(error.diagnostics.map { $0.shown(in: dataset) }, summary: summary)
        }
        if !base.warnings.isEmpty { printDiagnostics(base.warnings, toStdout: false, in: dataset) }
        // A --out that cannot be written is refused before the hires are planned.
        if let out = output.out { try OutputFile.checkFolder(of: out) }
        let target: HiringAdvice.Options.Target =
            switch priority {
            case nil: .mostImportant
            case "all": .all
            case let p?: .priority(Int(p)!)
            }
        // A priority the dataset does not ask for is a mistyped option, not an empty answer.
        if case .priority(let p) = target {
            let asked = HiringAdvice.priorities(askedIn: base)
            guard asked.contains(p) else {
                throw ValidationError(
                    "--priority \(p): no demand in \(dataset) has that priority; its demand has "
                        + (asked.isEmpty ? "none" : "priorities " + asked.map(String.init).joined(separator: ", ")))
            }
        }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let options = HiringAdvice.Options(
            planner: solve.planner(
                Planner.Options(solver: solve.solver(), objective: solve.objective, timeLimit: solve.timeLimit)),
            target: target,
            sizing: HireProfile.Sizing(
                priorities: [], maxHoursPerWeek: maxHoursPerWeek, costPerHour: costPerHour, paid: paid),
            maxSuggestions: max, maxCandidates: candidates, jobs: jobs ?? Swift.max(1, Swift.min(cores, candidates)))
        let report = progress ?? (isatty(2) == 1)
        var advice = try Failure.planning(in: dataset) {
            try HiringAdvice.make(
                data, base: base, options: options, progress: report ? { @Sendable line in Terminal.err(line) } : nil)
        }
        guard advice.base.status == .optimal || advice.base.status == .feasible else {
            throw Failure.noPlan(advice.base.message ?? advice.base.status.rawValue)
        }
        advice.base.source = PlanSource(dataset: dataset, scenario: nil, fingerprint: Dataset.fingerprint(of: dataset))
        let json = advice.json().rendered()
        if let out = output.out { try OutputFile.write(json, to: out) }
        switch format {
        case .text: Terminal.out(advice.text(dataset: dataset))
        case .json: Terminal.out(json)
        }
    }
}

extension Staff.Paid: ExpressibleByArgument {}
