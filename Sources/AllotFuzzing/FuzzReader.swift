import AllotCore
import Foundation

/// One reader of untrusted bytes that the fuzzers drive: the same code `allot`
/// runs on a dataset's CSV tables, its allot.yaml, or a plan folder's plan.json.
/// Every input must end in a value or a diagnostic: a crash, a hang or memory
/// that grows without bound is a defect (docs/fuzzing.md).
public enum FuzzReader: String, CaseIterable, Sendable {
    /// A CSV table (the table its header names best), decoded, parsed and
    /// validated in place of that table of the base dataset.
    case csv
    /// allot.yaml, decoded, parsed (alias bound included) and validated with the base dataset's tables.
    case yaml
    /// plan.json, read and checked as `allot export` reads it, then exported as JSON Lines, Jira CSV and iCalendar.
    case plan

    /// What an input came to.
    public enum Outcome: Sendable, Equatable {
        /// Read (and for datasets, validated) without an error.
        case accepted
        /// Refused with a diagnostic or a read error, as a user would see it.
        case refused
    }

    /// Feeds `bytes` to the reader, with `base` standing in for the files the input does not replace.
    public func run(_ bytes: [UInt8], base: FuzzBase) -> Outcome {
        switch self {
        case .csv: return Self.runCSV(bytes, base: base)
        case .yaml: return Self.runYAML(bytes, base: base)
        case .plan: return Self.runPlan(bytes)
        }
    }

    private static func runCSV(_ bytes: [UInt8], base: FuzzBase) -> Outcome {
        let table = table(named: bytes)
        guard case .success(let text) = Dataset.decodeText(Data(bytes), file: table.fileName) else { return .refused }
        let (csv, found) = CSVTable.parse(text, file: table.fileName)
        var dataset = base.dataset
        dataset.tables[table] = csv
        dataset.readDiagnostics = found
        return validated(dataset)
    }

    private static func runYAML(_ bytes: [UInt8], base: FuzzBase) -> Outcome {
        let file = Dataset.manifestFile
        guard case .success(let text) = Dataset.decodeText(Data(bytes), file: file) else { return .refused }
        guard case .success(let manifest) = ManifestNode.parse(text, file: file) else { return .refused }
        var dataset = base.dataset
        dataset.manifest = manifest
        return validated(dataset)
    }

    private static func validated(_ dataset: Dataset) -> Outcome {
        switch dataset.validate() {
        case .success: return .accepted
        case .failure(let error):
            // The message a user reads is part of the path under test.
            _ = error.description
            return .refused
        }
    }

    private static func runPlan(_ bytes: [UInt8]) -> Outcome {
        let document: PlanDocument
        do { document = try PlanDocument.read(bytes, path: "plan.json") } catch {
            _ = error.description
            return .refused
        }
        // What export does next with a plan it accepted: file names and cells from its ids and numbers.
        for format in [ExportFormat.jsonl, .jiraCSV, .ical] {
            _ = try? format.exporter.export(document, options: ExportOptions(assignee: .id))
        }
        return .accepted
    }

    /// The table whose columns the first line of `bytes` names most often (staff when none).
    public static func table(named bytes: [UInt8]) -> Table {
        let firstLine = bytes.prefix { $0 != 0x0A && $0 != 0x0D }
        let cells = Set(String(decoding: firstLine, as: UTF8.self).split(separator: ",").map(String.init))
        var best = Table.staff
        var bestCount = 0
        for table in Table.allCases {
            let count = table.columns.filter(cells.contains).count
            if count > bestCount { (best, bestCount) = (table, count) }
        }
        return best
    }
}

/// The dataset whose files stand in for those an input does not replace.
public struct FuzzBase: Sendable {
    public var dataset: Dataset

    public init(dataset: Dataset) { self.dataset = dataset }

    /// Loads the dataset folder `folder` (e.g. datasets/tiny).
    public init(folder: String) throws {
        dataset = try Dataset.load(from: folder)
    }
}
