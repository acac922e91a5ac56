import Foundation

/// A dataset as read from its folder: the manifest tree and the CSV tables,
/// every value still text and still remembering its file, line and column.
/// Scenarios are functions `Dataset -> Dataset`; `validate()` turns a dataset
/// into a typed `Portfolio` or the list of everything wrong with it.
public struct Dataset: Sendable, Hashable {
    /// The folder it was read from (for messages and default output paths).
    public var folder: String
    public var manifest: ManifestNode
    /// The tables present; optional ones may be missing.
    public var tables: [Table: CSVTable]
    /// Problems met while reading (CSV syntax); validation adds its own.
    public var readDiagnostics: [Diagnostic]

    public init(folder: String, manifest: ManifestNode, tables: [Table: CSVTable], readDiagnostics: [Diagnostic] = []) {
        self.folder = folder
        self.manifest = manifest
        self.tables = tables
        self.readDiagnostics = readDiagnostics
    }
}

/// The tables of SPEC §2, with their columns.
public enum Table: String, Sendable, CaseIterable, Hashable, Comparable {
    case staff, projects, demand, leave, holidays, commitments

    public var fileName: String { rawValue + ".csv" }

    public var isRequired: Bool { self == .staff || self == .projects || self == .demand }

    /// Columns in SPEC order; required ones first in the `required` set.
    public var columns: [String] {
        switch self {
        case .staff: return ["id", "name", "email", "cost_per_hour", "hours_per_week", "skills", "start", "end"]
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

    /// Reads a dataset folder. Throws `DatasetMissing` when the folder or its
    /// manifest does not exist; every other problem becomes a diagnostic.
    /// Reads only: nothing in the folder is ever written or modified.
    public static func load(from folder: String) throws(DatasetMissing) -> Dataset {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) else {
            throw DatasetMissing(path: folder, reason: "no such dataset folder (expected a folder holding allot.yaml and CSV tables)")
        }
        guard isDir.boolValue else {
            throw DatasetMissing(path: folder, reason: "not a folder (a dataset is a folder holding allot.yaml and CSV tables)")
        }
        let manifestPath = (folder as NSString).appendingPathComponent(manifestFile)
        guard let manifestData = FileManager.default.contents(atPath: manifestPath) else {
            throw DatasetMissing(path: manifestPath, reason: "no manifest (create allot.yaml with at least `horizon: {start: YYYY-MM-DD, end: YYYY-MM-DD}`)")
        }
        var diagnostics: [Diagnostic] = []
        let manifest: ManifestNode
        switch decodeText(manifestData, file: manifestFile) {
        case .failure(let d):
            diagnostics.append(d)
            manifest = .mapping([], SourceLocation(file: manifestFile, line: 1, column: 1))
        case .success(let text):
            switch ManifestNode.parse(text, file: manifestFile) {
            case .success(let node): manifest = node
            case .failure(let d):
                diagnostics.append(d)
                manifest = .mapping([], SourceLocation(file: manifestFile, line: 1, column: 1))
            }
        }
        var tables: [Table: CSVTable] = [:]
        for table in Table.allCases {
            let path = (folder as NSString).appendingPathComponent(table.fileName)
            guard let data = FileManager.default.contents(atPath: path) else {
                if table.isRequired {
                    diagnostics.append(Diagnostic(.error, at: SourceLocation(file: table.fileName, line: 1, column: 1),
                                                  found: "no file \(table.fileName) in the dataset",
                                                  expected: "a CSV file with the header \(table.columns.joined(separator: ","))"))
                }
                continue
            }
            switch decodeText(data, file: table.fileName) {
            case .failure(let d): diagnostics.append(d)
            case .success(let text):
                let (csv, found) = CSVTable.parse(text, file: table.fileName)
                diagnostics += found
                tables[table] = csv
            }
        }
        return Dataset(folder: folder, manifest: manifest, tables: tables, readDiagnostics: diagnostics)
    }

    static func decodeText(_ data: Data, file: String) -> Result<String, Diagnostic> {
        guard let text = String(data: data, encoding: .utf8) else {
            // Find the line of the first bad byte for the message.
            var line = 1, column = 1
            var index = data.startIndex
            var valid = 0
            let bytes = [UInt8](data)
            while index < bytes.count {
                let b = bytes[index]
                let width = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
                if width == 0 || index + width > bytes.count || !bytes[index + 1 ..< index + width].allSatisfy({ $0 >> 6 == 0b10 }) { break }
                if b == 0x0A { line += 1; column = 1 } else { column += 1 }
                index += width
                valid += 1
            }
            return .failure(Diagnostic(.error, at: SourceLocation(file: file, line: line, column: column),
                                       found: "bytes that are not UTF-8 (byte 0x\(String(bytes[min(index, bytes.count - 1)], radix: 16)))",
                                       expected: "UTF-8 text (in Excel: Save As \"CSV UTF-8\")"))
        }
        return .success(text)
    }
}

extension Dataset {
    /// FNV-1a (64 bit) over the names and bytes of the dataset's files, in a
    /// fixed order: the same files give the same text on every machine.
    public static func fingerprint(of folder: String) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        func mix<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
            for b in bytes {
                hash ^= UInt64(b)
                hash = hash &* 0x100000001b3
            }
        }
        for name in [manifestFile] + Table.allCases.map(\.fileName) {
            guard let data = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(name)) else { continue }
            mix(name.utf8)
            mix([0])
            mix(data)
            mix([0])
        }
        let hex = String(hash, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
