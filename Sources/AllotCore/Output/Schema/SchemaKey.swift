/// What a key of a written file says about its value beyond Codable: how many
/// decimals a number under it is rounded to (2 unless the key says otherwise),
/// and whether a nil value leaves the key out instead of writing `null`.
///
/// `JSONValueEncoder` writes by it and `JSONValueDecoder` reads by it, so the
/// two cannot disagree: a key that is not `omittedWhenNil` must be present in
/// the file (`null` where the value is optional), and its absence is an error
/// naming the field.
protocol SchemaKey: CodingKey {
    var decimals: Int { get }
    var omittedWhenNil: Bool { get }
}

extension SchemaKey {
    var decimals: Int { 2 }
    var omittedWhenNil: Bool { false }
}

extension CodingKey {
    /// The decimals of a number under this key (2 for a plain `CodingKey`).
    var schemaDecimals: Int { (self as? any SchemaKey)?.decimals ?? 2 }
    /// Whether the key may be absent (never for a plain `CodingKey`).
    var schemaOmittedWhenNil: Bool { (self as? any SchemaKey)?.omittedWhenNil ?? false }
}

/// A key made at run time, for objects whose keys are data (`weights`,
/// `conflicts_by_kind`), with the decimals of the numbers under it.
struct DynamicKey: SchemaKey {
    var stringValue: String
    var intValue: Int? { nil }
    var decimals: Int

    init(_ name: String, decimals: Int = 2) {
        stringValue = name
        self.decimals = decimals
    }

    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { nil }
}

/// The position in an array, in coding paths (`assignments[12]`).
struct IndexKey: CodingKey {
    var index: Int
    var stringValue: String { "\(index)" }
    var intValue: Int? { index }

    init(_ index: Int) { self.index = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { index = intValue }
}

extension Array where Element == any CodingKey {
    /// `assignments[12].hours`: keys joined by dots, indices in brackets.
    var jsonPath: String {
        var out = ""
        for key in self {
            if let index = key.intValue {
                out += "[\(index)]"
            } else {
                if !out.isEmpty { out += "." }
                out += key.stringValue
            }
        }
        return out
    }
}
