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
