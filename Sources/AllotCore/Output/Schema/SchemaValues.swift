/// The typed values of plan.json: ids, dates, period names and the enums,
/// each read back with the same check the writer's values pass, so a wrong
/// value is an error naming its field rather than a silently odd row.

/// A period's name as written in plans: `2027-W03` (ISO week) or `2027-03` (month).
public struct PeriodName: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var rawValue: String

    /// Nil unless the text is `YYYY-Www` (week 01-53) or `YYYY-MM` (month 01-12).
    public init?(rawValue: String) {
        let u = Array(rawValue.utf8)
        func digits(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                guard u[i] >= 48, u[i] <= 57 else { return nil }
                v = v * 10 + Int(u[i] - 48)
            }
            return v
        }
        guard u.count >= 7, u[4] == UInt8(ascii: "-"), digits(0..<4) != nil else { return nil }
        if u.count == 8, u[5] == UInt8(ascii: "W"), let week = digits(6..<8), (1...53).contains(week) {
            self.rawValue = rawValue
        } else if u.count == 7, let month = digits(5..<7), (1...12).contains(month) {
            self.rawValue = rawValue
        } else {
            return nil
        }
    }

    public init(_ period: Period) { rawValue = period.name }

    public var description: String { rawValue }
    public static func < (a: PeriodName, b: PeriodName) -> Bool { a.rawValue < b.rawValue }

    /// Whether `day` lies in the week or month this names.
    public func contains(_ day: Day) -> Bool {
        if rawValue.count == 8 {
            let w = day.isoWeek
            return rawValue == pad(w.year, 4) + "-W" + pad(w.week, 2)
        }
        let c = day.civil
        return rawValue == pad(c.year, 4) + "-" + pad(c.month, 2)
    }
}

extension PeriodName: Codable, SchemaDescribed, JSONScalar {
    static var schemaDescription: String { "a period name (2027-W03 or 2027-03)" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let name = PeriodName(rawValue: text) else {
            let message = "expected \(Self.schemaDescription), found \"\(text)\""
            throw DecodingError.dataCorruptedError(in: c, debugDescription: message)
        }
        self = name
    }

    var jsonScalar: JSON { .string(rawValue) }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

extension Identifier: Codable, SchemaDescribed, JSONScalar {
    static var schemaDescription: String { "a \(String(describing: Owner.self).lowercased()) id" }

    /// The dataset's rule for ids: letters, digits, '.', '_', '-', starting
    /// with a letter or digit, at most 64 characters.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard Validator.isValidID(text) else {
            let message =
                "expected \(Self.schemaDescription) (letters, digits, '.', '_' and '-', starting with a "
                + "letter or digit, at most \(Validator.idLimit) characters), found \"\(text)\""
            throw DecodingError.dataCorruptedError(in: c, debugDescription: message)
        }
        self.init(rawValue: text)
    }

    var jsonScalar: JSON { .string(rawValue) }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

extension Day: Codable, SchemaDescribed, JSONScalar {
    static var schemaDescription: String { "a date YYYY-MM-DD" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let day = Day(iso: text) else {
            let message = "expected \(Self.schemaDescription), found \"\(text)\""
            throw DecodingError.dataCorruptedError(in: c, debugDescription: message)
        }
        self = day
    }

    var jsonScalar: JSON { .string(description) }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// A string enum of the schema: read back only from one of its raw values.
protocol SchemaEnum: RawRepresentable, Codable, SchemaDescribed, JSONScalar where RawValue == String {
    static var schemaValues: [String] { get }
}

extension SchemaEnum {
    static var schemaDescription: String { "one of " + schemaValues.joined(separator: ", ") }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let value = Self(rawValue: text) else {
            let message = "expected \(Self.schemaDescription), found \"\(text)\""
            throw DecodingError.dataCorruptedError(in: c, debugDescription: message)
        }
        self = value
    }

    var jsonScalar: JSON { .string(rawValue) }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

extension SchemaEnum where Self: CaseIterable {
    static var schemaValues: [String] { allCases.map(\.rawValue) }
}

extension Solution.Status: SchemaEnum {
    static var schemaValues: [String] { [Self.optimal, .feasible, .infeasible, .error].map(\.rawValue) }
}

extension Settings.Objective: SchemaEnum {}
extension Conflict.Kind: SchemaEnum {}

extension Conflict.Cause: SchemaEnum {}
extension Staff.Paid: SchemaEnum {}
