/// Where a value came from: a file of the dataset (as the user names it,
/// e.g. `staff.csv`), a 1-based line and a 1-based column.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// One problem found in a dataset, printed like a compiler finding:
/// `staff.csv:4:3: error: found "-5", expected a cost_per_hour >= 0`.
public struct Diagnostic: Error, Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error, warning

        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    public var severity: Severity
    public var location: SourceLocation
    /// What was found, already quoted where it is a value.
    public var found: String
    /// What was expected, phrased so that it says how to fix it.
    public var expected: String

    public init(_ severity: Severity, at location: SourceLocation, found: String, expected: String) {
        self.severity = severity
        self.location = location
        self.found = found
        self.expected = expected
    }

    public var description: String { "\(location): \(severity.rawValue): found \(found), expected \(expected)" }

    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.location, a.severity, a.found, a.expected) < (b.location, b.severity, b.found, b.expected)
    }
}

/// A dataset that failed validation: every problem, errors and warnings.
public struct DatasetError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics.sorted() }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// A value with the place it was read from.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

/// Quotes a user value for a diagnostic: `"abc"`, or `an empty cell`.
func quoted(_ text: String) -> String {
    if text.isEmpty { return "an empty value" }
    let shown = text.count > 60 ? String(text.prefix(57)) + "..." : text
    // What a reader cannot see is written out: control and format
    // characters (a zero-width space, a byte order mark), and spaces other
    // than the plain one (`"50\u{A0}"`, which printed as "50 ").
    var out = "\""
    for c in shown.unicodeScalars {
        switch c {
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case " ": out += " "
        default:
            let p = c.properties
            if [.control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned]
                .contains(p.generalCategory) || p.isNoncharacterCodePoint
            {
                out += "\\u{" + String(c.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(c)
            }
        }
    }
    return out + "\""
}
