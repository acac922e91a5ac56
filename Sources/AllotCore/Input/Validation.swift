/// Turns a `Dataset` into a `Portfolio`, collecting every problem first, like a
/// compiler: each with file, line, column, what was found and what was expected.
extension Dataset {
    /// The typed portfolio, or every error (with the warnings) when there is one.
    public func validate() -> Result<Portfolio, DatasetError> {
        var v = Validator()
        v.diagnostics = readDiagnostics
        let portfolio = v.run(self)
        if v.diagnostics.contains(where: { $0.severity == .error }) {
            return .failure(DatasetError(v.diagnostics))
        }
        var result = portfolio
        result.warnings = v.diagnostics.sorted()
        return .success(result)
    }
}

/// The rules of docs/dataset-format.md, applied to text. One instance per validation run.
struct Validator {
    var diagnostics: [Diagnostic] = []

    static let idLimit = DatasetLimits.nameLength
    /// Unknown columns of one header warned one by one; the rest in one warning.
    static let unknownColumnsNamed = 5
    /// How ids and skill names are written, for messages.
    static let idRule =
        "letters, digits, '.', '_' and '-' starting with a letter or digit, at most \(idLimit) characters"

    mutating func error(_ at: SourceLocation, found: String, expected: String) {
        diagnostics.append(Diagnostic(.error, at: at, found: found, expected: expected))
    }

    mutating func warning(_ at: SourceLocation, found: String, expected: String) {
        diagnostics.append(Diagnostic(.warning, at: at, found: found, expected: expected))
    }

    /// False when the manifest could not be read or its horizon is broken:
    /// checks against the horizon are then skipped, so the one real error is
    /// not buried under errors against a horizon nobody wrote.
    var horizonKnown = true
    var writtenStaff: Set<String> = []
    var writtenProjects: Set<String> = []
    /// Tables whose rows could not be read at all (missing, empty, the wrong
    /// separator, no id column): references into them are not checked, so
    /// one broken file gives one error, not one per row that points at it.
    var unusable: Set<Table> = []
    /// Every skill of every valid staff row, with its cell, in file order.
    var staffSkills: [(skill: String, at: SourceLocation)] = []
    /// The best level of each skill written on any staff row, rows with
    /// other errors included (0 when only unreadable levels were written):
    /// a demand line is warned that nobody has its skill, or not at its
    /// level, against these, not against the valid rows only (a person
    /// whose cost is broken still has their skills).
    var writtenBestLevel: [String: Int] = [:]
    /// Skills written on some staff row with a level that could not be read
    /// (`swift:7`): no demand line is warned about their level.
    var levelUnread: Set<String> = []
    /// Some staff row has a skill whose name could not be read (`swift-4`),
    /// or a row of the wrong width: the skill a demand line asks for may be
    /// there, so no demand line is warned about skills.
    var staffSkillsUnread = false

    mutating func run(_ dataset: Dataset) -> Portfolio {
        let manifestUnreadable = dataset.manifestUnreadable
        var settings = defaultSettings(horizon: Validator.fallbackHorizon)
        if manifestUnreadable { horizonKnown = false } else { settings = readSettings(dataset.manifest) }
        let horizon: DayRange? = horizonKnown ? settings.horizon : nil
        var staff: [Staff] = []
        var projects: [Project] = []
        var demand: [DemandLine] = []
        var leave: [Leave] = []
        var holidays: [Holiday] = []
        var commitments: [Commitment] = []

        for table in Table.allCases where table.isRequired && dataset.tables[table] == nil { unusable.insert(table) }
        if let t = dataset.tables[.staff], var rows = columns(of: t, .staff) {
            staff = readStaff(&rows)
        }
        if let t = dataset.tables[.projects], var rows = columns(of: t, .projects) {
            projects = readProjects(&rows)
        }
        let staffByID = Dictionary(staff.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let projectByID = Dictionary(projects.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // Ids written in the tables, valid rows or not: a reference to a row
        // that has its own error is not reported again.
        writtenStaff = Set(dataset.ids(.staff))
        writtenProjects = Set(dataset.ids(.projects))
        if let t = dataset.tables[.demand], var rows = columns(of: t, .demand) {
            demand = readDemand(&rows, projects: projectByID, horizon: horizon)
        }
        if let t = dataset.tables[.leave], var rows = columns(of: t, .leave) {
            leave = readLeave(&rows, staff: staffByID, defaultHoursPerWeek: settings.defaultHoursPerWeek)
        }
        if let t = dataset.tables[.holidays], var rows = columns(of: t, .holidays) {
            holidays = readHolidays(&rows)
        }
        if let t = dataset.tables[.commitments], var rows = columns(of: t, .commitments) {
            commitments = readCommitments(&rows, staff: staffByID, projects: projectByID, horizon: horizon)
        }
        for table in [Table.staff, .projects, .demand] {
            guard let t = dataset.tables[table], t.records.isEmpty, !unusable.contains(table) else { continue }
            warning(
                t.header[0].location, found: "no rows in \(table.fileName): \(Validator.emptyMeaning[table]!)",
                expected: "rows below the header \(t.header.map(\.text).joined(separator: ","))")
        }
        if let t = dataset.tables[.demand], !t.records.isEmpty, !unusable.contains(.demand) {
            // Skills asked for anywhere, in rows with errors too: only real strays are warned about.
            let asked = Set(dataset.column(.demand, "skill") + dataset.column(.commitments, "skill"))
            warnUnaskedSkills(asked: asked)
        }
        let objective = manifestUnreadable ? nil : dataset.manifest["objective"]
        return Portfolio(
            settings: settings, staff: staff, projects: projects, demand: demand, leave: leave,
            holidays: holidays, commitments: commitments, warnings: [],
            objectiveOrigin: objective.flatMap { $0.isNull ? nil : $0.location })
    }

    // MARK: - Header

    /// Maps the header to known columns: case-insensitive, unknown columns
    /// warned about, missing required columns and repeated columns are errors.
    mutating func columns(of table: CSVTable, _ kind: Table) -> RowReader? {
        guard !table.header.isEmpty else {  // an empty file, reported when it was read
            unusable.insert(kind)
            return nil
        }
        if let separator = Validator.wrongSeparator(table.header, kind) {
            error(
                table.header[0].location,
                found: "columns separated by \(separator.name): \(quoted(table.header[0].text))",
                expected: "comma-separated columns (save \(kind.fileName) as \"CSV UTF-8 (Comma delimited)\", "
                    + "or replace each \(separator.character) between columns with a comma)")
            unusable.insert(kind)
            return nil
        }
        var index: [String: Int] = [:]
        var unknownCells: [CSVTable.Cell] = []
        for (i, cell) in table.header.enumerated() {
            let name = cell.text.trimmedSpaces.lowercased()
            if kind.columns.contains(name) {
                if index[name] != nil {
                    error(
                        cell.location, found: "the column \(quoted(cell.text.trimmedSpaces)) a second time",
                        expected: "each column once (names differing only in case are the same column)")
                } else {
                    index[name] = i
                }
            } else {
                unknownCells.append(cell)
            }
        }
        // The first few unknown columns are named one by one, the rest in one
        // warning: a header of 100,000 columns gave 1,000 warnings.
        for cell in unknownCells.prefix(Self.unknownColumnsNamed) {
            warning(
                cell.location,
                found: cell.text.trimmedSpaces.isEmpty
                    ? "a column without a name" : "an unknown column \(quoted(cell.text))",
                expected: "one of \(kind.columns.joined(separator: ", "))"
                    + "\(suggestion(cell.text.trimmedSpaces, among: kind.columns)) (the column is ignored)")
        }
        if unknownCells.count > Self.unknownColumnsNamed,
            let first = unknownCells.dropFirst(Self.unknownColumnsNamed).first,
            let last = unknownCells.last
        {
            warning(
                first.location,
                found: "\(formatGrouped(Double(unknownCells.count - Self.unknownColumnsNamed))) more unknown columns, "
                    + "\(quoted(first.text)) to \(quoted(last.text))",
                expected: "one of \(kind.columns.joined(separator: ", ")) (the columns are ignored)")
        }
        let unknown = unknownCells.map(\.text.trimmedSpaces)
        let missing = kind.requiredColumns.filter { index[$0] == nil }.sorted {
            kind.columns.firstIndex(of: $0)! < kind.columns.firstIndex(of: $1)!
        }
        let at = table.header[0].location
        if let idColumn = kind.idColumn, missing.contains(idColumn) { unusable.insert(kind) }
        let required = kind.requiredColumns.sorted {
            kind.columns.firstIndex(of: $0)! < kind.columns.firstIndex(of: $1)!
        }
        for name in missing {
            // A typo of the column ("cost_per_hr") is named, with the fix.
            let rename = Validator.closest(to: name, among: unknown).map { "; rename \(quoted($0)) to \(name)" } ?? ""
            error(
                at,
                found: "no column \(quoted(name)) in the header (\(table.header.map(\.text).joined(separator: ",")))",
                expected: "a header with the required columns \(required.joined(separator: ", "))\(rename)")
        }
        return RowReader(table: table, index: index, width: table.header.count)
    }

    /// What an empty required table means, for its warning.
    static let emptyMeaning: [Table: String] = [
        .staff: "nobody to plan", .projects: "no projects to staff", .demand: "nothing to staff",
    ]

    /// Semicolons (Excel in much of Europe) or tabs where commas belong: the
    /// header is one cell that splits into known column names.
    static func wrongSeparator(_ header: [CSVTable.Cell], _ kind: Table) -> (name: String, character: String)? {
        guard header.count == 1 else { return nil }
        for (name, character) in [("semicolons", ";"), ("tabs", "\t")] {
            let parts = header[0].text.split(separator: Character(character))
                .map { String($0).trimmedSpaces.lowercased() }
            if parts.count >= 2 && parts.contains(where: kind.columns.contains) {
                return (name, character == "\t" ? "tab" : "';'")
            }
        }
        return nil
    }

    /// Staff skills that no demand line (nor commitment) asks for: one warning
    /// per skill, at its first cell, with the asked-for skill it may be a typo of.
    mutating func warnUnaskedSkills(asked: Set<String>) {
        var first: [String: SourceLocation] = [:]
        var holders: [String: Int] = [:]
        var order: [String] = []
        for (skill, at) in staffSkills where !asked.contains(skill) {
            if first[skill] == nil {
                first[skill] = at
                order.append(skill)
            }
            holders[skill, default: 0] += 1
        }
        let known = asked.sorted()
        for skill in order {
            let count = holders[skill]!
            let who = count == 1 ? "" : " (held by \(count) people, first here)"
            warning(
                first[skill]!, found: "the skill \(quoted(skill))\(who), which no line of demand.csv asks for",
                expected: "a skill demand.csv asks for\(suggestion(skill, among: known)) "
                    + "(a skill nobody asks for is never planned)")
        }
    }

    // MARK: - Cells

    /// The cell of `column` in `record`, trimmed; an absent trailing cell is empty.
    func cell(_ r: RowReader, _ record: CSVTable.Record, _ column: String) -> CSVTable.Cell? {
        guard let i = r.index[column] else { return nil }
        if i < record.cells.count { return record.cells[i] }
        return CSVTable.Cell("", at: record.end)  // just after the row's last character
    }

    mutating func required(_ r: RowReader, _ record: CSVTable.Record, _ column: String, what: String) -> CSVTable.Cell?
    {
        guard let c = cell(r, record, column) else { return nil }  // missing column already reported
        if c.text.isEmpty {
            error(c.location, found: "an empty \(column)", expected: what)
            return nil
        }
        return c
    }

    mutating func optional(_ r: RowReader, _ record: CSVTable.Record, _ column: String) -> CSVTable.Cell? {
        guard let c = cell(r, record, column), !c.text.isEmpty else { return nil }
        return c
    }

    mutating func id<T: DatasetID>(_ c: CSVTable.Cell, _ type: T.Type, what: String) -> T? {
        guard Validator.isValidID(c.text) else {
            error(
                c.location, found: "\(what) \(quoted(c.text))\(Validator.lengthNote(c.text))",
                expected: "an id of \(Validator.idRule)")
            return nil
        }
        return T(rawValue: c.text)
    }

    /// " (70 characters)" when a name is too long, so the message says why.
    static func lengthNote(_ s: String) -> String {
        s.count > idLimit ? " (\(s.count) characters)" : ""
    }

    static func isValidID(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard let first = u.first, u.count <= idLimit, isAlnum(first) else { return false }
        return u.allSatisfy {
            isAlnum($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
        }
    }

    static func isAlnum(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122)
    }

    /// A number in `range` (DatasetLimits), or an error quoting the cell as written.
    mutating func number(_ c: CSVTable.Cell, _ range: ValueRange) -> Double? {
        guard let v = Validator.parseNumber(c.text) else {
            error(c.location, found: "\(range.field) \(quoted(c.text))", expected: "a number such as 40 or 37.5")
            return nil
        }
        guard range.contains(v) else {
            error(c.location, found: "\(range.field) \(quoted(c.text))", expected: range.text)
            return nil
        }
        return v
    }

    /// Plain decimal numbers only: no inf, nan, hex or thousands separators.
    static func parseNumber(_ s: String) -> Double? {
        guard !s.isEmpty,
            s.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 45 || $0 == 43 || $0 == 101 || $0 == 69 }),
            let v = Double(s), v.isFinite
        else { return nil }
        // A number too small for a double (1e-400) is not 0: a nonzero digit
        // before the exponent means the writer meant something else.
        if v == 0, s.prefix(while: { $0 != "e" && $0 != "E" }).contains(where: { $0 >= "1" && $0 <= "9" }) {
            return nil
        }
        return v
    }

    mutating func integer(_ c: CSVTable.Cell, _ range: ValueRange) -> Int? {
        let parsed = Int(c.text).map(Double.init) ?? Validator.parseNumber(c.text)
        guard let v = parsed, range.contains(v) else {
            error(c.location, found: "\(range.field) \(quoted(c.text))", expected: range.text)
            return nil
        }
        return Int(v)
    }

    mutating func date(_ c: CSVTable.Cell, _ column: String) -> Day? {
        guard let d = Day(iso: c.text) else {
            error(c.location, found: "\(column) \(quoted(c.text))", expected: Validator.dateExpectation(c.text))
            return nil
        }
        return d
    }

    /// What a text that is not a date should have been: for one written
    /// YYYY-MM-DD that names no day ("2027-02-30"), that the day does not
    /// exist, with the month's length.
    static func dateExpectation(_ text: String) -> String {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 3, parts.map(\.count) == [4, 2, 2],
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        {
            guard year >= 1 else { return "a year from 0001 (YYYY-MM-DD, e.g. 2027-01-04)" }
            guard (1...12).contains(month) else { return "a month from 01 to 12 (YYYY-MM-DD, e.g. 2027-01-04)" }
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            let length = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
            if !(1...length).contains(day) {
                return "a day that exists (\(parts[0])-\(parts[1]) has \(length) days)"
            }
        }
        return "a date written YYYY-MM-DD, e.g. 2027-01-04"
    }

    mutating func bool(_ c: CSVTable.Cell, _ column: String) -> Bool? {
        switch c.text.lowercased() {
        case "true", "yes", "y", "1": return true
        case "false", "no", "n", "0": return false
        default:
            error(c.location, found: "\(column) \(quoted(c.text))", expected: "true or false")
            return nil
        }
    }

    /// Reports a start after an end; returns false then.
    mutating func ordered(start: (Day, SourceLocation)?, end: (Day, SourceLocation)?) -> Bool {
        guard let (s, _) = start, let (e, at) = end, e < s else { return true }
        error(
            at, found: "an end \(e) before the start \(s)",
            expected: "an end on or after the start (both dates are inclusive)")
        return false
    }

    /// Where `earlier` is, said from `at`: "on line 3" in the same file,
    /// else "at staff.csv:38".
    static func place(_ earlier: SourceLocation, from at: SourceLocation) -> String {
        earlier.file == at.file ? "on line \(earlier.line)" : "at \(earlier.file):\(earlier.line)"
    }

    /// Reports ids seen twice in one table.
    mutating func unique<ID: Hashable & CustomStringConvertible>(_ items: [(ID, SourceLocation)], table: Table) {
        var first: [ID: SourceLocation] = [:]
        for (id, at) in items {
            if let earlier = first[id] {
                // A scenario's added row is reported in allot.yaml: its first
                // occurrence is then in the table, which the line alone misnamed.
                error(
                    at, found: "the id \(quoted(id.description)) again (first \(Validator.place(earlier, from: at)))",
                    expected: "ids unique within \(table.fileName)")
            } else {
                first[id] = at
            }
        }
    }
}

/// Column lookup for one table.
struct RowReader {
    var table: CSVTable
    var index: [String: Int]
    var width: Int
}

extension Validator {
    /// Rows longer than the header are errors (the data is probably shifted).
    mutating func checkWidth(_ r: RowReader, _ record: CSVTable.Record) -> Bool {
        guard record.cells.count > r.width else { return true }
        let extra = record.cells[r.width]
        error(
            extra.location, found: "\(record.cells.count) cells",
            expected: "\(r.width) cells as in the header (quote values that contain commas)")
        return false
    }
}
