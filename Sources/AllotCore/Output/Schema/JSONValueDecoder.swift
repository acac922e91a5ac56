/// Decodes Codable values from a `ParsedJSON` document, the reader of
/// plan.json. Stricter than Foundation's JSONDecoder where a written file
/// needs it: an optional field must still be present (as `null`) unless its
/// `SchemaKey` is `omittedWhenNil`, an `Int` must be written as an integer,
/// and every error is a `DecodingError` whose coding path names the field.
struct JSONValueDecoder {
    func decode<T: Decodable>(_ type: T.Type, from document: ParsedJSON) throws -> T {
        try T(from: NodeDecoder(node: document, codingPath: []))
    }
}

/// What a type is, in an error message: "expected a number, found "12"".
func expectation(_ type: Any.Type) -> String {
    switch type {
    case is Double.Type, is Float.Type: return "a number"
    case is Int.Type, is Int8.Type, is Int16.Type, is Int32.Type, is Int64.Type,
        is UInt.Type, is UInt8.Type, is UInt16.Type, is UInt32.Type, is UInt64.Type:
        return "an integer"
    case is String.Type: return "a string"
    case is Bool.Type: return "true or false"
    case let described as any SchemaDescribed.Type: return described.schemaDescription
    default: return "an object"
    }
}

/// A type that says what its JSON looks like, for error messages.
protocol SchemaDescribed {
    static var schemaDescription: String { get }
}

extension Array: SchemaDescribed {
    static var schemaDescription: String { "an array" }
}

private struct NodeDecoder: Decoder {
    let node: ParsedJSON
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func mismatch(_ type: Any.Type) -> DecodingError {
        .typeMismatch(
            type,
            .init(
                codingPath: codingPath,
                debugDescription: "expected \(expectation(type)), found \(node.found)"))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let fields) = node.value else { throw mismatch([String: Int].self) }
        return KeyedDecodingContainer(KeyedContainer<Key>(fields: fields, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = node.value else { throw mismatch([Int].self) }
        return UnkeyedContainer(items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleValueContainer(decoder: self) }

    /// The node as a `T`: scalars checked here, everything else by `T(from:)`.
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        switch (type, node.value) {
        case (is String.Type, .string(let s)): return s as! T
        case (is Double.Type, .number(let d, _)): return d as! T
        case (is Float.Type, .number(let d, _)): return Float(d) as! T
        case (is Bool.Type, .bool(let b)): return b as! T
        case (is Int.Type, .number(_, let i?)): return i as! T
        case (is String.Type, _), (is Double.Type, _), (is Float.Type, _), (is Bool.Type, _), (is Int.Type, _):
            if case .null = node.value {
                let context = DecodingError.Context(
                    codingPath: codingPath,
                    debugDescription: "expected \(expectation(type)), found null")
                throw DecodingError.valueNotFound(type, context)
            }
            throw mismatch(type)
        default:
            if let integer = try fixedWidthInteger(type) { return integer }
            return try T(from: self)
        }
    }

    /// The other integer types, range-checked.
    private func fixedWidthInteger<T>(_ type: T.Type) throws -> T? {
        guard let integerType = type as? any FixedWidthInteger.Type else { return nil }
        guard case .number(_, let i?) = node.value, let value = integerType.init(exactly: i) else {
            throw mismatch(type)
        }
        return (value as! T)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let fields: [(key: String, value: ParsedJSON)]
    let codingPath: [any CodingKey]

    var allKeys: [Key] { fields.compactMap { Key(stringValue: $0.key) } }

    func contains(_ key: Key) -> Bool { fields.contains { $0.key == key.stringValue } }

    private func node(_ key: Key, _ type: Any.Type) throws -> ParsedJSON {
        guard let node = fields.first(where: { $0.key == key.stringValue })?.value else {
            let message = "missing field \(key.stringValue) (\(expectation(type)))"
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: message))
        }
        return node
    }

    private func decoder(_ key: Key, _ type: Any.Type) throws -> NodeDecoder {
        NodeDecoder(node: try node(key, type), codingPath: codingPath + [key])
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        if case .null = try node(key, Any.self).value { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decoder(key, type).decode(type) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decoder(key, type).decode(type) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decoder(key, type).decode(type) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decoder(key, type).decode(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decoder(key, type).decode(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decoder(key, type).decode(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decoder(key, type).decode(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decoder(key, type).decode(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decoder(key, type).decode(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decoder(key, type).decode(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decoder(key, type).decode(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decoder(key, type).decode(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decoder(key, type).decode(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decoder(key, type).decode(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decoder(key, type).decode(type) }

    /// nil for `null`, or for a missing key the schema lets the writer leave out.
    private func optional<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
        if key.schemaOmittedWhenNil, !contains(key) { return nil }
        let decoder = try decoder(key, type)
        if case .null = decoder.node.value { return nil }
        return try decoder.decode(type)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try optional(type, key) }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try optional(type, key) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try optional(type, key) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try optional(type, key) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try optional(type, key) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try optional(type, key) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try optional(type, key) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try optional(type, key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try optional(type, key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try optional(type, key) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try optional(type, key) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try optional(type, key) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try optional(type, key) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try optional(type, key) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try optional(type, key) }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder(key, [String: Int].self).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder(key, [Int].self).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        let key = DynamicKey("super")
        guard let node = fields.first(where: { $0.key == key.stringValue })?.value else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing field super"))
        }
        return NodeDecoder(node: node, codingPath: codingPath + [key])
    }
    func superDecoder(forKey key: Key) throws -> any Decoder { try decoder(key, Any.self) }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let items: [ParsedJSON]
    let codingPath: [any CodingKey]
    var currentIndex = 0

    init(items: [ParsedJSON], codingPath: [any CodingKey]) {
        self.items = items
        self.codingPath = codingPath
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func next(_ type: Any.Type) throws -> NodeDecoder {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                type,
                .init(
                    codingPath: codingPath + [IndexKey(currentIndex)],
                    debugDescription: "the array ends here"))
        }
        defer { currentIndex += 1 }
        return NodeDecoder(node: items[currentIndex], codingPath: codingPath + [IndexKey(currentIndex)])
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, case .null = items[currentIndex].value else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next(type).decode(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try next([String: Int].self).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next([Int].self).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { try next(Any.self) }
}

private struct SingleValueContainer: SingleValueDecodingContainer {
    let decoder: NodeDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool {
        if case .null = decoder.node.value { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decode(type) }
}
