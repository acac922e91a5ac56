import Foundation
import Testing

@testable import AllotCore

/// A dataset folder written by a test into the temporary directory. Each call
/// gets its own folder, so tests may run in parallel.
struct TempDataset {
    let path: String

    /// Writes every `name: text` pair as a file (exact bytes of `text`, UTF-8).
    init(_ files: [String: String]) throws {
        let base = FileManager.default.temporaryDirectory
            .appendingPathComponent("allot-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: base.appendingPathComponent(name))
        }
        path = base.path
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Loads the folder; a DatasetMissing becomes a thrown error.
    func load() throws -> Dataset { try Dataset.load(from: path) }

    /// Loads and validates; records an issue with every diagnostic when validation fails.
    func portfolio(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Portfolio {
        switch try load().validate() {
        case .success(let p): return p
        case .failure(let e):
            Issue.record("dataset should be valid but is not:\n\(e.description)", sourceLocation: sourceLocation)
            throw e
        }
    }

    /// Loads, validates and builds the `Instance`.
    func instance(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Instance {
        Instance(try portfolio(sourceLocation: sourceLocation))
    }

    /// Loads and validates a dataset that must be invalid; records an issue when it is valid.
    func failure(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> DatasetError {
        switch try load().validate() {
        case .success:
            Issue.record("dataset should be invalid but validated", sourceLocation: sourceLocation)
            throw CancellationError()
        case .failure(let e): return e
        }
    }
}

/// Runs `body` with a temporary dataset made of `files`, removed afterwards.
@discardableResult
func withDataset<T>(_ files: [String: String], _ body: (TempDataset) throws -> T) throws -> T {
    let d = try TempDataset(files)
    defer { d.remove() }
    return try body(d)
}

/// A minimal manifest: a horizon and a period, plus optional extra lines.
func manifest(_ start: String, _ end: String, period: String = "week", extra: String = "") -> String {
    "name: test\nhorizon: {start: \(start), end: \(end), period: \(period)}\n" + extra
}

/// The package root: this file's folder (Tests/AllotCoreTests) up two levels.
let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // Tests/AllotCoreTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()  // package root

func day(_ iso: String) -> Day {
    guard let d = Day(iso: iso) else { fatalError("bad test date \(iso)") }
    return d
}
