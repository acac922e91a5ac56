import Foundation

/// A dataset as read from its folder: the manifest tree and the CSV tables,
/// every value still text and still remembering its file, line and column.
/// Scenarios are functions `Dataset -> Dataset`; `validate()` turns a dataset
/// into a typed `Portfolio` or the list of everything wrong with it.
public struct Dataset: Sendable, Hashable {
    public var manifest: ManifestNode
    /// The tables present; optional ones may be missing.
    public var tables: [Table: CSVTable]
    /// Problems met while reading (CSV syntax); validation adds its own.
    public var readDiagnostics: [Diagnostic]

    public init(manifest: ManifestNode, tables: [Table: CSVTable], readDiagnostics: [Diagnostic] = []) {
        self.manifest = manifest
        self.tables = tables
        self.readDiagnostics = readDiagnostics
    }

    /// Whether allot.yaml could not be read (a YAML error): it then declares
    /// no scenario, and its error is what to report, not a missing scenario.
    public var manifestUnreadable: Bool {
        readDiagnostics.contains { $0.severity == .error && $0.location.file == Dataset.manifestFile }
    }
}

/// The tables of docs/dataset-format.md, with their columns.
public enum Table: String, Sendable, CaseIterable, Hashable, Comparable {
    case staff, projects, demand, leave, holidays, commitments

    public var fileName: String { rawValue + ".csv" }

    public var isRequired: Bool { self == .staff || self == .projects || self == .demand }

    /// Columns in the order of docs/dataset-format.md; required ones first in the `required` set.
    public var columns: [String] {
        switch self {
        case .staff:
            return ["id", "name", "email", "cost_per_hour", "hours_per_week", "skills", "start", "end", "paid"]
        case .projects: return ["id", "name", "priority", "start", "end", "budget"]
        case .demand: return ["project_id", "skill", "min_level", "hours_per_week", "total_hours", "start", "end"]
        case .leave: return ["staff_id", "start", "end", "hours_per_week"]
        case .holidays: return ["date", "name"]
        case .commitments: return ["staff_id", "project_id", "skill", "start", "end", "hours_per_week", "locked"]
        }
    }

    public var requiredColumns: Set<String> {
        switch self {
        case .staff: return ["id", "cost_per_hour", "skills"]
        case .projects: return ["id", "priority"]
        case .demand: return ["project_id", "skill"]
        case .leave: return ["staff_id", "start", "end"]
        case .holidays: return ["date"]
        case .commitments: return ["staff_id", "project_id", "skill", "start", "end", "hours_per_week"]
        }
    }

    /// The column holding the row's own id, for tables whose rows have one.
    public var idColumn: String? {
        switch self {
        case .staff, .projects: return "id"
        default: return nil
        }
    }

    public static func < (a: Table, b: Table) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Why a dataset could not be read at all (exit 66).
public struct DatasetMissing: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}

extension Dataset {
    public static let manifestFile = "allot.yaml"
    /// Every file a dataset is read from: allot.yaml and the tables.
    public static let fileNames = [manifestFile] + Table.allCases.map(\.fileName)

    /// Reads a dataset folder. Throws `DatasetMissing` when the folder or its
    /// manifest does not exist, or a file exists but cannot be read (exit 66);
    /// every other problem becomes a diagnostic. Only regular files are read
    /// (symbolic links to them are followed), each after checking its size.
    /// Reads only: nothing in the folder is ever written or modified.
    public static func load(from folder: String) throws(DatasetMissing) -> Dataset {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) else {
            throw DatasetMissing(
                path: folder, reason: "no such dataset folder (expected a folder holding allot.yaml and CSV tables)")
        }
        guard isDir.boolValue else {
            throw DatasetMissing(
                path: folder, reason: "not a folder (a dataset is a folder holding allot.yaml and CSV tables)")
        }
        var diagnostics: [Diagnostic] = []
        func at1(_ file: String) -> SourceLocation { SourceLocation(file: file, line: 1, column: 1) }
        // A file whose name is a typo of one allot reads ("holiday.csv",
        // "Staff.csv", "allot.yml") is named: without it the file would be
        // skipped without a word.
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        // Only names of the same kind of file: holidays.ics or leave.csv~ are not typos of a table.
        func misnamed(_ name: String) -> String? {
            let kinds = name == manifestFile ? [".yaml", ".yml"] : [".csv"]
            let candidates = entries.filter { entry in
                !fileNames.contains(entry) && kinds.contains { entry.lowercased().hasSuffix($0) }
            }
            return Validator.closest(to: name, among: candidates)
        }
        let manifestPath = (folder as NSString).appendingPathComponent(manifestFile)
        var manifest = ManifestNode.mapping([], at1(manifestFile))
        switch DatasetFile.contents(of: manifestPath, limit: DatasetLimits.manifestBytes) {
        case .absent:
            if let other = misnamed(manifestFile) {
                throw DatasetMissing(
                    path: manifestPath,
                    reason: "no manifest, but the folder has \(quoted(other)): rename it to \(manifestFile) "
                        + "(file names are exact, lowercase)")
            }
            throw DatasetMissing(
                path: manifestPath,
                reason: "no manifest (create allot.yaml with at least `horizon: {start: YYYY-MM-DD, end: YYYY-MM-DD}`)")
        case .unreadable(let reason):
            throw DatasetMissing(
                path: manifestPath,
                reason: "cannot be read (\(reason)); give the user running allot read access to it")
        case .refused(let found, let expected):
            diagnostics.append(Diagnostic(.error, at: at1(manifestFile), found: found, expected: expected))
        case .data(let data):
            switch decodeText(data, file: manifestFile) {
            case .failure(let d): diagnostics.append(d)
            case .success(let text):
                switch ManifestNode.parse(text, file: manifestFile) {
                case .success(let node): manifest = node
                case .failure(let d): diagnostics.append(d)
                }
            }
        }
        var tables: [Table: CSVTable] = [:]
        for table in Table.allCases {
            let path = (folder as NSString).appendingPathComponent(table.fileName)
            switch DatasetFile.contents(of: path, limit: DatasetLimits.tableBytes) {
            case .absent:
                let other = misnamed(table.fileName)
                if table.isRequired {
                    let rename = other.map { "; the folder has \(quoted($0)): rename it to \(table.fileName)" } ?? ""
                    diagnostics.append(
                        Diagnostic(
                            .error, at: at1(table.fileName),
                            found: "no file \(table.fileName) in the dataset",
                            expected: "a CSV file with the header \(table.columns.joined(separator: ","))\(rename)"))
                } else if let other {
                    diagnostics.append(
                        Diagnostic(
                            .warning, at: at1(other),
                            found: "the file \(quoted(other)), which allot does not read",
                            expected: "\(table.fileName) (rename it; as it is, the dataset has no \(table.rawValue))"))
                }
            case .unreadable(let reason):
                let remove = table.isRequired ? "" : ", or remove it if the dataset has no \(table.rawValue)"
                let access = "give the user running allot read access to it"
                throw DatasetMissing(path: path, reason: "cannot be read (\(reason)); \(access)\(remove)")
            case .refused(let found, let expected):
                let alternative = table.isRequired ? "" : " (or no \(table.fileName) at all, for no \(table.rawValue))"
                diagnostics.append(
                    Diagnostic(
                        .error, at: at1(table.fileName), found: found,
                        expected: expected + alternative))
            case .data(let data):
                // A byte that is not UTF-8 is an error, and the rest of the
                // table is still read (the bad bytes as U+FFFD), so that its
                // other problems show too: a Latin-1 staff.csv hid three.
                let text: String
                switch decodeText(data, file: table.fileName) {
                case .failure(let d):
                    diagnostics.append(d)
                    text = String(decoding: data, as: UTF8.self)
                case .success(let decoded): text = decoded
                }
                let (csv, found) = CSVTable.parse(text, file: table.fileName)
                if csv.header.isEmpty && !table.isRequired {
                    // An empty optional table means "no rows", like a missing one.
                    diagnostics += found.filter { $0 != CSVTable.emptyFile(table.fileName) }
                    continue
                }
                diagnostics += found
                tables[table] = csv
            }
        }
        return Dataset(manifest: manifest, tables: tables, readDiagnostics: diagnostics)
    }

    /// The text of a dataset file, or the place of its first byte that is not
    /// UTF-8 (overlong forms and surrogates included), at the line and column
    /// a text editor shows.
    public static func decodeText(_ data: Data, file: String) -> Result<String, Diagnostic> {
        if let text = String(data: data, encoding: .utf8) { return .success(text) }
        let bytes = [UInt8](data)
        var line = 1, column = 1
        var index = 0
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var previousCR = false
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                let scalar = Unicode.UTF8.decode(encoded)
                index += encoded.count
                if scalar == "\n" {
                    if !previousCR { line += 1 }
                    column = 1
                } else if scalar == "\r" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                previousCR = scalar == "\r"
            case .error:
                break loop
            case .emptyInput:
                break loop
            }
        }
        let bad = bytes[min(index, bytes.count - 1)]
        return .failure(
            Diagnostic(
                .error, at: SourceLocation(file: file, line: line, column: column),
                found: "bytes that are not UTF-8 (byte 0x\(String(bad, radix: 16)))",
                expected: file.hasSuffix(".csv")
                    ? "UTF-8 text (in Excel: Save As \"CSV UTF-8\")"
                    : "UTF-8 text (in your editor: save with the encoding UTF-8)"))
    }
}

extension Dataset {
    /// FNV-1a (64 bit) over the names and bytes of the dataset's files, in a
    /// fixed order: the same files give the same text on every machine.
    /// Files that `load` would not read (not regular, too large) are left out.
    public static func fingerprint(of folder: String) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        func mix<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
            for b in bytes {
                hash ^= UInt64(b)
                hash = hash &* 0x100000001b3
            }
        }
        for name in [manifestFile] + Table.allCases.map(\.fileName) {
            let limit = name == manifestFile ? DatasetLimits.manifestBytes : DatasetLimits.tableBytes
            let path = (folder as NSString).appendingPathComponent(name)
            guard case .data(let data) = DatasetFile.contents(of: path, limit: limit) else { continue }
            mix(name.utf8)
            mix([0])
            mix(data)
            mix([0])
        }
        let hex = String(hash, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
