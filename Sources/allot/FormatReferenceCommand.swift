import AllotCore
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
            let files = FormatReference.sections.map(\.file)
            let names = files + files.map { $0.hasSuffix(".csv") ? String($0.dropLast(4)) : $0 }
            throw ValidationError(
                "no file named \(quotedArgument(table)) in a dataset\(didYouMean(table, among: names)); give one of "
                    + files.joined(separator: ", "))
        }
    }

    func run() throws {
        Terminal.out(FormatReference.text(table.flatMap(FormatReference.section(named:))))
    }
}
