import Yams

/// The manifest (`allot.yaml`) as a tree of located values. Scalars stay
/// text until validation reads them, so `no` is never silently a boolean and
/// `1.10` never `1.1` (YAML 1.1 surprises, docs/dataset-format.md); scenario `set path:`
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
    ///
    /// Aliases (`*name`) are bounded before the tree is built: an alias used
    /// as a mapping key is refused (Yams hashes keys in full, so nested aliases
    /// there take exponential time), and aliases may add at most
    /// `DatasetLimits.aliasExpansion` values (a "billion laughs" file stops there).
    public static func parse(_ text: String, file: String) -> Result<ManifestNode, Diagnostic> {
        // The parser is kept: Yams holds anchors weakly, and the size count
        // below tells an alias from its anchor by the anchor's identity.
        func compose(_ yaml: String) -> Result<(Node?, Parser), Diagnostic> {
            do {
                let parser = try Parser(yaml: yaml)
                return .success((try parser.singleRoot(), parser))
            } catch let error as YamlError {
                return .failure(diagnostic(for: error, file: file, text: yaml))
            } catch {
                return .failure(
                    Diagnostic(
                        .error, at: SourceLocation(file: file, line: 1, column: 1),
                        found: "unreadable YAML (\(error))", expected: "a YAML mapping"))
            }
        }
        // First the text with every alias turned into a plain scalar: it
        // cannot expand, and it shows where the aliases are.
        var aliases: [Alias] = []
        if let (safe, marker) = withoutAliases(text) {
            switch compose(safe) {
            case .failure(let d): return .failure(d)
            case .success(let (node, _)):
                if let node {
                    var finder = AliasFinder(marker: marker, file: file)
                    finder.visit(node, inKey: false)
                    aliases = finder.aliases.sorted { $0.location < $1.location }
                }
            }
            if let key = aliases.first(where: \.isKey) {
                return .failure(
                    Diagnostic(
                        .error, at: key.location, found: "the alias *\(key.name) in a mapping key",
                        expected: "keys written out (aliases may stand only for values)"))
            }
        }
        let root: Node?, parser: Parser
        switch compose(text) {
        case .failure(let d): return .failure(d)
        case .success(let composed): (root, parser) = composed
        }
        guard let node = root else {
            return .failure(
                Diagnostic(
                    .error, at: SourceLocation(file: file, line: 1, column: 1),
                    found: "an empty manifest", expected: "a YAML mapping with at least `horizon:`"))
        }
        // Measured whatever the search found: one walk over the shared tree.
        var size = ExpandedSize()
        let added = withExtendedLifetime(parser) { size.added(by: node) }
        if added > Double(DatasetLimits.aliasExpansion) {
            let limit = formatGrouped(Double(DatasetLimits.aliasExpansion))
            let first =
                aliases.first
                ?? Alias(name: "?", location: SourceLocation(file: file, line: 1, column: 1), isKey: false)
            return .failure(
                Diagnostic(
                    .error, at: first.location,
                    found: "aliases (the first: *\(first.name)) that expand allot.yaml "
                        + "by more than \(limit) values",
                    expected: "at most \(limit) values added by aliases "
                        + "(write the values out, or nest fewer aliases)"))
        }
        return .success(convert(node, file: file))
    }

    /// A character libyaml allows in an anchor name.
    static func isAnchorCharacter(_ s: Unicode.Scalar) -> Bool {
        s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "-" || s == "_")
    }

    /// One alias in the text: where, which anchor, and whether it is (inside) a key.
    struct Alias {
        var name: String
        var location: SourceLocation
        var isKey: Bool
    }

    /// `text` with each `*` that may start an alias replaced by a character the
    /// text does not hold, so each alias becomes a plain scalar starting with
    /// that marker (libyaml anchor names are ASCII letters, digits, `-` and
    /// `_`). Nil only when the text has no such `*`. Quoted text and comments are
    /// changed too; that copy is only searched, never used.
    static func withoutAliases(_ text: String) -> (String, Unicode.Scalar)? {
        let scalars = Array(text.unicodeScalars)
        let starts = scalars.indices.filter {
            scalars[$0] == "*" && $0 + 1 < scalars.count && isAnchorCharacter(scalars[$0 + 1])
        }
        guard !starts.isEmpty else { return nil }
        let present = Set(scalars)
        // A private-use character (printable to libyaml) the text does not hold. Should
        // the text hold them all, U+E000 still marks every alias; only a key that itself
        // starts with U+E000 would then be mistaken for one.
        let privateUse = (0xE000...0xF8FF).lazy.compactMap { Unicode.Scalar(UInt32($0)) }
        let marker = privateUse.first { !present.contains($0) } ?? "\u{E000}"
        var copy = scalars
        for i in starts { copy[i] = marker }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: copy)
        return (String(view), marker)
    }

    /// Finds the plain scalars that start with the marker: the aliases.
    struct AliasFinder {
        let marker: Unicode.Scalar
        let file: String
        var aliases: [Alias] = []

        mutating func visit(_ node: Node, inKey: Bool) {
            switch node {
            case .scalar(let s):
                guard s.style == .plain || s.style == .any, s.string.unicodeScalars.first == marker else { return }
                var name = String.UnicodeScalarView()
                name.append(contentsOf: s.string.unicodeScalars.dropFirst().prefix(while: isAnchorCharacter))
                let at = SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
                aliases.append(Alias(name: String(name), location: at, isKey: inKey))
            case .mapping(let m):
                for pair in m {
                    visit(pair.key, inKey: true)
                    visit(pair.value, inKey: inKey)
                }
            case .sequence(let s):
                for item in s { visit(item, inKey: inKey) }
            case .alias:
                return
            }
        }
    }

    /// How many values expanding the aliases adds to a composed tree, counted
    /// without expanding it: Yams shares an aliased node with its anchor, so
    /// each anchored node is measured once. Doubles, so that 9^30 is just big.
    struct ExpandedSize {
        private var measured: [ObjectIdentifier: Double] = [:]
        private var written = 0.0

        /// Values after expansion minus values written.
        mutating func added(by root: Node) -> Double { size(root) - written }

        private mutating func size(_ node: Node) -> Double {
            if let anchor = node.anchor, let known = measured[ObjectIdentifier(anchor)] {
                return known  // an alias: counted, not walked
            }
            written += 1
            var total = 1.0
            switch node {
            case .scalar, .alias: break
            case .mapping(let m):
                for pair in m { total += size(pair.key) + size(pair.value) }
            case .sequence(let s):
                for item in s { total += size(item) }
            }
            if let anchor = node.anchor { measured[ObjectIdentifier(anchor)] = total }
            return total
        }
    }

    private static func convert(_ node: Node, file: String) -> ManifestNode {
        let loc = SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        switch node {
        case .scalar(let s):
            return .scalar(s.string, isPlain: s.style == .plain || s.style == .any, loc)
        case .mapping(let m):
            // YAML's merge key: `<<: *name` (or a list of aliases) adds the
            // entries of those mappings that this one does not write itself,
            // the first source winning. It was read as an unknown key
            // `policies.<<`, and a plan ran without the overtime it merged.
            var own: [Entry] = []
            var merged: [Entry] = []
            for pair in m {
                let kloc = SourceLocation(
                    file: file, line: pair.key.mark?.line ?? loc.line, column: pair.key.mark?.column ?? loc.column)
                let sources: [Node]? =
                    pair.key.scalar.map { $0.string == "<<" && $0.style != .singleQuoted && $0.style != .doubleQuoted }
                        == true
                    ? (pair.value.sequence.map { Array($0) } ?? [pair.value]) : nil
                if let sources, sources.allSatisfy({ $0.mapping != nil }) {
                    for source in sources {
                        for entry in convert(source, file: file).entries
                        where !merged.contains(where: { $0.key == entry.key }) {
                            merged.append(entry)
                        }
                    }
                    continue
                }
                own.append(Entry(key: pair.key.string ?? "", keyLocation: kloc, value: convert(pair.value, file: file)))
            }
            let written = Set(own.map(\.key))
            return .mapping(own + merged.filter { !written.contains($0.key) }, loc)
        case .sequence(let s):
            return .sequence(s.map { convert($0, file: file) }, loc)
        case .alias:
            return .scalar("", isPlain: true, loc)
        }
    }

    /// The line of a block mapping's key written again at the column of its
    /// first occurrence (`first`, 1-based), before the mapping ends (a line
    /// indented less); nil when there is none (a flow mapping, `{a: 1, a: 2}`).
    static func repeatedKey(_ key: String, after first: Mark, in text: String) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let keyForms = [key, "\"\(key)\"", "'\(key)'"]
        var index = first.line  // 0-based index of the line after the first occurrence
        while index < lines.count {
            let line = lines[index].hasSuffix("\r") ? lines[index].dropLast() : lines[index]
            let body = line.drop { $0 == " " }
            let column = line.count - body.count + 1
            index += 1
            if body.isEmpty || body.hasPrefix("#") { continue }
            if column < first.column { return nil }
            guard column == first.column else { continue }
            for form in keyForms where body.hasPrefix(form) {
                if body.dropFirst(form.count).drop(while: { $0 == " " }).hasPrefix(":") { return index }
            }
        }
        return nil
    }

    private static func diagnostic(for error: YamlError, file: String, text: String) -> Diagnostic {
        func at(_ m: Mark) -> SourceLocation { SourceLocation(file: file, line: m.line, column: m.column) }
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            // `{value:}`: the YAML reader takes a colon in braces only with a
            // space after it (`{value: }` or `{value: ~}` is an empty value).
            let colon = problem == "found unexpected ':'"
            return Diagnostic(
                .error, at: at(mark), found: "invalid YAML (\(problem))",
                expected: colon
                    ? "well-formed YAML (inside { }, a space after each colon: `value: ~` or `value: ` for no value, "
                        + "not `value:`)"
                    : "well-formed YAML (check indentation, colons and quotes)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams marks the key's first occurrence; the second is the one to
            // remove or rename, so the error points there when it can be found.
            let first = context.mark
            guard let key = duplicates.first, let again = repeatedKey(key, after: first, in: text) else {
                return Diagnostic(
                    .error, at: at(first), found: "the key \(duplicates.joined(separator: ", ")) given twice",
                    expected: "each key once per mapping")
            }
            let others = duplicates.dropFirst()
            return Diagnostic(
                .error, at: SourceLocation(file: file, line: again, column: first.column),
                found: "the key \(key) given twice (first on line \(first.line))"
                    + (others.isEmpty ? "" : "; also \(others.joined(separator: ", "))"),
                expected: "each key once per mapping (remove or rename one of them)")
        default:
            return Diagnostic(
                .error, at: SourceLocation(file: file, line: 1, column: 1), found: "invalid YAML (\(error))",
                expected: "well-formed YAML")
        }
    }
}
