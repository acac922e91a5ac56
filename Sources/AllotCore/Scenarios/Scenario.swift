/// A named what-if from the manifest (docs/scenarios.md): a list of changes applied to
/// the base dataset, after those of its `base:` chain. Read from the located
/// manifest tree, so every problem points at its line in allot.yaml.
public struct Scenario: Sendable, Hashable {
    public var name: String
    public var description: String?
    public var base: Located<String>?
    public var changes: [Change]
    public var location: SourceLocation
    /// Problems in this scenario's own declaration (a bad op, a broken change).
    public var problems: [Diagnostic] = []

    /// The end of a `leave` change written without one: the last day a date
    /// may name, so the leave lasts to the end of the plan whatever horizon
    /// the scenario's other changes give it.
    static let openLeaveEnd = "9999-12-31"

    public struct Change: Sendable, Hashable {
        public enum Op: String, Sendable, Hashable, CaseIterable {
            case leave, add, remove, set, scale

            /// The keys a change of this op reads besides `op` (docs/scenarios.md).
            var keys: [String] {
                switch self {
                case .leave: return ["staff", "start", "end", "hours_per_week"]
                case .add: return ["table", "row"]
                case .remove: return ["table", "id"]
                case .set: return ["table", "id", "field", "path", "value"]
                case .scale: return ["table", "id", "field", "factor"]
                }
            }
        }

        public var op: Op
        /// The change's fields as written (`table`, `id`, `field`, `value`, ...).
        public var fields: [String: ManifestNode]
        public var location: SourceLocation
        /// 1-based position in the scenario's list, for messages.
        public var number: Int

        func node(_ key: String) -> ManifestNode? { fields[key].flatMap { $0.isNull ? nil : $0 } }
    }
}

extension Scenario {
    /// Names `compare` writes into its output folder beside the scenario
    /// folders (lowercased: on macOS and Windows "Base" is the folder "base").
    public static let reservedNames = ["base", "compare.csv", "compare.json"]
}

extension Dataset {
    /// The scenarios declared in the manifest, with every problem in their
    /// declarations (not yet in what they do to the dataset). A scenario
    /// whose name is invalid, reserved or repeated is listed all the same,
    /// carrying that error in its `problems`.
    public func scenarios() -> (scenarios: [Scenario], problems: [Diagnostic]) {
        guard let list = manifest["scenarios"], !list.isNull else { return ([], []) }
        guard case .sequence(let items, _) = list else { return ([], []) }  // reported by validation
        var scenarios: [Scenario] = []
        var problems: [Diagnostic] = []
        var seen: [String: (name: String, line: Int)] = [:]  // by lowercased name
        for item in items {
            guard case .mapping = item else {
                problems.append(
                    Diagnostic(
                        .error, at: item.location, found: "a scenario written as \(item.kindDescription)",
                        expected: "a mapping with name: and changes:"))
                continue
            }
            let keys = ["name", "description", "base", "changes"]
            for entry in item.entries where !keys.contains(entry.key) {
                problems.append(
                    Diagnostic(
                        .warning, at: entry.keyLocation,
                        found: "an unknown scenario key \(quoted(entry.key))\(nameNote(item))",
                        expected: "name, description, base or changes\(Validator.suggestion(entry.key, among: keys)) "
                            + "(the key is ignored)"))
            }
            guard case .scalar(let name, _, let nameAt)? = item["name"], !name.isEmpty else {
                problems.append(
                    Diagnostic(
                        .error, at: item.location, found: "a scenario without a name",
                        expected: "name: followed by an id, e.g. name: alice-leaves"))
                continue
            }
            // A scenario with a bad name is still listed, with its problem, so
            // that every command naming it reports the error `validate` does.
            var own: [Diagnostic] = []
            var sameNameAs: Int?
            if !Validator.isValidID(name) {
                own.append(
                    Diagnostic(
                        .error, at: nameAt,
                        found: "the scenario name \(quoted(name))\(Validator.lengthNote(name))",
                        expected: "a name of \(Validator.idRule) (it names a folder)"))
            } else if Scenario.reservedNames.contains(name.lowercased()) {
                own.append(
                    Diagnostic(
                        .error, at: nameAt, found: "the scenario name \(quoted(name))",
                        expected: "a name other than \(Scenario.reservedNames.joined(separator: ", ")) "
                            + "(compare writes those into its folder)"))
            } else if let (first, line) = seen[name.lowercased()] {
                let written = first == name ? "" : " as \(quoted(first))"
                own.append(
                    Diagnostic(
                        .error, at: nameAt,
                        found: "the scenario \(quoted(name)) again (first on line \(line)\(written))",
                        expected: "unique scenario names (names that differ only in case share a folder "
                            + "on macOS and Windows)"))
                sameNameAs = scenarios.firstIndex { $0.name.lowercased() == name.lowercased() }
            } else {
                seen[name.lowercased()] = (name, nameAt.line)
            }
            var base: Located<String>?
            if let b = item["base"], !b.isNull {
                if case .scalar(let text, _, let at) = b {
                    base = Located(text, at: at)
                } else {
                    own.append(
                        Diagnostic(
                            .error, at: b.location, found: "base \(b.kindDescription) in scenario \(quoted(name))",
                            expected: "the name of another scenario"))
                }
            }
            var changes: [Scenario.Change] = []
            if let c = item["changes"], !c.isNull {
                if case .sequence(let list, _) = c {
                    for (k, change) in list.enumerated() {
                        let inChange = " in scenario \(quoted(name)), change \(k + 1)"
                        guard case .mapping(let entries, let at) = change else {
                            own.append(
                                Diagnostic(
                                    .error, at: change.location,
                                    found: "a change written as \(change.kindDescription)\(inChange)",
                                    expected:
                                        "a mapping such as {op: set, table: projects, id: apollo, field: priority, value: 1}"
                                ))
                            continue
                        }
                        guard case .scalar(let opText, _, let opAt)? = change["op"] else {
                            own.append(
                                Diagnostic(
                                    .error, at: at, found: "scenario \(quoted(name)), change \(k + 1) without op:",
                                    expected: "op: one of leave, add, remove, set, scale"))
                            continue
                        }
                        guard let op = Scenario.Change.Op(rawValue: opText) else {
                            let ops = Scenario.Change.Op.allCases.map(\.rawValue)
                            own.append(
                                Diagnostic(
                                    .error, at: opAt, found: "op \(quoted(opText))\(inChange)",
                                    expected: "one of leave, add, remove, set, scale"
                                        + Validator.suggestion(opText, among: ops)))
                            continue
                        }
                        var fields: [String: ManifestNode] = [:]
                        for e in entries where e.key != "op" {
                            fields[e.key] = e.value
                            // A misspelt key would be ignored, and the change do something else:
                            // {op: leave, hours_per_wek: 20} is a leave at 0 h.
                            if !op.keys.contains(e.key) {
                                own.append(
                                    Diagnostic(
                                        .warning, at: e.keyLocation,
                                        found: "an unknown key \(quoted(e.key))\(inChange) (\(op.rawValue))",
                                        expected: "one of op, \(op.keys.joined(separator: ", "))"
                                            + "\(Validator.suggestion(e.key, among: op.keys)) (the key is ignored)"))
                            }
                        }
                        changes.append(Scenario.Change(op: op, fields: fields, location: at, number: k + 1))
                    }
                } else {
                    own.append(
                        Diagnostic(
                            .error, at: c.location, found: "changes \(c.kindDescription) in scenario \(quoted(name))",
                            expected: "a list of changes"))
                }
            }
            var description: String?
            if case .scalar(let d, _, _)? = item["description"] { description = d }
            if let sameNameAs, let duplicate = own.first(where: { $0.severity == .error }) {
                scenarios[sameNameAs].problems.append(duplicate)  // whichever of the two a command names, it fails
            }
            scenarios.append(
                Scenario(
                    name: name, description: description, base: base, changes: changes, location: item.location,
                    problems: own))
            problems += own
        }
        return (scenarios, problems)
    }

    /// " in scenario "x"" for a scenario's mapping that has a name, else "".
    private func nameNote(_ item: ManifestNode) -> String {
        guard case .scalar(let name, _, _)? = item["name"], !name.isEmpty else { return "" }
        return " in scenario \(quoted(name))"
    }
}
