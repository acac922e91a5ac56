/// Encodes a Codable value into a `JSON` value: object keys in the order the
/// value encodes them (declaration order for synthesized conformances),
/// numbers rounded to the decimals their `SchemaKey` gives, a nil optional
/// written as `null` unless its key is `omittedWhenNil`. The writer of
/// plan.json and summary.json; `JSON.rendered()` turns the result into bytes.
struct JSONValueEncoder {
    /// Encoding never fails for the schema types; a custom `encode(to:)` that
    /// throws passes its error through.
    func encode<T: Encodable>(_ value: T) throws -> JSON {
        try ValueEncoder.json(for: value, parent: nil, key: nil, decimals: 2)
    }

    /// A file's schema type (`PlanFile`, `ComparisonFile`, `SuggestionsFile`), which encodes without
    /// failing: nothing in those types throws, so an error is a bug, reported with the `file` it was for.
    static func file<T: Encodable>(_ value: T, _ file: String) -> JSON {
        do { return try JSONValueEncoder().encode(value) } catch {
            preconditionFailure("\(file) failed to encode: \(error)")
        }
    }
    // Speed: tier M's plan.json has about 200,000 values. Each costs a few
    // allocations and dynamic casts here; the scalars take the fast paths
    // below (metatype comparisons, one `JSONScalar` lookup), and a key's
    // `SchemaKey` conformance is looked up once per object, not per number.
}

/// A value that is one JSON scalar, written without an encoder of its own
/// (ids, dates, period names, the schema's enums: the bulk of plan.json).
/// Its `encode(to:)` must write the same value.
protocol JSONScalar: Encodable {
    var jsonScalar: JSON { get }
}

/// What an encoder holds: nothing yet, a finished value, or an object or
/// array its containers are filling.
private enum Slot {
    case empty
    case value(JSON)
    case object(ObjectBuffer)
    case array(ArrayBuffer)

    var resolved: JSON {
        switch self {
        case .empty: return .object([])
        case .value(let v): return v
        case .object(let o): return o.resolved
        case .array(let a): return a.resolved
        }
    }
}

/// An object's fields, finished values as they come. A nested container or
/// super encoder (which the synthesized conformances never ask for) leaves a
/// placeholder, filled from its encoder when the object is resolved.
private final class ObjectBuffer {
    var fields: [(String, JSON)] = []
    var nested: [(index: Int, encoder: ValueEncoder)] = []

    var resolved: JSON {
        var all = fields
        for n in nested { all[n.index].1 = n.encoder.slot.resolved }
        return .object(all)
    }
}

private final class ArrayBuffer {
    var items: [JSON] = []
    var nested: [(index: Int, encoder: ValueEncoder)] = []

    var resolved: JSON {
        var all = items
        for n in nested { all[n.index] = n.encoder.slot.resolved }
        return .array(all)
    }
}

private final class ValueEncoder: Encoder {
    /// The coding path as a chain of encoders, made into an array only when asked.
    let parent: ValueEncoder?
    let key: (any CodingKey)?
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    /// The decimals of a number encoded directly into this encoder (the key's).
    let decimals: Int
    var slot: Slot = .empty

    init(parent: ValueEncoder?, key: (any CodingKey)?, decimals: Int) {
        self.parent = parent
        self.key = key
        self.decimals = decimals
    }

    var codingPath: [any CodingKey] {
        var path: [any CodingKey] = []
        var node: ValueEncoder? = self
        while let n = node {
            if let key = n.key { path.append(key) }
            node = n.parent
        }
        return path.reversed()
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let buffer: ObjectBuffer
        // A second keyed container on the same encoder adds to the same
        // object (plan.json encodes the summary's fields, then its own).
        if case .object(let existing) = slot {
            buffer = existing
        } else {
            buffer = ObjectBuffer()
            slot = .object(buffer)
        }
        return KeyedEncodingContainer(KeyedContainer<Key>(buffer: buffer, encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let buffer: ArrayBuffer
        if case .array(let existing) = slot {
            buffer = existing
        } else {
            buffer = ArrayBuffer()
            slot = .array(buffer)
        }
        return UnkeyedContainer(buffer: buffer, encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(encoder: self)
    }

    /// `value` encoded on its own under `key`, numbers at `decimals`.
    static func json<T: Encodable>(
        for value: T, parent: ValueEncoder?, key: (any CodingKey)?,
        decimals: @autoclosure () -> Int
    ) throws -> JSON {
        // T is the value's type: comparing metatypes costs nothing, a cast does.
        if T.self == String.self { return .string(unsafeBitCast(value, to: String.self)) }
        if T.self == Double.self { return .number(unsafeBitCast(value, to: Double.self), decimals: decimals()) }
        if T.self == Int.self { return .int(unsafeBitCast(value, to: Int.self)) }
        if T.self == Bool.self { return .bool(unsafeBitCast(value, to: Bool.self)) }
        if let scalar = value as? any JSONScalar { return scalar.jsonScalar }
        if T.self == Float.self { return .number(Double(unsafeBitCast(value, to: Float.self)), decimals: decimals()) }
        let encoder = ValueEncoder(parent: parent, key: key, decimals: decimals())
        try value.encode(to: encoder)
        return encoder.slot.resolved
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let buffer: ObjectBuffer
    let encoder: ValueEncoder
    /// `Key` as a `SchemaKey` (nil for a plain key: 2 decimals, never omitted).
    let schema: (any SchemaKey.Type)?
    var codingPath: [any CodingKey] { encoder.codingPath }

    init(buffer: ObjectBuffer, encoder: ValueEncoder) {
        self.buffer = buffer
        self.encoder = encoder
        schema = Key.self as? any SchemaKey.Type
    }

    private func decimals(_ key: Key) -> Int {
        guard let schema else { return 2 }
        return Self.layout(of: key, as: schema).decimals
    }

    private func omittedWhenNil(_ key: Key) -> Bool {
        guard let schema else { return false }
        return Self.layout(of: key, as: schema).omittedWhenNil
    }

    /// The key as the `SchemaKey` it is (`K` is `Key`).
    private static func layout<K: SchemaKey>(of key: Key, as _: K.Type) -> (decimals: Int, omittedWhenNil: Bool) {
        let schemaKey = unsafeBitCast(key, to: K.self)
        return (schemaKey.decimals, schemaKey.omittedWhenNil)
    }

    private func put(_ json: JSON, _ key: Key) { buffer.fields.append((key.stringValue, json)) }

    mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        put(.number(value, decimals: decimals(key)), key)
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        put(.number(Double(value), decimals: decimals(key)), key)
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(.int(value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(.int(Int(value)), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(.int(Int(value)), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(.int(Int(value)), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(.int(Int(value)), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { put(JSON.unsigned(UInt64(value)), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(.int(Int(value)), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(.int(Int(value)), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(.int(Int(value)), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { put(JSON.unsigned(value), key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        put(try ValueEncoder.json(for: value, parent: encoder, key: key, decimals: decimals(key)), key)
    }

    // A nil optional is `null`, or no key at all when the key says so; the
    // standard library's defaults would always leave the key out.
    private mutating func absent(_ key: Key) { if !omittedWhenNil(key) { put(.null, key) } }

    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { absent(key) }
    }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { absent(key) }
    }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { absent(key) }
    }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { absent(key) }
    }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { absent(key) }
    }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { absent(key) }
    }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { absent(key) }
    }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { absent(key) }
    }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { absent(key) }
    }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { absent(key) }
    }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { absent(key) }
    }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { absent(key) }
    }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { absent(key) }
    }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { absent(key) }
    }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { absent(key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        child(key, decimals(key)).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        child(key, decimals(key)).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { child(DynamicKey("super"), 2) }

    mutating func superEncoder(forKey key: Key) -> any Encoder { child(key, decimals(key)) }

    /// An encoder for the value under `key`, read when the object is resolved.
    private func child(_ key: any CodingKey, _ decimals: Int) -> ValueEncoder {
        let child = ValueEncoder(parent: encoder, key: key, decimals: decimals)
        buffer.nested.append((buffer.fields.count, child))
        buffer.fields.append((key.stringValue, .null))
        return child
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let buffer: ArrayBuffer
    let encoder: ValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { buffer.items.count }

    mutating func encodeNil() throws { buffer.items.append(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let json = try ValueEncoder.json(for: value, parent: encoder, key: IndexKey(count), decimals: encoder.decimals)
        buffer.items.append(json)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        child().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { child().unkeyedContainer() }

    mutating func superEncoder() -> any Encoder { child() }

    /// An encoder for the next item, read when the array is resolved.
    private func child() -> ValueEncoder {
        let child = ValueEncoder(parent: encoder, key: IndexKey(count), decimals: encoder.decimals)
        buffer.nested.append((buffer.items.count, child))
        buffer.items.append(.null)
        return child
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let encoder: ValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.slot = .value(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        // The value stands for this encoder's own: same place, same decimals.
        encoder.slot = .value(
            try ValueEncoder.json(
                for: value, parent: encoder.parent, key: encoder.key,
                decimals: encoder.decimals))
    }
}

extension JSON {
    /// An unsigned integer: exact while it fits an `Int`.
    static func unsigned(_ v: UInt64) -> JSON { v <= UInt64(Int.max) ? .int(Int(v)) : .number(Double(v), decimals: 0) }
}
