import AllotCore
import ArgumentParser

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a dataset and list every problem at once, with file:line:column.",
        discussion: """
            Reads allot.yaml, every CSV table and every scenario, and reports each problem
            like a compiler:
              staff.csv:4:17: error: found cost_per_hour "-5", expected a cost_per_hour of at least 0
            Warnings (an unknown column, a skill nobody has) do not fail validation.

            Examples:
              allot validate datasets/acme
              allot validate datasets/acme --format json

            Exit codes: 0 valid (warnings allowed), 65 invalid, 66 folder or allot.yaml missing.
            """
    )

    @OptionGroup var input: DatasetArgument

    @Option(help: "text or json.")
    var format: OutputFormat = .text

    var dataset: String { input.dataset }

    func run() throws {
        let data = try input.load()
        var diagnostics: [Diagnostic]
        var valid: Bool
        var counts = ""
        switch data.validate() {
        case .success(let portfolio):
            diagnostics = portfolio.warnings
            valid = true
            counts = "\(portfolio.staff.count) people, \(portfolio.projects.count) projects, "
                + "\(portfolio.demand.count) demand lines"
        case .failure(let error):
            diagnostics = error.diagnostics
            valid = false
        }
        // Every scenario too: what it declares, what its changes do.
        let declared = data.scenarios()
        var scenarioDiagnostics = declared.problems
        for name in declared.scenarios.map(\.name) {
            if case .failure(let error) = data.applying(scenario: name) { scenarioDiagnostics += error.diagnostics }
        }
        let known = Set(diagnostics)
        let extra = Array(Set(scenarioDiagnostics.filter { !known.contains($0) }))
        diagnostics += extra
        if extra.contains(where: { $0.severity == .error }) { valid = false }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        switch format {
        case .json:
            let json = JSON.object([
                ("dataset", .string(dataset)),
                ("valid", .bool(valid)),
                ("errors", .int(errors)),
                ("warnings", .int(warnings)),
                ("diagnostics", .array(diagnostics.sorted { ($0.severity, $0.location) < ($1.severity, $1.location) }
                    .map { d in
                    .object([("severity", .string(d.severity.rawValue)), ("file", .string(d.location.file)),
                             ("line", .int(d.location.line)), ("column", .int(d.location.column)),
                             ("found", .string(d.found)), ("expected", .string(d.expected)),
                             ("message", .string(d.description))])
                })),
            ])
            Terminal.out(json.rendered())
        case .text:
            printDiagnostics(diagnostics, toStdout: true)
            if valid {
                Terminal.out("\(dataset): valid (\(counts); \(warnings) warning\(warnings == 1 ? "" : "s"))\n")
            } else {
                Terminal.out("\(dataset): \(plural(errors, "error")), \(plural(warnings, "warning"))\n")
            }
        }
        if !valid { throw Failure.invalidDataset([], summary: nil) }  // the report is on stdout
    }
}
