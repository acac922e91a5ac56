import Foundation

/// `allot export`: a plan folder into the formats trackers and calendars
/// import (FORMATS §1). Each format is a pure function of the plan document.
public enum ExportFormat: String, Sendable, CaseIterable {
    case jsonl
    case jiraCSV = "jira-csv"
    case asanaCSV = "asana-csv"
    case mspdi
    case ical
    case lp
    case mps
    case mathprog

    /// Formats whose importers match people by email.
    public var needsEmail: Bool { self == .jiraCSV || self == .asanaCSV }
}

public struct ExportOptions: Sendable {
    public enum Granularity: String, Sendable, CaseIterable { case assignment, period }
    public enum Assignee: String, Sendable, CaseIterable { case email, id }

    /// jira-csv: one issue per person and project, or per person, project and period.
    public var granularity: Granularity
    /// jira-csv, asana-csv: who the issue is assigned to.
    public var assignee: Assignee

    public init(granularity: Granularity = .assignment, assignee: Assignee = .email) {
        self.granularity = granularity
        self.assignee = assignee
    }
}

public enum ExportError: Error, Sendable, CustomStringConvertible {
    /// People with assignments but no email, for a format that needs emails.
    case missingEmails([String])
    case unknownPerson(String)

    public var description: String {
        switch self {
        case .missingEmails(let ids):
            return "these people have assignments but no email in staff.csv: \(ids.joined(separator: ", ")); add their emails (Jira and Asana match people by email) or export with --assignee id"
        case .unknownPerson(let id):
            return "nobody with the id \(id) has assignments in this plan"
        }
    }
}

extension PlanDocument {
    // MARK: - jsonl

    /// One assignment per line (the rows of assignments.csv with names).
    public func jsonl() -> String {
        rows.map { r in
            let person = person(r.staff), project = project(r.project)
            return JSON.object([
                ("staff_id", .string(r.staff)), ("staff_name", .string(person.displayName)), ("email", .optional(person.email)),
                ("project_id", .string(r.project)), ("project_name", .string(project.displayName)), ("skill", .string(r.skill)),
                ("period", .string(r.period)), ("period_start", .string(r.start.description)), ("period_end", .string(r.end.description)),
                ("hours", .num(r.hours)), ("cost", .num(r.cost)), ("locked_hours", .num(r.lockedHours)),
            ]).rendered(pretty: false) + "\n"
        }.joined()
    }

    // MARK: - Jira and Asana CSV

    func assignee(_ id: String, _ options: ExportOptions) -> String {
        options.assignee == .id ? id : (person(id).email ?? "")
    }

    /// The people a tracker format would need an email for, but who have none.
    public func peopleWithoutEmail() -> [String] {
        Array(Set(rows.map(\.staff))).filter { (person($0).email ?? "").isEmpty }.sorted()
    }

    /// Jira Cloud's CSV importer: date format yyyy-MM-dd, estimates in seconds.
    public func jiraCSV(_ options: ExportOptions) throws(ExportError) -> String {
        if options.assignee == .email {
            let missing = peopleWithoutEmail()
            if !missing.isEmpty { throw .missingEmails(missing) }
        }
        var out: [[String]] = []
        for group in byPersonAndProject {
            let person = person(group.staff), project = project(group.project)
            let chunks: [[Row]] = options.granularity == .period
                ? Dictionary(grouping: group.rows, by: \.period).values.sorted { $0[0].start < $1[0].start }
                : [group.rows]
            for rows in chunks {
                let hours = rows.reduce(0) { $0 + $1.hours }
                let cost = rows.reduce(0) { $0 + $1.cost }
                let first = rows.map(\.start).min()!, last = rows.map(\.end).max()!
                let periods = Array(Set(rows.map(\.period))).sorted()
                let skills = Array(Set(rows.map(\.skill))).sorted().joined(separator: ", ")
                let span = periods.count == 1 ? periods[0] : "\(periods.first!)..\(periods.last!)"
                var summary = oneLine("\(project.displayName) – \(person.displayName)")
                if options.granularity == .period { summary += " – \(periods[0])" }
                out.append([summary, "Task", assignee(group.staff, options), first.description, last.description,
                            String(Int((hours * 3600).rounded())), "allot",
                            "Planned \(format(hours))h of \(skills) (\(span)) by allot; cost \(format(cost)) \(currency)"])
            }
        }
        return csvText(header: ["Summary", "Issue Type", "Assignee", "Start date", "Due date", "Original Estimate", "Labels", "Description"],
                       rows: out)
    }

    /// Asana's CSV importer: Name first, dates MM/DD/YYYY, Section = project.
    public func asanaCSV(_ options: ExportOptions) throws(ExportError) -> String {
        if options.assignee == .email {
            let missing = peopleWithoutEmail()
            if !missing.isEmpty { throw .missingEmails(missing) }
        }
        func us(_ d: Day) -> String { let c = d.civil; return pad(c.month, 2) + "/" + pad(c.day, 2) + "/" + pad(c.year, 4) }
        let out = byPersonAndProject.map { group -> [String] in
            let person = person(group.staff), project = project(group.project)
            let hours = group.rows.reduce(0) { $0 + $1.hours }
            let skills = Array(Set(group.rows.map(\.skill))).sorted().joined(separator: ", ")
            let first = group.rows.map(\.start).min()!, last = group.rows.map(\.end).max()!
            return [oneLine("\(project.displayName) – \(person.displayName)"), assignee(group.staff, options), us(first), us(last),
                    "Planned \(format(hours))h of \(skills) from \(first) to \(last) by allot", project.displayName]
        }
        return csvText(header: ["Name", "Assignee", "Start Date", "Due Date", "Description", "Section"], rows: out)
    }
}

/// Issue titles are single-line in Jira and Asana: line breaks become spaces.
func oneLine(_ s: String) -> String {
    s.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).joined(separator: " ")
}
