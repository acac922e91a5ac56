/// Encodes a Codable value into a `JSON` value: object keys in the order the
/// value encodes them (declaration order for synthesized conformances),
/// numbers rounded to the decimals their `SchemaKey` gives, a nil optional
/// written as `null` unless its key is `omittedWhenNil`. The writer of
/// plan.json and summary.json; `JSON.rendered()` turns the result into bytes.
struct JSONValueEncoder {
    /// Encoding never fails for the schema types; a custom `encode(to:)` that
    /// throws passes its error through.
    func encode<T: Encodable>(_ value: T) throws -> JSON {
        let encoder = ValueEncoder(codingPath: [], decimals: 2)
        try value.encode(to: encoder)
        return encoder.slot.resolved
    }
}

/// Where an encoder puts its value: nothing yet, a finished value, or an
/// object or array its containers are still filling.
private enum Slot {
    case empty
    case value(JSON)
    case object(ObjectBuffer)
    case array(ArrayBuffer)

    var resolved: JSON {
        switch self {
        case .empty: return .object([])
        case .value(let v): return v
        case .object(let o): return .object(o.fields.map { ($0.0, $0.1.resolved) })
        case .array(let a): return .array(a.items.map(\.resolved))
        }
    }
}

private final class ObjectBuffer {
    var fields: [(String, Slot)] = []
}

private final class ArrayBuffer {
    var items: [Slot] = []
}

private final class ValueEncoder: Encoder {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    /// The decimals of a number encoded directly into this encoder (the key's).
    let decimals: Int
    var slot: Slot = .empty

    init(codingPath: [any CodingKey], decimals: Int) {
        self.codingPath = codingPath
        self.decimals = decimals
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
        return KeyedEncodingContainer(KeyedContainer<Key>(buffer: buffer, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let buffer: ArrayBuffer
        if case .array(let existing) = slot {
            buffer = existing
        } else {
            buffer = ArrayBuffer()
            slot = .array(buffer)
        }
        return UnkeyedContainer(buffer: buffer, codingPath: codingPath, decimals: decimals)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(encoder: self)
    }

    /// `value` encoded on its own, at `path`, with numbers at `decimals`.
    static func slot<T: Encodable>(for value: T, at path: [any CodingKey], decimals: Int) throws -> Slot {
        if let json = primitive(value, decimals: decimals) { return .value(json) }
        let encoder = ValueEncoder(codingPath: path, decimals: decimals)
        try value.encode(to: encoder)
        return encoder.slot
    }

    /// The fast path for the standard library's scalars.
    static func primitive<T: Encodable>(_ value: T, decimals: Int) -> JSON? {
        switch value {
        case let v as String: return .string(v)
        case let v as Double: return .number(v, decimals: decimals)
        case let v as Int: return .int(v)
        case let v as Bool: return .bool(v)
        case let v as Float: return .number(Double(v), decimals: decimals)
        default: return nil
        }
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let buffer: ObjectBuffer
    let codingPath: [any CodingKey]

    private func put(_ json: JSON, _ key: Key) { buffer.fields.append((key.stringValue, .value(json))) }

    mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(.number(value, decimals: key.schemaDecimals), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        put(.number(Double(value), decimals: key.schemaDecimals), key)
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
        let slot = try ValueEncoder.slot(for: value, at: codingPath + [key], decimals: key.schemaDecimals)
        buffer.fields.append((key.stringValue, slot))
    }

    // A nil optional is `null`, or no key at all when the key says so; the
    // standard library's defaults would always leave the key out.
    private mutating func absent(_ key: Key) { if !key.schemaOmittedWhenNil { put(.null, key) } }

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
        let nested = ObjectBuffer()
        buffer.fields.append((key.stringValue, .object(nested)))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(buffer: nested, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = ArrayBuffer()
        buffer.fields.append((key.stringValue, .array(nested)))
        return UnkeyedContainer(buffer: nested, codingPath: codingPath + [key], decimals: key.schemaDecimals)
    }

    mutating func superEncoder() -> any Encoder { superEncoder(named: "super") }

    mutating func superEncoder(forKey key: Key) -> any Encoder { superEncoder(named: key.stringValue) }

    private func superEncoder(named name: String) -> any Encoder {
        let nested = ObjectBuffer()
        let encoder = ValueEncoder(codingPath: codingPath + [DynamicKey(name)], decimals: 2)
        encoder.slot = .object(nested)
        buffer.fields.append((name, .object(nested)))
        return encoder
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let buffer: ArrayBuffer
    let codingPath: [any CodingKey]
    let decimals: Int
    var count: Int { buffer.items.count }

    mutating func encodeNil() throws { buffer.items.append(.value(.null)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        buffer.items.append(try ValueEncoder.slot(for: value, at: codingPath + [IndexKey(count)], decimals: decimals))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = ObjectBuffer()
        let path = codingPath + [IndexKey(count)]
        buffer.items.append(.object(nested))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(buffer: nested, codingPath: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = ArrayBuffer()
        let path = codingPath + [IndexKey(count)]
        buffer.items.append(.array(nested))
        return UnkeyedContainer(buffer: nested, codingPath: path, decimals: decimals)
    }

    mutating func superEncoder() -> any Encoder {
        let nested = ObjectBuffer()
        let encoder = ValueEncoder(codingPath: codingPath + [IndexKey(count)], decimals: 2)
        encoder.slot = .object(nested)
        buffer.items.append(.object(nested))
        return encoder
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    let encoder: ValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.slot = .value(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.slot = try ValueEncoder.slot(for: value, at: codingPath, decimals: encoder.decimals)
    }
}

extension JSON {
    /// An unsigned integer: exact while it fits an `Int`.
    static func unsigned(_ v: UInt64) -> JSON { v <= UInt64(Int.max) ? .int(Int(v)) : .number(Double(v), decimals: 0) }
}
