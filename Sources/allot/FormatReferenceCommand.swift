import ArgumentParser

/// `allot help format [TABLE]` (rewritten to this command in `Allot.main`), also `allot format-reference`.
struct FormatReferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "format-reference",
        abstract: "Print every key of allot.yaml and every column of the CSV tables (also: allot help format).",
        discussion: """
            For each key and column: required or optional, its type and allowed values, its
            unit, its default and what it means, as `allot validate` checks them.

            Examples:
              allot help format
              allot help format staff
              allot help format allot.yaml
              allot format-reference demand.csv | less

            Exit codes: 0 printed, 64 no such table.
            """
    )

    @Argument(help: "Only this file: allot.yaml, staff, projects, demand, leave, holidays or commitments.")
    var table: String?

    func validate() throws {
        if let table, FormatReference.section(named: table) == nil {
            throw ValidationError(
                "no file named \(table) in a dataset; give one of "
                    + FormatReference.sections.map(\.file).joined(separator: ", "))
        }
    }

    func run() throws {
        Terminal.out(FormatReference.text(table.flatMap(FormatReference.section(named:))))
    }
}
