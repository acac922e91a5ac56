import AllotCore
import ArgumentParser
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// stdout for results, stderr for everything else.
///
/// A write that fails (a full disk, a closed stream) ends the program with exit 74 (EX_IOERR) and one line on
/// stderr, or silently when stderr itself is what failed: never a crash, never half a message. A reader that
/// goes away (`allot plan x | head -1`) ends it by SIGPIPE, silently, as it does every Unix filter.
enum Terminal {
    static func out(_ text: String) {
        write(text, to: STDOUT_FILENO)
    }

    /// With `plan --progress jsonl`, stderr is a stream of JSON objects, one per line, for a
    /// program to read: the progress events, and every other line allot writes there
    /// (`warning` and `error` events, `message` for the rest). Set once, before any work starts.
    nonisolated(unsafe) static var jsonLines = false

    static func err(_ text: String) {
        guard jsonLines else { return write(text.hasSuffix("\n") ? text : text + "\n", to: STDERR_FILENO) }
        // A line an event: GLPK's log under --verbose is many.
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0)
        {
            event([("event", .string("message")), ("text", .string(String(line)))])
        }
    }

    /// One JSON object on a line of stderr.
    static func event(_ fields: [(String, JSON)]) {
        write(JSON.object(fields).rendered(pretty: false) + "\n", to: STDERR_FILENO)
    }

    /// Colour only on a terminal, and never when NO_COLOR is set (no-color.org).
    static func colorEnabled(fd: Int32) -> Bool {
        if let v = ProcessInfo.processInfo.environment["NO_COLOR"], !v.isEmpty { return false }
        // A dumb terminal shows escape codes as text.
        if ProcessInfo.processInfo.environment["TERM"] == "dumb" { return false }
        return isatty(fd) == 1
    }

    /// The columns to fold to: `COLUMNS` when set (exported, it folds a pipe
    /// too), else what the terminal on `fd` says; nil otherwise (a file or a
    /// pipe gets lines at their full length).
    static func width(fd: Int32) -> Int? {
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(text), columns > 0 {
            return columns
        }
        guard isatty(fd) == 1 else { return nil }
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    static func errorLine(_ message: String) {
        guard !jsonLines else { return event([("event", .string("error")), ("message", .string(message))]) }
        let red = colorEnabled(fd: 2)
        err((red ? "\u{1B}[31merror:\u{1B}[0m " : "error: ") + message)
    }

    /// The standard streams that were closed when allot started. Each is reopened on /dev/null at once, so that
    /// no file allot opens later takes its number and receives terminal output; writing to it still fails.
    /// Evaluated once, first thing in `main`.
    static let closedAtStart: Set<Int32> = {
        var closed: Set<Int32> = []
        for fd in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            closed.insert(fd)
            let null = open("/dev/null", fd == STDIN_FILENO ? O_RDONLY : O_WRONLY)
            if null >= 0 && null != fd {  // open(2) returns the lowest free number: fd itself
                _ = dup2(null, fd)
                _ = close(null)
            }
        }
        return closed
    }()

    /// Writes all of `text` to `fd`, or ends the program (exit 74).
    static func write(_ text: String, to fd: Int32) {
        write(Array(shown(text, colour: colorEnabled(fd: fd)).utf8), to: fd)
    }

    /// Text as it may reach a terminal: line breaks and tabs stay, colour
    /// codes (ESC [ digits m) stay when the stream shows allot's colours, and
    /// every other control character becomes "?", so that a value from the
    /// command line or a file (an --person of "a\u{1B}[2J\u{07}") cannot
    /// drive the terminal; with NO_COLOR or on a pipe, where allot writes no
    /// colour, a colour code in such a value becomes "?[31m" too.
    static func shown(_ text: String, colour: Bool = true) -> String {
        // Most text has none (a plan's JSON on stdout may be megabytes): a
        // byte scan first; 0xC2 leads U+0080 to U+00BF, the C1 controls among them.
        guard text.utf8.contains(where: { ($0 < 0x20 && $0 != 10 && $0 != 9 && $0 != 13) || $0 == 0x7F || $0 == 0xC2 })
        else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if colour, c == "\u{1B}", i + 1 < scalars.count, scalars[i + 1] == "[" {
                var j = i + 2
                while j < scalars.count, ("0"..."9").contains(scalars[j]) || scalars[j] == ";" { j += 1 }
                if j < scalars.count, scalars[j] == "m" {
                    out.append(contentsOf: scalars[i...j])
                    i = j + 1
                    continue
                }
            }
            let stray = c.properties.generalCategory == .control && c != "\n" && c != "\t" && c != "\r"
            out.append(stray ? "?" : c)
            i += 1
        }
        return String(out)
    }

    /// Bytes to stdout (a binary export piped on).
    static func out(_ bytes: [UInt8]) { write(bytes, to: STDOUT_FILENO) }

    static func write(_ bytes: [UInt8], to fd: Int32) {
        if closedAtStart.contains(fd) { failed(fd, code: EBADF) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                failed(fd, code: errno)
            }
            written += n
        }
    }

    /// A stream could not be written: say so on stderr when that is not the broken one, then exit 74.
    static func failed(_ fd: Int32, code: Int32) -> Never {
        if fd != STDERR_FILENO && !closedAtStart.contains(STDERR_FILENO) {
            let name = fd == STDOUT_FILENO ? "standard output" : "file descriptor \(fd)"
            let message = "cannot write to \(name): \(String(cString: strerror(code)))"
            let text =
                jsonLines
                ? JSON.object([("event", .string("error")), ("message", .string(message))]).rendered(pretty: false)
                : "error: " + message
            let line = Array((text + "\n").utf8)
            _ = line.withUnsafeBytes { systemWrite(STDERR_FILENO, $0.baseAddress!, line.count) }
        }
        exit(Exit.ioError.rawValue)
    }
}

/// write(2), named apart from `Terminal.write`.
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, bytes, count)
}

/// Prints diagnostics (errors first) to the given stream.
extension Diagnostic {
    /// The same diagnostic with its file named as the user reaches it from
    /// where allot runs: `datasets/acme/staff.csv:2:43`, which a terminal or an
    /// editor opens at its line, as a compiler's messages are.
    func shown(in folder: String) -> Diagnostic {
        var d = self
        d.location.file = (folder as NSString).appendingPathComponent(location.file)
        return d
    }
}

func printDiagnostics(_ diagnostics: [Diagnostic], toStdout: Bool, in folder: String? = nil) {
    let color = Terminal.colorEnabled(fd: toStdout ? 1 : 2)
    let shown = folder.map { folder in diagnostics.map { $0.shown(in: folder) } } ?? diagnostics
    if Terminal.jsonLines && !toStdout {
        for d in shown.sorted(by: { ($0.severity, $0.location) < ($1.severity, $1.location) }) {
            Terminal.event([
                ("event", .string(d.severity.rawValue)), ("location", .string(d.location.description)),
                ("found", .string(d.found)), ("expected", .string(d.expected)),
            ])
        }
        return
    }
    let text = shown.sorted { ($0.severity, $0.location) < ($1.severity, $1.location) }.map { d -> String in
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
                case .build: line += ": " + (e.status ?? "building")
                case .start: line += ": solving"
                case .improved:
                    line +=
                        ": better plan \(e.incumbent.map { AllotCore.format($0, decimals: 2) } ?? "none")"
                        + (e.source.map { " (from \($0))" } ?? "")
                        + (e.bound.map { ", bound \(AllotCore.format($0, decimals: 2))" } ?? "")
                        + (e.gap.map { ", gap \(AllotCore.format(100 * $0, decimals: 3))%" } ?? "")
                case .search:
                    line +=
                        ": incumbent \(e.incumbent.map { AllotCore.format($0, decimals: 2) } ?? "none")"
                        + ", bound \(e.bound.map { AllotCore.format($0, decimals: 2) } ?? "-")"
                        + (e.gap.map { ", gap \(AllotCore.format(100 * $0, decimals: 3))%" } ?? "")
                case .end:
                    line +=
                        ": \(e.status ?? "done")"
                        + (e.incumbent.map { ", objective \(AllotCore.format($0, decimals: 2))" } ?? "")
                        + (e.gap.map { ", gap \(AllotCore.format(100 * $0, decimals: 3))%" } ?? "")
                }
                Terminal.err(line)
            }
        case .jsonl:
            return { @Sendable e in
                var fields: [(String, JSON)] = [
                    ("event", .string(e.kind.rawValue)), ("stage", .string(e.stage)),
                    ("t", .num(e.elapsed, 3)),
                ]
                if let v = e.incumbent { fields.append(("objective", .num(v, 6))) }
                if let v = e.bound { fields.append(("bound", .num(v, 6))) }
                if let v = e.gap { fields.append(("gap", .num(v, 8))) }
                if let v = e.status { fields.append(("status", .string(v))) }
                if let v = e.source { fields.append(("source", .string(v))) }
                Terminal.event(fields)
            }
        }
    }
}
