import AllotCore
import ArgumentParser

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a dataset and list every problem at once, with file:line:column.",
        discussion: """
            Reads allot.yaml, every CSV table and every scenario, and reports each problem
            on stdout like a compiler: file:line:column, the value found and what was
            expected, one problem a line. For hours_per_week "4o" on line 3 of staff.csv
            it prints
              staff.csv:3:60: error: found hours_per_week "4o", expected a number such
              as 40 or 37.5
            (one line, wrapped here).
            Warnings (an unknown column, a skill nobody has) do not fail validation.

            Examples:
              allot validate datasets/acme
              allot validate datasets/acme --format json

            Exit codes: 0 valid (warnings allowed), 64 usage, 65 invalid, 66 folder or
            allot.yaml missing.
            """
    )

    @OptionGroup var input: DatasetArgument

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    var dataset: String { input.dataset }

    /// Everything validation found: the base dataset's problems and warnings, then each scenario's own.
    struct Findings {
        var diagnostics: [Diagnostic]
        var valid: Bool
        /// "6 people, 3 projects, 6 demand lines" when the base dataset is valid.
        var counts: String
        var errors: Int { diagnostics.filter { $0.severity == .error }.count }
        var warnings: Int { diagnostics.count - errors }
        var sorted: [Diagnostic] { diagnostics.sorted { ($0.severity, $0.location) < ($1.severity, $1.location) } }
    }

    func run() throws {
        let findings = check(try input.load())
        switch format {
        case .json:
            Terminal.out(json(findings).rendered())
        case .text:
            printDiagnostics(findings.diagnostics, toStdout: true, in: dataset)
            if findings.valid {
                Terminal.out("\(dataset): valid (\(findings.counts); \(plural(findings.warnings, "warning")))\n")
            } else {
                let counts = "\(plural(findings.errors, "error")), \(plural(findings.warnings, "warning"))"
                Terminal.out("\(dataset): \(counts)\n")
            }
        }
        if !findings.valid { throw Failure.invalidDataset([], summary: nil) }  // the report is on stdout
    }

    func check(_ data: Dataset) -> Findings {
        var findings: Findings
        switch data.validate() {
        case .success(let portfolio):
            let counts =
                "\(counted(portfolio.staff.count, "person", "people")), "
                + "\(counted(portfolio.projects.count, "project", "projects")), "
                + "\(counted(portfolio.demand.count, "demand line", "demand lines"))"
            let refused = portfolio.weightedObjectiveError().map { [$0.diagnostic] } ?? []
            findings = Findings(diagnostics: portfolio.warnings + refused, valid: refused.isEmpty, counts: counts)
        case .failure(let error):
            findings = Findings(diagnostics: error.diagnostics, valid: false, counts: "")
        }
        // Every scenario too: what it declares, what its changes do.
        let declared = data.scenarios()
        let known = Set(findings.diagnostics)
        var scenarioDiagnostics = declared.problems
        for name in declared.scenarios.map(\.name) {
            let found: [Diagnostic]
            switch data.applying(scenario: name) {
            case .failure(let error): found = error.diagnostics
            case .success(let applied):
                found =
                    applied.portfolio.warnings
                    + (applied.portfolio.weightedObjectiveError(scenario: name).map { [$0.diagnostic] } ?? [])
            }
            // What the scenario causes: the base's own findings are known already.
            scenarioDiagnostics += found.filter { !known.contains($0.withoutScenario(name)) }
        }
        let extra = Array(Set(scenarioDiagnostics))
        findings.diagnostics += extra
        if extra.contains(where: { $0.severity == .error }) { findings.valid = false }
        return findings
    }

    func json(_ findings: Findings) -> JSON {
        JSON.object([
            ("dataset", .string(dataset)),
            ("valid", .bool(findings.valid)),
            ("errors", .int(findings.errors)),
            ("warnings", .int(findings.warnings)),
            (
                "diagnostics",
                .array(
                    findings.sorted.map { d in
                        .object([
                            ("severity", .string(d.severity.rawValue)), ("file", .string(d.location.file)),
                            ("line", .int(d.location.line)), ("column", .int(d.location.column)),
                            ("found", .string(d.found)), ("expected", .string(d.expected)),
                            ("message", .string(d.description)),
                        ])
                    })
            ),
        ])
    }
}
