import Foundation
import Testing

@testable import AllotCore

/// `allot help format`: every column the validator knows, required exactly when the validator requires it,
/// and every key of allot.yaml it accepts. A column or key added to the validator fails this test until the
/// reference describes it.
@Suite(.serialized) struct FormatReferenceTests {
    @Test func everyColumnIsDescribedWithWhetherItIsRequired() throws {
        for table in Table.allCases {
            let r = try CLITests.allot("help", "format", table.rawValue)
            #expect(r.status == 0, "\(table): \(r.stderr)")
            let lines = r.stdout.split(separator: "\n").map(String.init)
            let title = "\(table.fileName) (\(table.isRequired ? "required" : "optional") file)"
            #expect(lines.first?.hasPrefix(title) == true)
            for column in table.columns {
                let line = lines.first { $0.hasPrefix("  \(column) ") }
                let words = line?.split(separator: " ").map(String.init) ?? []
                #expect(words.count >= 2, "\(table.fileName): no line for \(column)")
                let expected = table.requiredColumns.contains(column) ? "required," : "optional,"
                #expect(words.dropFirst().first == expected, "\(table.fileName) \(column): \(line ?? "")")
            }
            // Only the columns the validator knows, nothing else.
            let described = lines.filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
                .map { $0.split(separator: " ")[0] }
            #expect(described.map(String.init) == table.columns, "\(table.fileName)")
        }
    }

    @Test func everyManifestKeyIsDescribed() throws {
        let r = try CLITests.allot("help", "format", "allot.yaml")
        #expect(r.status == 0)
        let described = Set(
            r.stdout.split(separator: "\n").filter { $0.hasPrefix("  ") && !$0.hasPrefix("   ") }
                .map { String($0.split(separator: " ")[0]) })
        // Leaf keys: a key whose own path has no entry in the table of known keys.
        var leaves: Set<String> = []
        for (parent, keys) in Validator.manifestKeys {
            for key in keys {
                let path = parent.isEmpty ? key : parent + "." + key
                if Validator.manifestKeys[path] == nil { leaves.insert(path) }
            }
        }
        #expect(leaves.count > 10)
        #expect(
            described == leaves,
            "missing: \(leaves.subtracting(described).sorted()), extra: \(described.subtracting(leaves).sorted())")
        #expect(r.stdout.contains("{op: leave,") && r.stdout.contains("{op: scale,"))
    }

    /// Each number's range is the one validation enforces (`DatasetLimits`): the reference said "number of
    /// at least 0" for cost_per_hour, which validation refuses above 1,000,000.
    @Test func everyRangeIsTheOneValidationChecks() throws {
        let r = try CLITests.allot("help", "format")
        #expect(r.status == 0)
        // The reference wraps its lines: compare with every run of spaces and newlines as one space.
        let text = r.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        for range in DatasetLimits.all where range.field != "skills (level)" {
            let start = try #require(
                text.range(of: "\(range.file) (required file)") ?? text.range(of: "\(range.file) (optional file)"),
                "\(range.file)")
            let rest = text[start.upperBound...]
            let end = rest.range(of: " file): ")?.lowerBound ?? rest.endIndex
            let entry = try #require(
                rest[..<end].range(of: " \(range.field) required, ")
                    ?? rest[..<end].range(of: " \(range.field) optional, "),
                "\(range.file) \(range.field)")
            let type = rest[entry.upperBound...].prefix(range.text.count + 12)
            #expect(type.contains(range.text), "\(range.file) \(range.field): \(type)")
        }
    }

    @Test func helpFormatIsTheFormatReferenceCommandAndFitsTheTerminal() throws {
        let help = try CLITests.allot("help", "format")
        let command = try CLITests.allot("format-reference")
        #expect(help.status == 0 && command.status == 0)
        #expect(help.stdout == command.stdout)
        #expect(help.stdout.hasPrefix("A dataset is a folder with allot.yaml and CSV tables."))
        let widest = help.stdout.split(separator: "\n").map(\.count).max() ?? 0
        #expect(widest <= 80, "widest line \(widest)")
        // A table name with or without .csv; an unknown one is a usage error naming the choices.
        let staff = try CLITests.allot("help", "format", "staff").stdout
        #expect(try CLITests.allot("help", "format", "staff.csv").stdout == staff)
        let unknown = try CLITests.allot("help", "format", "people")
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("no file named 'people' in a dataset; give one of allot.yaml, staff.csv"))
        // The built-in help subcommand still answers for the commands.
        let plan = try CLITests.allot("help", "plan")
        // (ArgumentParser shortens plan's many options to "[<options>]" in the usage line.)
        #expect(plan.status == 0 && plan.stdout.contains("USAGE: allot plan [<options>] <dataset>"))
    }
}
