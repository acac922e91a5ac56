import Yams

/// The manifest (`allot.yaml`) as a tree of located values. Scalars stay
/// text until validation reads them, so `no` is never silently a boolean and
/// `1.10` never `1.1` (YAML 1.1 surprises, FORMATS §4); scenario `set path:`
/// edits this tree.
public indirect enum ManifestNode: Sendable, Hashable {
    /// A scalar as written; `isPlain` is false for quoted scalars, which are
    /// always strings (a quoted "null" is not null).
    case scalar(String, isPlain: Bool, SourceLocation)
    case mapping([Entry], SourceLocation)
    case sequence([ManifestNode], SourceLocation)

    public struct Entry: Sendable, Hashable {
        public var key: String
        public var keyLocation: SourceLocation
        public var value: ManifestNode
    }

    public var location: SourceLocation {
        switch self {
        case .scalar(_, _, let l), .mapping(_, let l), .sequence(_, let l): return l
        }
    }

    /// True for `~`, `null`, `Null`, `NULL` and an empty plain scalar.
    public var isNull: Bool {
        if case .scalar(let s, true, _) = self { return ["", "~", "null", "Null", "NULL"].contains(s) }
        return false
    }

    public subscript(key: String) -> ManifestNode? {
        if case .mapping(let entries, _) = self { return entries.first { $0.key == key }?.value }
        return nil
    }

    public var entries: [Entry] {
        if case .mapping(let e, _) = self { return e }
        return []
    }

    /// What kind of node this is, for "found a mapping, expected a number".
    var kindDescription: String {
        switch self {
        case .scalar(let s, _, _): return quoted(s)
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }
}

extension ManifestNode {
    /// Parses YAML text. A syntax error comes back as one diagnostic with its position.
    public static func parse(_ text: String, file: String) -> Result<ManifestNode, Diagnostic> {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, file: file))
        } catch {
            return .failure(Diagnostic(.error, at: SourceLocation(file: file, line: 1, column: 1),
                                       found: "unreadable YAML (\(error))", expected: "a YAML mapping"))
        }
        guard let node else {
            return .failure(Diagnostic(.error, at: SourceLocation(file: file, line: 1, column: 1),
                                       found: "an empty manifest", expected: "a YAML mapping with at least `horizon:`"))
        }
        return .success(convert(node, file: file))
    }

    private static func convert(_ node: Node, file: String) -> ManifestNode {
        let loc = SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        switch node {
        case .scalar(let s):
            return .scalar(s.string, isPlain: s.style == .plain || s.style == .any, loc)
        case .mapping(let m):
            return .mapping(m.map { pair in
                let kloc = SourceLocation(file: file, line: pair.key.mark?.line ?? loc.line, column: pair.key.mark?.column ?? loc.column)
                return Entry(key: pair.key.string ?? "", keyLocation: kloc, value: convert(pair.value, file: file))
            }, loc)
        case .sequence(let s):
            return .sequence(s.map { convert($0, file: file) }, loc)
        case .alias:
            return .scalar("", isPlain: true, loc)
        }
    }

    private static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        func at(_ m: Mark) -> SourceLocation { SourceLocation(file: file, line: m.line, column: m.column) }
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return Diagnostic(.error, at: at(mark), found: "invalid YAML (\(problem))", expected: "well-formed YAML (check indentation, colons and quotes)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Diagnostic(.error, at: at(context.mark), found: "the key \(duplicates.joined(separator: ", ")) given twice",
                              expected: "each key once per mapping")
        default:
            return Diagnostic(.error, at: SourceLocation(file: file, line: 1, column: 1), found: "invalid YAML (\(error))",
                              expected: "well-formed YAML")
        }
    }
}
