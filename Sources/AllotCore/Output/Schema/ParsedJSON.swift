/// A JSON document parsed into values that remember where they start, so a
/// reader can say `plan.json:245:7` about a field it rejects. Strict RFC 8259:
/// no comments, no trailing commas, no duplicate keys, UTF-8 only.
struct ParsedJSON: Sendable {
    enum Value: Sendable {
        case null
        case bool(Bool)
        /// The number, and the same as an `Int` when written as an integer
        /// (no fraction, no exponent) that fits one.
        case number(Double, integer: Int?)
        case string(String)
        case array([ParsedJSON])
        case object([(key: String, value: ParsedJSON)])
    }

    var value: Value
    /// Byte offset of the value's first character in the document.
    var offset: Int

    struct SyntaxError: Error, Sendable {
        var offset: Int
        var message: String
    }

    static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> ParsedJSON {
        var parser = Parser(bytes: bytes)
        parser.skipSpace()
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.at == bytes.count else { throw parser.error("expected the end of the document") }
        return value
    }

    /// 1-based line and column (in bytes) of a byte offset.
    static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, lineStart = 0
        for i in 0..<min(offset, bytes.count) where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        return (line, offset - lineStart + 1)
    }

    /// The value at a coding path, or the deepest one that exists on it (the
    /// object a missing field should be in).
    func deepest(along path: [any CodingKey]) -> ParsedJSON {
        var node = self
        for key in path {
            switch node.value {
            case .object(let fields):
                guard let next = fields.first(where: { $0.key == key.stringValue })?.value else { return node }
                node = next
            case .array(let items):
                guard let i = key.intValue, items.indices.contains(i) else { return node }
                node = items[i]
            default:
                return node
            }
        }
        return node
    }

    /// The value as an error message shows it: `null`, `12.5`, `"text"`, an object.
    var found: String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let d, let i): return i.map(String.init) ?? "\(d)"
        case .string(let s): return s.count > 40 ? "\"\(s.prefix(40))...\"" : "\"\(s)\""
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

private struct Parser {
    let bytes: [UInt8]
    var at = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// Objects and arrays nest at most this deep (a guard for the stack).
    static let maximumDepth = 256

    func error(_ message: String) -> ParsedJSON.SyntaxError {
        let found = at < bytes.count ? "found '\(Unicode.Scalar(bytes[at]))'" : "found the end of the file"
        return ParsedJSON.SyntaxError(offset: at, message: "\(message), \(found)")
    }

    mutating func skipSpace() {
        // Space, line feed, carriage return, tab.
        while at < bytes.count, bytes[at] == 0x20 || bytes[at] == 0x0A || bytes[at] == 0x0D || bytes[at] == 0x09 {
            at += 1
        }
    }

    mutating func literal(_ word: String, _ value: ParsedJSON.Value) throws(ParsedJSON.SyntaxError) -> ParsedJSON {
        let start = at
        for b in word.utf8 {
            guard at < bytes.count, bytes[at] == b else { throw error("expected \(word)") }
            at += 1
        }
        return ParsedJSON(value: value, offset: start)
    }

    mutating func value(depth: Int) throws(ParsedJSON.SyntaxError) -> ParsedJSON {
        guard at < bytes.count else { throw error("expected a value") }
        switch bytes[at] {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""):
            let start = at
            return ParsedJSON(value: .string(try string()), offset: start)
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw error("expected a value")
        }
    }

    mutating func object(depth: Int) throws(ParsedJSON.SyntaxError) -> ParsedJSON {
        let start = at
        guard depth <= Self.maximumDepth else { throw error("nested deeper than \(Self.maximumDepth) levels") }
        at += 1
        var fields: [(key: String, value: ParsedJSON)] = []
        skipSpace()
        if at < bytes.count, bytes[at] == UInt8(ascii: "}") {
            at += 1
            return ParsedJSON(value: .object(fields), offset: start)
        }
        while true {
            skipSpace()
            guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else {
                throw error("expected a key in double quotes")
            }
            let keyStart = at
            let key = try string()
            if fields.contains(where: { $0.key == key }) {
                at = keyStart
                throw error("the key \"\(key)\" appears twice in one object")
            }
            skipSpace()
            guard at < bytes.count, bytes[at] == UInt8(ascii: ":") else { throw error("expected ':' after a key") }
            at += 1
            skipSpace()
            fields.append((key, try value(depth: depth)))
            skipSpace()
            guard at < bytes.count else { throw error("expected ',' or '}'") }
            if bytes[at] == UInt8(ascii: ",") {
                at += 1
                continue
            }
            guard bytes[at] == UInt8(ascii: "}") else { throw error("expected ',' or '}'") }
            at += 1
            return ParsedJSON(value: .object(fields), offset: start)
        }
    }

    mutating func array(depth: Int) throws(ParsedJSON.SyntaxError) -> ParsedJSON {
        let start = at
        guard depth <= Self.maximumDepth else { throw error("nested deeper than \(Self.maximumDepth) levels") }
        at += 1
        var items: [ParsedJSON] = []
        skipSpace()
        if at < bytes.count, bytes[at] == UInt8(ascii: "]") {
            at += 1
            return ParsedJSON(value: .array(items), offset: start)
        }
        while true {
            skipSpace()
            items.append(try value(depth: depth))
            skipSpace()
            guard at < bytes.count else { throw error("expected ',' or ']'") }
            if bytes[at] == UInt8(ascii: ",") {
                at += 1
                continue
            }
            guard bytes[at] == UInt8(ascii: "]") else { throw error("expected ',' or ']'") }
            at += 1
            return ParsedJSON(value: .array(items), offset: start)
        }
    }

    mutating func number() throws(ParsedJSON.SyntaxError) -> ParsedJSON {
        let start = at
        func digits(_ p: inout Parser) -> Int {
            let from = p.at
            while p.at < p.bytes.count, p.bytes[p.at] >= 0x30, p.bytes[p.at] <= 0x39 { p.at += 1 }
            return p.at - from
        }
        if bytes[at] == UInt8(ascii: "-") { at += 1 }
        let integerStart = at
        let integerDigits = digits(&self)
        guard integerDigits > 0 else { throw error("expected a digit") }
        if integerDigits > 1, bytes[integerStart] == UInt8(ascii: "0") {
            at = integerStart
            throw error("a number may not start with 0")
        }
        var integral = true
        if at < bytes.count, bytes[at] == UInt8(ascii: ".") {
            integral = false
            at += 1
            guard digits(&self) > 0 else { throw error("expected a digit after '.'") }
        }
        if at < bytes.count, bytes[at] == UInt8(ascii: "e") || bytes[at] == UInt8(ascii: "E") {
            integral = false
            at += 1
            if at < bytes.count, bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") { at += 1 }
            guard digits(&self) > 0 else { throw error("expected a digit in the exponent") }
        }
        let text = String(decoding: bytes[start..<at], as: UTF8.self)
        guard let double = Double(text), double.isFinite else {
            at = start
            throw error("a number out of range")
        }
        return ParsedJSON(value: .number(double, integer: integral ? Int(text) : nil), offset: start)
    }

    /// A string from its opening quote to past its closing one.
    mutating func string() throws(ParsedJSON.SyntaxError) -> String {
        at += 1
        var out: [UInt8] = []
        while true {
            guard at < bytes.count else { throw error("expected '\"' to close the string") }
            let b = bytes[at]
            switch b {
            case UInt8(ascii: "\""):
                at += 1
                guard let s = String(validating: out, as: UTF8.self) else {
                    throw error("the string before this point is not valid UTF-8")
                }
                return s
            case UInt8(ascii: "\\"):
                at += 1
                guard at < bytes.count else { throw error("expected an escape after '\\'") }
                let e = bytes[at]
                at += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        let escapeFollows = at + 1 < bytes.count && bytes[at] == UInt8(ascii: "\\")
                        guard escapeFollows, bytes[at + 1] == UInt8(ascii: "u") else {
                            throw error("expected the low half of a surrogate pair")
                        }
                        at += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else {
                            throw error("expected the low half of a surrogate pair")
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw error("an escape that is no Unicode scalar") }
                    out += Array(String(Character(u)).utf8)
                default:
                    at -= 1
                    throw error("an unknown escape")
                }
            case 0..<0x20:
                throw error("a control character inside a string (escape it)")
            default:
                out.append(b)
                at += 1
            }
        }
    }

    mutating func hex4() throws(ParsedJSON.SyntaxError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard at < bytes.count else { throw error("expected 4 hex digits after \\u") }
            let b = bytes[at]
            let digit: UInt32
            switch b {
            case 0x30...0x39: digit = UInt32(b - 0x30)
            case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
            default: throw error("expected 4 hex digits after \\u")
            }
            v = v * 16 + digit
            at += 1
        }
        return v
    }
}
