import AllotCore
import ArgumentParser
import CLP
import Foundation
import GLPK

// Option groups that several commands share: one declaration, one check, one meaning. Each command words
// the shared options for what it does (a `...Wording` type), so its --help reads as before.

/// The dataset folder: the argument of validate, plan and compare.
struct DatasetArgument: ParsableArguments {
    @Argument(help: "The dataset folder (holding allot.yaml).")
    var dataset: String

    /// Reads the folder; a missing folder or allot.yaml throws `DatasetMissing` (exit 66).
    func load() throws -> Dataset {
        try Dataset.load(from: dataset)
    }
}

/// How a command words --objective and --time-limit in its --help.
protocol SolveWording {
    static var objective: ArgumentHelp { get }
    static var timeLimit: ArgumentHelp { get }
}

/// --objective and --time-limit: how plan and compare solve.
struct SolveOptions<Wording: SolveWording>: ParsableArguments {
    @Option(help: Wording.objective)
    var objective: Settings.Objective?

    /// `.unconditional`: `--time-limit -1` reads -1 as the value (and says what is wrong with it), where the
    /// default strategy takes -1 for a flag and reports a missing value.
    @Option(name: .customLong("time-limit"), parsing: .unconditional, help: Wording.timeLimit)
    var timeLimit: Double?

    @Option(
        name: .customLong("max-columns"), parsing: .unconditional,
        help: ArgumentHelp(
            "Refuse a model with more hours columns than this (default 3,000,000, about 1.8 GB), before building it."))
    var maxColumns: Int?

    @Option(
        help: ArgumentHelp(
            "The LP engine: glpk (the default) or clp (COIN-OR CLP, several times faster on large portfolios; "
                + "the integer policies still use GLPK).", valueName: "glpk|clp"))
    var engine: Engine = .glpk

    func validate() throws {
        // The same range as solver.time_limit_s: 1e-9 s ran out before the
        // first stage and wrote an empty plan, and 1,000,000 s was taken.
        let range = DatasetLimits.timeLimit
        if let t = timeLimit, !(t >= range.min && t <= range.max) {
            throw ValidationError(
                "--time-limit must be from \(shortNumber(range.min)) to \(formatGrouped(range.max)) seconds (7 days), "
                    + "found \(shortNumber(t))")
        }
        if let m = maxColumns, m < 1 {
            throw ValidationError("--max-columns must be at least 1, found \(m)")
        }
    }

    /// The engine `--engine` names.
    func solver(messages: Bool = false) -> any LinearSolver {
        switch engine {
        case .glpk: return GLPKSolver(messages: messages)
        case .clp: return CLPSolver(messages: messages)
        }
    }

    /// The planner's options from these flags.
    func planner(_ options: Planner.Options) -> Planner.Options {
        var o = options
        if let m = maxColumns { o.maxColumns = m }
        return o
    }
}

/// The LP engines `--engine` offers.
enum Engine: String, CaseIterable, ExpressibleByArgument {
    case glpk, clp
}

/// How a command words --out in its --help, and what --out names.
protocol OutWording {
    static var out: ArgumentHelp { get }
    /// "folder" or "file": what an empty --out lacks the name of.
    static var target: String { get }
    /// An example of a good --out value.
    static var example: String { get }
    /// Why `--out -` (standard output) is refused, with what to give instead; nil where
    /// `-` is standard output.
    static var noStandardOutput: String? { get }
}

/// --out: where plan, compare and export write.
struct OutOption<Wording: OutWording>: ParsableArguments {
    @Option(name: .long, help: Wording.out)
    var out: String?

    func validate() throws {
        if out == "-", let why = Wording.noStandardOutput {
            throw ValidationError("--out - (standard output): \(why)")
        }
        if let out, out.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError(
                "--out \(quotedArgument(out)) is empty: give a \(Wording.target) name, "
                    + "e.g. --out \(Wording.example)")
        }
    }
}

/// A number as a user would write it: 30, 0.5, -1 (not 30.0).
func shortNumber(_ value: Double) -> String {
    value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
}

/// An argument as the shell would need it quoted: '' for an empty one.
func quotedArgument(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// text or json: what validate and plan print on stdout.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

extension Settings.Objective: ExpressibleByArgument {}
extension ExportFormat: ExpressibleByArgument {}
extension Planner.Pricing: ExpressibleByArgument {}
extension ExportOptions.Granularity: ExpressibleByArgument {}
extension ExportOptions.Assignee: ExpressibleByArgument {}
