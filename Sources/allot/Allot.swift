import AllotCore
import ArgumentParser

@main
struct Allot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allot",
        abstract: "Staff an IT portfolio optimally: who works how many hours on what, and why the rest is unstaffed.",
        discussion: """
            A dataset is a folder with allot.yaml and CSV tables (staff, projects, demand,
            and optionally leave, holidays, commitments). allot builds a linear program,
            solves it with GLPK priority by priority (no priority-1 hour is ever given up
            for priority 2), then at least cost, and writes the plan. `--engine clp`
            solves the linear programs with COIN-OR CLP instead, faster when large.
            `allot init DIR` writes a small dataset to start from; `allot help format`
            lists every column.

            Examples:
              allot init my-portfolio
              allot validate datasets/acme
              allot plan datasets/acme
              allot plan datasets/acme --out /tmp/acme-plan --fail-on-conflict
              allot plan datasets/tiny --format json | jq '.priorities'
              allot plan datasets/acme --scenario budget-cut
              allot compare datasets/acme
              allot suggest-hires datasets/acme
              allot export plan --to jira-csv --out jira.csv
              allot report plan
              allot help format staff

            Exit codes: 0 done, 3 conflicts with --fail-on-conflict, 64 usage,
            65 invalid dataset, 66 dataset missing, 70 internal error, 73 cannot write,
            74 cannot write to the terminal (stdout or stderr).
            Set NO_COLOR=1 to turn colour off.
            """,
        version: "0.1.0",
        subcommands: [
            InitCommand.self, ValidateCommand.self, PlanCommand.self, CompareCommand.self, ExportCommand.self,
            ReportCommand.self, SuggestHiresCommand.self, FormatReferenceCommand.self,
        ]
    )

    /// Parses, runs, and turns every error into its message and exit code in one place
    /// (`Failure.exitCode(reporting:)`).
    static func main() {
        _ = Terminal.closedAtStart  // before any file is opened
        do {
            var command = try parseAsRoot(arguments(CommandLine.arguments.dropFirst()))
            // Once parsed, before any work: stderr is JSON Lines for plan --progress jsonl.
            Terminal.jsonLines = (command as? PlanCommand)?.progress == .jsonl
            OutputFolder.waiting = { @Sendable note in Terminal.err(note) }
            do {
                try command.run()
            } catch {
                // A usage error found while running (an unknown --scenario): said as allot says
                // its errors, with the usage of the subcommand that was run, not the root's.
                if let usage = error as? ValidationError {
                    let name = type(of: command).configuration.commandName ?? ""
                    usageError(
                        usage.message,
                        then: "Usage: \(usageString(for: type(of: command)))\n"
                            + "  See 'allot \(name) --help' for more information.",
                        code: .validationFailure)
                }
                guard let code = Failure.exitCode(reporting: error) else {
                    if exitCode(for: error) == .success { printHelpOrVersion(error) }
                    exit(withError: error)
                }
                exit(withError: code)
            }
        } catch {
            // A usage error (an unknown option, a bad value): ArgumentParser's message and usage.
            // Help and version requests as they are.
            let code = exitCode(for: error)
            if code == .success { printHelpOrVersion(error) }
            guard !(error is CleanExit) else { exit(withError: error) }
            let text = fullMessage(for: error)
            guard text.hasPrefix("Error: ") else { usageError(nil, then: text, code: code) }
            let lines = text.dropFirst("Error: ".count).split(
                separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
            usageError(String(lines[0]), then: lines.count > 1 ? String(lines[1]) : "", code: code)
        }
    }

    /// Help and version go through Terminal, so that a stdout that cannot be
    /// written exits 74 as every command does (`allot --help >/dev/full` exited 0).
    static func printHelpOrVersion(_ error: any Error) -> Never {
        let text = fullMessage(for: error)
        Terminal.out(text + "\n")  // as ArgumentParser prints it
        exit(withError: ExitCode.success)
    }

    /// A usage error said as allot says its errors ("error: MESSAGE", not
    /// ArgumentParser's "Error:"), then the usage lines, and the exit.
    static func usageError(_ message: String?, then rest: String, code: ExitCode) -> Never {
        if let message { Terminal.errorLine(message) }
        if !rest.isEmpty { Terminal.err(rest) }
        exit(withError: code)
    }

    /// `allot help format [TABLE]` is `allot format-reference [TABLE]`: ArgumentParser's own `help` only knows
    /// subcommands, and `help format` is what people type for a help topic.
    ///
    /// A first word that names no command (`allot pln datasets/acme`) is a usage error that
    /// offers the nearest command, as does `allot help pln`: ArgumentParser took the word
    /// for an argument ("2 unexpected arguments") or printed the root's help and exited 0.
    static func arguments(_ given: ArraySlice<String>) -> [String] {
        let words = Array(given)
        if let first = words.first {
            checkCommand(first)
            if first == "help", words.count >= 2, words[1] != "format" { checkCommand(words[1]) }
        }
        guard words.count >= 2, words[0] == "help", words[1] == "format" else { return words }
        return [FormatReferenceCommand.configuration.commandName!] + words.dropFirst(2)
    }

    /// The names a first word may be: every subcommand's, and `help`.
    static var commandNames: [String] {
        configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
    }

    /// Exits 64 when `word` is neither a command nor an option allot takes before one, naming the nearest.
    static func checkCommand(_ word: String) {
        if word.hasPrefix("-") {
            let options = ["--help", "-h", "--version"]
            // ArgumentParser's own: `-help`, and the entry points of shells and tools.
            let hidden = ["-help", "--generate-completion-script", "--experimental-dump-help", "---completion"]
            guard !options.contains(word), !hidden.contains(where: word.hasPrefix) else { return }
            usageError(
                "no option \(quotedArgument(word)) before a command\(didYouMean(word, among: options))",
                then: "Options go after the command: allot plan DATASET --out DIR.\n"
                    + "  See 'allot --help' for more information.",
                code: .validationFailure)
        }
        guard !commandNames.contains(word) else { return }
        let known = commandNames.filter { $0 != "help" }
        usageError(
            "no command named \(quotedArgument(word))\(didYouMean(word, among: known))",
            then: "The commands are \(known.joined(separator: ", ")).\n"
                + "  See 'allot --help' for more information.",
            code: .validationFailure)
    }
}
