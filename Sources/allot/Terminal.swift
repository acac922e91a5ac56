import AllotCore
import ArgumentParser
import Foundation

/// Exit codes (sysexits.h), SPEC §4.
enum Exit {
    static let conflicts = ExitCode(3)
    static let usage = ExitCode(64)
    static let invalidDataset = ExitCode(65)
    static let datasetMissing = ExitCode(66)
    static let internalError = ExitCode(70)
    static let cannotWrite = ExitCode(73)
}

/// stdout for results, stderr for everything else.
enum Terminal {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func err(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Colour only on a terminal, and never when NO_COLOR is set (no-color.org).
    static func colorEnabled(fd: Int32) -> Bool {
        if let v = ProcessInfo.processInfo.environment["NO_COLOR"], !v.isEmpty { return false }
        return isatty(fd) == 1
    }

    static func errorLine(_ message: String) {
        let red = colorEnabled(fd: 2)
        err((red ? "\u{1B}[31merror:\u{1B}[0m " : "error: ") + message)
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

extension Settings.Objective: ExpressibleByArgument {}

/// Loads a dataset folder, or exits 66 with a message saying what is missing.
func loadDataset(_ path: String) throws -> Dataset {
    do {
        return try Dataset.load(from: path)
    } catch {
        Terminal.errorLine(error.description)
        throw Exit.datasetMissing
    }
}

/// Prints diagnostics (errors first) to the given stream.
func printDiagnostics(_ diagnostics: [Diagnostic], toStdout: Bool) {
    let color = Terminal.colorEnabled(fd: toStdout ? 1 : 2)
    let text = diagnostics.sorted { ($0.severity, $0.location) < ($1.severity, $1.location) }.map { d -> String in
        guard color else { return d.description }
        let tag = d.severity == .error ? "\u{1B}[31merror:\u{1B}[0m" : "\u{1B}[33mwarning:\u{1B}[0m"
        return "\(d.location): \(tag) found \(d.found), expected \(d.expected)"
    }.joined(separator: "\n")
    guard !text.isEmpty else { return }
    if toStdout { Terminal.out(text + "\n") } else { Terminal.err(text) }
}

/// --progress: where solver progress goes (stderr).
enum ProgressMode: String, ExpressibleByArgument, CaseIterable {
    /// Text on stderr when it is a terminal, nothing otherwise.
    case auto
    /// Text on stderr always.
    case text
    /// One JSON object per line on stderr (machine-readable).
    case jsonl
    case off

    /// The reporter for this mode, or nil for none.
    func reporter() -> (@Sendable (StagedSolver.ProgressEvent) -> Void)? {
        let mode: ProgressMode = self == .auto ? (isatty(2) == 1 ? .text : .off) : self
        switch mode {
        case .off, .auto: return nil
        case .text:
            return { @Sendable e in
                var line = "[\(AllotCore.format(e.elapsed, decimals: 1))s] \(e.stage)"
                switch e.kind {
                case .start: line += ": solving"
                case .search:
                    line += ": incumbent \(e.incumbent.map { AllotCore.format($0, decimals: 2) } ?? "none")"
                        + ", bound \(e.bound.map { AllotCore.format($0, decimals: 2) } ?? "-")"
                        + (e.gap.map { ", gap \(AllotCore.format(100 * $0, decimals: 3))%" } ?? "")
                case .end:
                    line += ": \(e.status ?? "done")" + (e.incumbent.map { ", objective \(AllotCore.format($0, decimals: 2))" } ?? "")
                        + (e.gap.map { ", gap \(AllotCore.format(100 * $0, decimals: 3))%" } ?? "")
                }
                Terminal.err(line)
            }
        case .jsonl:
            return { @Sendable e in
                var fields: [(String, JSON)] = [("event", .string(e.kind.rawValue)), ("stage", .string(e.stage)),
                                                ("t", .num(e.elapsed, 3))]
                if let v = e.incumbent { fields.append(("objective", .num(v, 6))) }
                if let v = e.bound { fields.append(("bound", .num(v, 6))) }
                if let v = e.gap { fields.append(("gap", .num(v, 8))) }
                if let v = e.status { fields.append(("status", .string(v))) }
                Terminal.err(JSON.object(fields).rendered(pretty: false))
            }
        }
    }
}
