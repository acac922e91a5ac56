import Foundation
import LinearModel
import Spreadsheet

/// `allot export`: a plan folder into the formats trackers and calendars
/// import. Each format is one `PlanExporter`, a function of the plan document.
public enum ExportFormat: String, Sendable, CaseIterable {
    case jsonl
    case jiraCSV = "jira-csv"
    case asanaCSV = "asana-csv"
    case mspdi
    case ical
    case lp
    case mps
    case mathprog
    case xlsx

    /// Formats whose importers match people by email.
    public var needsEmail: Bool { self == .jiraCSV || self == .asanaCSV }

    /// The solver formats: their objective is the plan's cost, so they write
    /// every person's hourly rate (lp and mps as objective coefficients,
    /// mathprog as `param rate`). Exports carry rates only when asked, so
    /// these need `includeCost`.
    public var carriesRates: Bool { self == .lp || self == .mps || self == .mathprog }

    /// The exporter of this format.
    public var exporter: any PlanExporter {
        switch self {
        case .jsonl: return JSONLinesExporter()
        case .jiraCSV: return JiraCSVExporter()
        case .asanaCSV: return AsanaCSVExporter()
        case .mspdi: return MSPDIExporter()
        case .ical: return ICalendarExporter()
        case .lp: return LPExporter()
        case .mps: return MPSExporter()
        case .mathprog: return MathProgExporter()
        case .xlsx: return XLSXExporter()
        }
    }
}

/// An option of `allot export` that only some formats read. Giving it with
/// another format is a usage error, not silently nothing (`--to jsonl
/// --person alice` would export everyone).
public enum ExportOption: String, Sendable, CaseIterable {
    case granularity
    case assignee
    case person
    case dataset
    case includeCost = "include-cost"

    /// The formats that read it, in `ExportFormat` order.
    public var formats: [ExportFormat] {
        switch self {
        case .granularity: return [.jiraCSV]
        case .assignee: return [.jiraCSV, .asanaCSV]
        case .person: return [.ical]
        case .dataset: return [.lp, .mps, .mathprog]
        // Asana's description names hours, skills and dates only.
        case .includeCost: return ExportFormat.allCases.filter { $0 != .asanaCSV }
        }
    }

    /// "--person is read only by --to ical (not by jsonl): leave it out".
    public func notRead(by format: ExportFormat) -> String {
        let names = formats.map(\.rawValue)
        let list =
            names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
        return "--\(rawValue) is read only by --to \(list), not by --to \(format.rawValue): leave it out"
    }
}

/// One export format: a plan document in, a file's text or a folder of
/// files out. An exporter reads only the options that concern it.
public protocol PlanExporter: Sendable {
    /// The name `allot export --to` takes.
    static var exportFormat: ExportFormat { get }
    func export(_ plan: PlanDocument, options: ExportOptions) throws -> ExportOutput
}

/// What an export produces: the text of one file (or of stdout), several
/// files that go into one folder, or a workbook that the command line writes
/// as an XLSX file.
public enum ExportOutput: Sendable, Equatable {
    case file(String)
    case folder(ExportFolder)
    case workbook(Workbook)

    /// The text of a `.file` output (nil for a folder or a workbook).
    public var text: String? {
        if case .file(let text) = self { return text }
        return nil
    }
}

public struct ExportFolder: Sendable, Equatable {
    /// The folder's name when none is given, and what its files are: "calendars".
    public var defaultName: String
    /// File names (no slashes) and their texts, in the order to write them.
    public var files: [File]

    public struct File: Sendable, Equatable {
        public var name: String
        public var text: String
    }
}

public struct ExportOptions: Sendable {
    public enum Granularity: String, Sendable, CaseIterable { case assignment, period }
    public enum Assignee: String, Sendable, CaseIterable { case email, id }

    /// jira-csv: one issue per person and project, or per person, project and period.
    public var granularity: Granularity
    /// jira-csv, asana-csv: who the issue is assigned to.
    public var assignee: Assignee
    /// ical: only this person's calendar, as one file (every person's, as a folder, when nil).
    public var person: Staff.ID?
    /// lp, mps, mathprog: the dataset folder, when it is not where the plan says.
    public var dataset: String?
    /// lp, mps: the engine that writes the LP text (the command line hands in GLPK).
    public var solver: (any LinearSolver)?
    /// Rates and costs go into exports only when asked: exports are shared
    /// more widely than plans.
    public var includeCost: Bool

    public init(
        granularity: Granularity = .assignment, assignee: Assignee = .email, person: Staff.ID? = nil,
        dataset: String? = nil, solver: (any LinearSolver)? = nil, includeCost: Bool = false
    ) {
        self.granularity = granularity
        self.assignee = assignee
        self.person = person
        self.dataset = dataset
        self.solver = solver
        self.includeCost = includeCost
    }
}

public enum ExportError: Error, Sendable, CustomStringConvertible {
    /// People with assignments but no email, for a format that needs emails.
    case missingEmails([Staff.ID])
    /// No assignments for this id; `among`: the people who have some.
    case unknownPerson(Staff.ID, among: [String])
    /// lp and mps need a solver engine to write their text.
    case noSolver
    /// lp, mps and mathprog write hourly rates, and costs were not asked for.
    case ratesNotIncluded(ExportFormat)

    public var description: String {
        switch self {
        case .missingEmails(let ids):
            let list = ids.map(\.rawValue).joined(separator: ", ")
            return "these people have assignments but no email in staff.csv: \(list); "
                + "add their emails (Jira and Asana match people by email) or export with --assignee id"
        case .unknownPerson(let id, let among):
            return "nobody with the id \"\(id)\" has assignments in this plan"
                + Validator.suggestion(id.rawValue, among: among)
        case .noSolver:
            return "the lp and mps exports need a solver engine to write their text"
        case .ratesNotIncluded(let format):
            return "--to \(format.rawValue) writes every person's hourly rate (the solver formats lp, mps and "
                + "mathprog carry the plan's costs in their objective); exports carry rates only when asked, "
                + "so add --include-cost"
        }
    }
}

// What the tracker formats (jira-csv, asana-csv) share.
extension PlanDocument {
    /// Who a tracker issue is assigned to: the person's email, or the id.
    func assignee(_ id: Staff.ID, _ options: ExportOptions) -> String {
        options.assignee == .id ? id.rawValue : (person(id).email ?? "")
    }

    /// The people a tracker format would need an email for, but who have none.
    public func peopleWithoutEmail() -> [Staff.ID] {
        Array(Set(rows.map(\.staff))).filter { (person($0).email ?? "").isEmpty }.sorted()
    }

    /// Throws when assigning by email and someone has no email.
    func requireEmails(_ options: ExportOptions) throws(ExportError) {
        guard options.assignee == .email else { return }
        let missing = peopleWithoutEmail()
        if !missing.isEmpty { throw .missingEmails(missing) }
    }
}

/// Issue titles are single-line in Jira and Asana: line breaks become spaces.

/// `s` without control characters: line breaks and tabs become spaces, every
/// other control character (NUL, BEL, ESC, DEL, the C1 controls U+0080 to
/// U+009F...) is dropped, so none reaches an exported file or a terminal.
/// The noncharacters U+FFFE and U+FFFF, which XML 1.0 forbids (an MS Project
/// file or a workbook holding one does not open), are dropped too.
public func printable(_ s: String) -> String {
    guard s.unicodeScalars.contains(where: unprintable) else { return s }
    var out = String.UnicodeScalarView()
    for u in s.unicodeScalars {
        if !unprintable(u) {
            out.append(u)
        } else if u == "\n" || u == "\r" || u == "\t" {
            if out.last != " " { out.append(" ") }
        }
    }
    return String(out)
}

/// What no export writes as it is: a control character (C0, DEL, C1; line
/// breaks and tabs become spaces or escapes, each format says which), or
/// U+FFFE or U+FFFF.
func unprintable(_ u: Unicode.Scalar) -> Bool {
    u.properties.generalCategory == .control || u.value == 0xFFFE || u.value == 0xFFFF
}

/// A CSV cell a spreadsheet would run as a formula (starting with =, +, -,
/// @, a tab or a carriage return) gets a leading apostrophe, which shows the
/// text as it is (OWASP's advice for CSV injection).
public func spreadsheetSafe(_ s: String) -> String {
    guard let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return s }
    return "'" + s
}

/// The longest start of `s` made of whole characters (an emoji, a flag or a
/// ZWJ sequence is never split) whose sizes, by `size`, add up to at most
/// `room`: where an export cuts a text its target limits (Jira's Summary in
/// UTF-16 units, MS Project's Name in Unicode scalars).
func wholeCharacters(of s: String, within room: Int, size: (Character) -> Int) -> String {
    var kept = "", used = 0
    for character in s {
        used += size(character)
        if used > room { break }
        kept.append(character)
    }
    return kept
}

/// An exported CSV cell: printable, and never a formula.
func exportCell(_ s: String) -> String { spreadsheetSafe(printable(s)) }
