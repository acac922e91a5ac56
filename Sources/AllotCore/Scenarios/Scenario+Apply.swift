/// Applying scenarios: each change is a pure function on the dataset's text
/// tables and manifest tree. Cells a change writes carry the change's place in
/// allot.yaml, so validating the result points every problem at the change.
extension Dataset {
    /// The dataset as scenario `name` (with its `base:` chain) makes it, and
    /// the portfolio it validates to; or every problem: in the scenario's
    /// declaration, in applying its changes, and in the dataset that results.
    public func applying(scenario name: String) -> Result<(dataset: Dataset, portfolio: Portfolio), DatasetError> {
        // Only the chain's own declaration problems stop it (Scenario.problems).
        let scenarios = self.scenarios().scenarios
        let byName = Dictionary(scenarios.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        guard let scenario = byName[name] else {
            let known = scenarios.map(\.name)
            return .failure(
                DatasetError([
                    Diagnostic(
                        .error, at: manifest.location, found: "no scenario named \(quoted(name))",
                        expected: known.isEmpty
                            ? "a scenarios: list in allot.yaml (it has none)"
                            : "one of \(known.joined(separator: ", "))")
                ]))
        }
        var problems: [Diagnostic] = []
        // The chain, root first, with cycle detection.
        var chain: [Scenario] = [scenario]
        var seen: Set<String> = [scenario.name]
        while let base = chain[0].base {
            guard let parent = byName[base.value] else {
                problems.append(
                    Diagnostic(
                        .error, at: base.location,
                        found:
                            "base \(quoted(base.value)) in scenario \(quoted(chain[0].name)), which is not a scenario",
                        expected:
                            "the name of a scenario in this file\(Validator.suggestion(base.value, among: Array(byName.keys)))"
                    ))
                break
            }
            guard seen.insert(parent.name).inserted else {
                let cycle = ([parent.name] + chain.map(\.name)).joined(separator: " -> ")
                problems.append(
                    Diagnostic(
                        .error, at: base.location, found: "a cycle of bases: \(cycle)",
                        expected: "base: chains that end"))
                break
            }
            chain.insert(parent, at: 0)
        }
        // A chain that does not resolve (a missing base, a cycle) stops here;
        // the chain's declaration problems (a name given twice, a change
        // that is not a mapping) do not: the changes that can apply still
        // do, so that their problems show at once (a name given twice hid
        // a change removing a project that does not exist).
        let unresolved = !problems.isEmpty
        problems += chain.flatMap(\.problems).filter { $0.severity == .error }
        if unresolved { return .failure(DatasetError(problems)) }
        var result = self
        var origins: [SourceLocation: String] = [:]
        for s in chain {
            for change in s.changes {
                let label = "scenario \(quoted(s.name)), change \(change.number) (\(change.op.rawValue))"
                origins[change.location] = label
                for node in change.fields.values {
                    node.forEach { n in
                        origins[n.location] = label
                        for e in n.entries { origins[e.keyLocation] = label }
                    }
                }
                if let d = result.apply(change) {
                    problems.append(
                        Diagnostic(d.severity, at: d.location, found: "\(d.found) in \(label)", expected: d.expected))
                }
            }
        }
        // Problems the changes cause in the dataset, warnings too, name the
        // change; those found elsewhere (a demand line outside a horizon the
        // scenario shortened) name the scenario.
        func named(_ d: Diagnostic) -> Diagnostic {
            guard let label = origins[d.location] else { return d.withScenario(scenario.name) }
            return Diagnostic(d.severity, at: d.location, found: "\(d.found) (from \(label))", expected: d.expected)
        }
        // The dataset with the changes that applied is validated even when
        // one did not apply, so that every problem shows at once (a mistyped
        // id in change 1 hid a priority "abc" in change 2).
        switch result.validate() {
        case .success where !problems.isEmpty:
            return .failure(DatasetError(problems))
        case .success(var portfolio):
            // The chain's own warnings (a key a change does not read) come with it: plan
            // --scenario and compare show them, as validate does.
            portfolio.warnings =
                portfolio.warnings.map(named) + chain.flatMap(\.problems).filter { $0.severity == .warning }
            return .success((result, portfolio))
        case .failure(let error):
            // One change may break many rows the same way (a table-wide set of
            // a required field to null): each finding once.
            var seen = Set<Diagnostic>()
            let all = (problems + error.diagnostics.map(named)).filter { seen.insert($0).inserted }
            return .failure(DatasetError(all))
        }
    }

    /// Applies one change in place; returns the problem when it cannot be applied.
    mutating func apply(_ change: Scenario.Change) -> Diagnostic? {
        func fail(_ at: SourceLocation, _ found: String, _ expected: String) -> Diagnostic {
            Diagnostic(.error, at: at, found: found, expected: expected)
        }
        func text(_ key: String, required: Bool = true) -> Result<Located<String>?, Diagnostic> {
            guard let node = change.node(key) else {
                return required
                    ? .failure(fail(change.location, "no \(key):", "\(key): in a \(change.op.rawValue) change"))
                    : .success(nil)
            }
            guard case .scalar(let s, _, let at) = node else {
                return .failure(fail(node.location, "\(key) \(node.kindDescription)", "a single value"))
            }
            return .success(Located(s, at: at))
        }
        func table(required: Bool = true) -> Result<Table?, Diagnostic> {
            switch text("table", required: required) {
            case .failure(let d): return .failure(d)
            case .success(nil): return .success(nil)
            case .success(let t?):
                guard let table = Table(rawValue: t.value) else {
                    return .failure(
                        fail(
                            t.location, "table \(quoted(t.value))",
                            "one of \(Table.allCases.map(\.rawValue).joined(separator: ", "))"))
                }
                return .success(table)
            }
        }
        /// The change's `field:` as a known column of `table`, and the rows
        /// it targets (`id:` or every row): shared by set and scale.
        func fieldAndRows(_ table: Table) throws(Diagnostic) -> (String, [Int]) {
            guard let field = try text("field").get() else {
                throw fail(change.location, "no field:", "field: a column of \(table.fileName)")
            }
            let column = field.value.lowercased()
            guard table.columns.contains(column) else {
                throw fail(
                    field.location, "an unknown field \(quoted(field.value)) for \(table.fileName)",
                    "one of \(table.columns.joined(separator: ", "))\(Validator.suggestion(field.value, among: table.columns))"
                )
            }
            return (column, try targetRows(table, change: change).get())
        }
        do {
            switch change.op {
            case .leave:
                guard let staff = try text("staff").get(), let start = try text("start").get() else { return nil }
                guard rowIndices(.staff, id: staff.value).count == 1 else {
                    return fail(
                        staff.location, "the person \(quoted(staff.value))",
                        "a staff id from staff.csv\(Validator.suggestion(staff.value, among: ids(.staff)))")
                }
                // Without an end the leave lasts to the end of the plan: the
                // last day a date may name. The horizon's end as it stood
                // when the change ran made the order of changes matter (a
                // later change extending the horizon brought the person
                // back), and a start after it read as an end before the start.
                let end =
                    try text("end", required: false).get() ?? Located(Scenario.openLeaveEnd, at: change.location)
                let hours = try text("hours_per_week", required: false).get() ?? Located("0", at: change.location)
                appendRow(
                    .leave, ["staff_id": staff, "start": start, "end": end, "hours_per_week": hours],
                    at: change.location)
            case .add:
                guard let table = try table().get() else { return nil }
                guard let row = change.node("row"), case .mapping(let entries, _) = row else {
                    return fail(
                        change.node("row")?.location ?? change.location, "no row: mapping",
                        "row: {column: value, ...} with the new row's cells")
                }
                var cells: [String: Located<String>] = [:]
                for e in entries {
                    let column = e.key.lowercased()
                    guard table.columns.contains(column) else {
                        return fail(
                            e.keyLocation, "an unknown field \(quoted(e.key)) for \(table.fileName)",
                            "one of \(table.columns.joined(separator: ", "))\(Validator.suggestion(e.key, among: table.columns))"
                        )
                    }
                    guard case .scalar(let s, _, let at) = e.value else {
                        return fail(e.value.location, "\(e.key) \(e.value.kindDescription)", "a single value")
                    }
                    cells[column] = Located(s, at: at)
                }
                appendRow(table, cells, at: change.location)
            case .remove:
                guard let table = try table().get(), let id = try text("id").get() else { return nil }
                guard table.idColumn != nil else {
                    return fail(
                        change.location, "remove on \(table.fileName), whose rows have no id",
                        "table: staff or table: projects")
                }
                let rows = rowIndices(table, id: id.value)
                guard !rows.isEmpty else {
                    return fail(
                        id.location, "the id \(quoted(id.value)) in \(table.fileName)",
                        "an existing id\(Validator.suggestion(id.value, among: ids(table)))")
                }
                removeRows(table, rows)
                // A removed row takes the rows that refer to it.
                let references: [(Table, String)] =
                    table == .staff
                    ? [(.leave, "staff_id"), (.commitments, "staff_id")]
                    : [(.demand, "project_id"), (.commitments, "project_id")]
                for (other, column) in references {
                    removeRows(other, rowIndices(other, column: column, value: id.value))
                }
            case .set:
                // `value: null` (or ~, or nothing after the colon) empties
                // the setting or cell: its default applies, as in the files.
                guard let value = change.fields["value"] else {
                    return fail(change.location, "no value:", "value: the new value (null for the default)")
                }
                if let path = change.fields["path"],
                    ["table", "field", "id"].contains(where: { change.fields[$0] != nil })
                {
                    return fail(
                        path.location, "both path: and table:/field:/id: in one set change",
                        "either path: (a setting of allot.yaml) or table: with field: (and id:) for a column;"
                            + " split it in two")
                }
                // A manifest value may be a mapping or a list: it replaces the node.
                if let path = try text("path", required: false).get() {
                    return setManifest(path: path, to: value)
                }
                let cellValue = value.isNull ? ManifestNode.scalar("", isPlain: false, value.location) : value
                guard case .scalar(let newText, _, let valueAt) = cellValue else {
                    return fail(
                        value.location, "value \(value.kindDescription)",
                        "a single value (a mapping or a list may only be set on the manifest, with path:)")
                }
                guard let table = try table().get() else { return nil }
                let (column, rows) = try fieldAndRows(table)
                for r in rows { setCell(table, row: r, column: column, to: Located(newText, at: valueAt)) }
            case .scale:
                guard let table = try table().get(), let factorText = try text("factor").get() else { return nil }
                guard let factor = Validator.parseNumber(factorText.value) else {
                    return fail(factorText.location, "factor \(quoted(factorText.value))", "a number such as 0.8")
                }
                let (column, rows) = try fieldAndRows(table)
                for r in rows {
                    // An empty cell stays empty.
                    guard let cell = cell(table, row: r, column: column), !cell.text.isEmpty else { continue }
                    guard let v = Validator.parseNumber(cell.text) else {
                        return fail(
                            change.node("field")?.location ?? change.location,
                            "\(column) \(quoted(cell.text)) at \(cell.location), which is not a number",
                            "a numeric field to scale")
                    }
                    // Six decimals, unless that would write a value that is
                    // not 0 as 0 (a budget times 1e-10 became 0 without a
                    // word): then as it is, for validation to judge.
                    let scaled = v * factor
                    let written = format(scaled, decimals: 6)
                    setCell(
                        table, row: r, column: column,
                        to: Located(written == "0" && scaled != 0 ? "\(scaled)" : written, at: factorText.location))
                }
            }
        } catch {
            return error
        }
        return nil
    }

    // MARK: - Table editing

    func columnIndex(_ table: Table, _ column: String) -> Int? {
        tables[table]?.header.firstIndex { $0.text.trimmedSpaces.lowercased() == column }
    }

    func cell(_ table: Table, row: Int, column: String) -> CSVTable.Cell? {
        guard let t = tables[table], let c = columnIndex(table, column) else { return nil }
        let cells = t.records[row].cells
        return c < cells.count ? cells[c] : nil
    }

    func ids(_ table: Table) -> [String] {
        guard let idColumn = table.idColumn else { return [] }
        return column(table, idColumn)
    }

    /// The cells of one column, as written, in row order (rows too short for it skipped).
    func column(_ table: Table, _ name: String) -> [String] {
        guard let t = tables[table], let c = columnIndex(table, name) else { return [] }
        return t.records.compactMap { c < $0.cells.count ? $0.cells[c].text : nil }
    }

    func rowIndices(_ table: Table, id: String) -> [Int] {
        guard let idColumn = table.idColumn else { return [] }
        return rowIndices(table, column: idColumn, value: id)
    }

    func rowIndices(_ table: Table, column: String, value: String) -> [Int] {
        guard let t = tables[table], let c = columnIndex(table, column) else { return [] }
        return t.records.indices.filter { c < t.records[$0].cells.count && t.records[$0].cells[c].text == value }
    }

    /// The rows a set/scale change targets: the row with `id:`, or every row.
    func targetRows(_ table: Table, change: Scenario.Change) -> Result<[Int], Diagnostic> {
        guard let idNode = change.node("id") else { return .success(Array((tables[table]?.records ?? []).indices)) }
        guard case .scalar(let id, _, let at) = idNode else {
            return .failure(
                Diagnostic(.error, at: idNode.location, found: "id \(idNode.kindDescription)", expected: "a single id"))
        }
        guard table.idColumn != nil else {
            return .failure(
                Diagnostic(
                    .error, at: at, found: "id: for \(table.fileName), whose rows have no id",
                    expected: "no id: (the change then applies to every row)"))
        }
        let rows = rowIndices(table, id: id)
        guard !rows.isEmpty else {
            return .failure(
                Diagnostic(
                    .error, at: at, found: "the id \(quoted(id)) in \(table.fileName)",
                    expected: "an existing id\(Validator.suggestion(id, among: ids(table)))"))
        }
        return .success(rows)
    }

    /// The table, created with its documented header (docs/dataset-format.md) when the dataset has none yet.
    mutating func ensureTable(_ table: Table, at location: SourceLocation) {
        guard tables[table] == nil else { return }
        tables[table] = CSVTable(
            file: table.fileName, header: table.columns.map { CSVTable.Cell($0, at: location) }, records: [])
    }

    mutating func ensureColumn(_ table: Table, _ column: String, at location: SourceLocation) -> Int {
        ensureTable(table, at: location)
        if let c = columnIndex(table, column) { return c }
        tables[table]!.header.append(CSVTable.Cell(column, at: location))
        return tables[table]!.header.count - 1
    }

    mutating func setCell(_ table: Table, row: Int, column: String, to value: Located<String>) {
        let c = ensureColumn(table, column, at: value.location)
        var record = tables[table]!.records[row]
        while record.cells.count <= c { record.cells.append(CSVTable.Cell("", at: record.end)) }
        record.cells[c] = CSVTable.Cell(value.value, at: value.location)
        tables[table]!.records[row] = record
    }

    mutating func appendRow(_ table: Table, _ values: [String: Located<String>], at location: SourceLocation) {
        ensureTable(table, at: location)
        for column in values.keys.sorted() { _ = ensureColumn(table, column, at: location) }
        let header = tables[table]!.header
        let cells = header.map { h -> CSVTable.Cell in
            if let v = values[h.text.trimmedSpaces.lowercased()] { return CSVTable.Cell(v.value, at: v.location) }
            return CSVTable.Cell("", at: location)
        }
        tables[table]!.records.append(CSVTable.Record(cells: cells, location: location, end: location))
    }

    mutating func removeRows(_ table: Table, _ rows: [Int]) {
        guard !rows.isEmpty else { return }
        let drop = Set(rows)
        tables[table]!.records = tables[table]!.records.enumerated().filter { !drop.contains($0.offset) }.map(\.element)
    }

    /// `set path: a.b.c` on the manifest: intermediate mappings are created;
    /// the path must name a key the manifest knows.
    mutating func setManifest(path: Located<String>, to value: ManifestNode) -> Diagnostic? {
        let keys = path.value.split(separator: ".").map(String.init)
        guard !keys.isEmpty else {
            return Diagnostic(
                .error, at: path.location, found: "an empty path",
                expected: "a dotted path such as policies.overtime.max_percent")
        }
        for k in keys.indices {
            let parent = keys[..<k].joined(separator: ".")
            guard let known = Validator.manifestKeys[parent], known.contains(keys[k]) else {
                let options =
                    Validator.manifestKeys[parent].map { $0.sorted().joined(separator: ", ") }
                    ?? "no keys (it is a single value)"
                return Diagnostic(
                    .error, at: path.location, found: "the path \(quoted(path.value)) (unknown \(quoted(keys[k])))",
                    expected: "a known setting; under \(parent.isEmpty ? "the top level" : quoted(parent)): \(options)")
            }
        }
        guard keys != ["scenarios"] else {
            return Diagnostic(
                .error, at: path.location, found: "set path: scenarios", expected: "a setting, not the scenario list")
        }
        manifest = ManifestNode.setting(keys[...], to: value, in: manifest, at: path.location)
        return nil
    }
}

extension ManifestNode {
    /// Calls `body` on this node and every node below it.
    func forEach(_ body: (ManifestNode) -> Void) {
        body(self)
        switch self {
        case .scalar: break
        case .mapping(let entries, _): for e in entries { e.value.forEach(body) }
        case .sequence(let items, _): for item in items { item.forEach(body) }
        }
    }

    /// A copy of `node` with the value at `keys` replaced (mappings created as needed).
    /// A mapping whose key the change empties takes the change's `location`:
    /// a required key found missing there is the change's doing (`set path:
    /// horizon.end, value: ~` was reported at the base manifest's `horizon:`).
    static func setting(
        _ keys: ArraySlice<String>, to value: ManifestNode, in node: ManifestNode, at location: SourceLocation
    ) -> ManifestNode {
        guard let key = keys.first else { return value }
        var entries: [Entry] = []
        var at = location
        if case .mapping(let e, let l) = node {
            entries = e
            at = keys.count == 1 && value.isNull ? location : l
        }
        if let i = entries.firstIndex(where: { $0.key == key }) {
            entries[i].value = setting(keys.dropFirst(), to: value, in: entries[i].value, at: location)
        } else {
            let empty = ManifestNode.mapping([], location)
            entries.append(
                Entry(
                    key: key, keyLocation: location,
                    value: setting(keys.dropFirst(), to: value, in: empty, at: location)))
        }
        return .mapping(entries, at)
    }
}

extension Diagnostic {
    /// The finding as seen with a scenario applied: "... (with scenario "x")".
    public func withScenario(_ name: String) -> Diagnostic {
        Diagnostic(severity, at: location, found: found + Self.scenarioTag(name), expected: expected)
    }

    /// The finding without `withScenario(name)`'s tag: the base dataset's
    /// own, when a scenario leaves it as it was.
    public func withoutScenario(_ name: String) -> Diagnostic {
        let tag = Self.scenarioTag(name)
        guard found.hasSuffix(tag) else { return self }
        return Diagnostic(severity, at: location, found: String(found.dropLast(tag.count)), expected: expected)
    }

    static func scenarioTag(_ name: String) -> String { " (with scenario \(quoted(name)))" }
}
