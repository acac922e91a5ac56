import Foundation

/// A plan read back from its folder (plan.json, through `PlanFile`): what
/// `allot export` works from, so a plan can be exported again later without
/// solving. Every reference is checked on reading: each assignment's person
/// and project are in the plan's staff and projects.
public struct PlanDocument: Sendable {
    public typealias Person = PlanFile.Person
    public typealias ProjectInfo = PlanFile.ProjectInfo
    public typealias Row = PlanFile.AssignmentRow

    public var name: String?
    public var currency: String
    public var people: [Staff.ID: Person]
    public var projects: [Project.ID: ProjectInfo]
    public var rows: [Row]
    public var source: PlanSource?
    /// Stage name -> objective (full precision), in stage order.
    public var stageOptima: [(name: String, objective: Double?)]
    public var objective: String
    /// The whole of plan.json, for exports that show more than assignments (xlsx).
    public var file: PlanFile
    /// The plan folder it was read from (`read(from:)`), where the solver
    /// formats look for a dataset that plan.json names by a relative path.
    public var folder: String?

    /// Why plan.json could not be read: where (file, line, column, the field's
    /// JSON path) and what was wrong.
    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var line: Int?
        public var column: Int?
        /// `assignments[12].hours`; empty for the document as a whole.
        public var field: String
        public var reason: String

        public init(path: String, line: Int? = nil, column: Int? = nil, field: String = "", reason: String) {
            self.path = path
            self.line = line
            self.column = column
            self.field = field
            self.reason = reason
        }

        public var description: String {
            var place = path
            if let line, let column { place += ":\(line):\(column)" }
            return place + ": " + (field.isEmpty ? "" : field + ": ") + reason
        }
    }

    /// A plan written by this allot, checked: every person and project an
    /// assignment names is listed, and each period's dates lie in it.
    public init(_ file: PlanFile) throws(DecodingError) {
        func invalid(_ path: [any CodingKey], _ message: String) -> DecodingError {
            .dataCorrupted(.init(codingPath: path, debugDescription: message))
        }
        typealias Key = PlanFile.CodingKeys
        typealias RowKey = PlanFile.AssignmentRow.CodingKeys
        name = file.summary.name
        currency = file.summary.currency
        objective = file.summary.objective.rawValue
        source = file.source
        stageOptima = file.stageOptima.map { ($0.name, $0.objective) }
        people = [:]
        for (i, person) in file.staff.enumerated() {
            guard people.updateValue(person, forKey: person.id) == nil else {
                throw invalid([Key.staff, IndexKey(i), PlanFile.Person.CodingKeys.id], "\(person.id) is listed twice")
            }
        }
        projects = [:]
        for (i, project) in file.projects.enumerated() {
            guard projects.updateValue(project, forKey: project.id) == nil else {
                throw invalid([Key.projects, IndexKey(i), DynamicKey("id")], "\(project.id) is listed twice")
            }
        }
        for (i, row) in file.assignments.enumerated() {
            let at: [any CodingKey] = [Key.assignments, IndexKey(i)]
            guard people[row.staff] != nil else {
                throw invalid(at + [RowKey.staff], "\(row.staff) is not in the plan's staff")
            }
            guard projects[row.project] != nil else {
                throw invalid(at + [RowKey.project], "\(row.project) is not in the plan's projects")
            }
            guard row.period.contains(row.start) else {
                throw invalid(at + [RowKey.start], "\(row.start) is not in the period \(row.period)")
            }
            guard row.period.contains(row.end), row.start <= row.end else {
                throw invalid(
                    at + [RowKey.end],
                    "\(row.end) is not in the period \(row.period) on or after \(row.start)")
            }
            // No plan has negative hours: a hand edit that wrote -5 gave MS
            // Project a duration "PT-5H0M0S" and Jira a smaller estimate.
            guard row.hours >= 0 else {
                throw invalid(at + [RowKey.hours], "\(format(row.hours)) hours, expected 0 or more")
            }
            guard row.lockedHours >= 0, row.lockedHours <= row.hours + 0.005 else {
                throw invalid(
                    at + [RowKey.lockedHours], "\(format(row.lockedHours)) locked hours, expected 0 to its hours")
            }
        }
        rows = file.assignments
        self.file = file
    }

    /// Reads and checks `folder/plan.json`.
    public static func read(from folder: String) throws(ReadError) -> PlanDocument {
        let path = (folder as NSString).appendingPathComponent("plan.json")
        guard let data = InputFiles.contents(atPath: path) else {
            let reason =
                "no plan here (expected plan.json, written by `allot plan DATASET --out \(suggestedOut(folder, fallback: "PLAN_DIR"))`)"
            throw ReadError(path: folder, reason: reason)
        }
        var document = try read(Array(data), path: path)
        document.folder = folder
        return document
    }

    /// Reads plan.json's bytes; `path` names the file in errors.
    public static func read(_ bytes: [UInt8], path: String) throws(ReadError) -> PlanDocument {
        try decode(bytes, path: path) { try PlanDocument(try JSONValueDecoder().decode(PlanFile.self, from: $0)) }
    }

    /// Parses a file of allot's schema (plan.json, compare.json), checks its
    /// version, and reads it with `body`; every error names the file, line,
    /// column and field.
    static func decode<T>(
        _ bytes: [UInt8], path: String, again: String = "; write the plan again with `allot plan`",
        version expected: (number: Int, of: String) = (Plan.schemaVersion, "plans"),
        _ body: (ParsedJSON) throws -> T
    ) throws(ReadError) -> T {
        let document: ParsedJSON
        do throws(ParsedJSON.SyntaxError) { document = try ParsedJSON.parse(bytes) } catch {
            let (line, column) = ParsedJSON.lineAndColumn(of: error.offset, in: bytes)
            throw ReadError(path: path, line: line, column: column, reason: "not valid JSON: \(error.message)\(again)")
        }
        func readError(_ error: DecodingError) -> ReadError {
            let context: DecodingError.Context
            switch error {
            case .keyNotFound(_, let c), .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
                context = c
            @unknown default: return ReadError(path: path, reason: "\(error)")
            }
            // A missing field's path ends at its object, where the error points.
            let offset = document.deepest(along: context.codingPath).offset
            let (line, column) = ParsedJSON.lineAndColumn(of: offset, in: bytes)
            return ReadError(
                path: path, line: line, column: column, field: context.codingPath.jsonPath,
                reason: context.debugDescription + again)
        }
        do {
            // The version first: another version's fields would give misleading errors.
            let version = try JSONValueDecoder().decode(SchemaVersion.self, from: document).schemaVersion
            guard version == expected.number else {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: [SchemaVersion.CodingKeys.schemaVersion],
                        debugDescription: "this allot reads \(expected.of) of schema version \(expected.number), "
                            + "found \(version)"))
            }
            return try body(document)
        } catch let error as DecodingError {
            throw readError(error)
        } catch {
            throw ReadError(path: path, reason: "\(error)")
        }
    }

    private struct SchemaVersion: Decodable {
        var schemaVersion: Int

        enum CodingKeys: String, CodingKey { case schemaVersion = "schema_version" }
    }

    /// Rows grouped per person and project (the unit of a tracker issue),
    /// sorted by person, then project.
    public var byPersonAndProject: [(staff: Staff.ID, project: Project.ID, rows: [Row])] {
        var groups: [PersonAndProject: [Row]] = [:]
        var order: [PersonAndProject] = []
        for r in rows {
            let key = PersonAndProject(staff: r.staff, project: r.project)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(r)
        }
        return order.sorted { ($0.staff, $0.project) < ($1.staff, $1.project) }
            .map { ($0.staff, $0.project, groups[$0]!) }
    }

    private struct PersonAndProject: Hashable {
        var staff: Staff.ID
        var project: Project.ID
    }

    /// The people with assignments, in id order.
    public var assignedPeople: [Staff.ID] { Array(Set(rows.map(\.staff))).sorted() }

    /// A person an assignment names (reading checked that it is listed).
    public func person(_ id: Staff.ID) -> Person {
        guard let person = people[id] else {
            preconditionFailure("\(id) has assignments but is not in the plan's staff")
        }
        return person
    }

    /// A project an assignment names (reading checked that it is listed).
    public func project(_ id: Project.ID) -> ProjectInfo {
        guard let project = projects[id] else {
            preconditionFailure("\(id) has assignments but is not in the plan's projects")
        }
        return project
    }
}
