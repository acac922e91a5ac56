/// xorshift64*: a small seeded generator, the same sequence on every machine
/// (Swift's `SystemRandomNumberGenerator` cannot be seeded).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }

    public mutating func next() -> UInt64 {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }

    /// A number in 0..<bound (bound > 0).
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

/// Mutates seed files the way damaged or hostile files differ from good ones:
/// bytes, lines and cells, tokens that readers treat specially, and pieces of
/// other seeds. Deterministic for a given generator state.
public struct Mutator: Sendable {
    /// Inputs never grow past this many bytes (the readers' size limits are tested elsewhere).
    public var maxLength: Int

    public init(maxLength: Int = 64 * 1024) { self.maxLength = maxLength }

    /// Text that CSV, YAML, JSON, number and date readers treat specially.
    static let tokens: [[UInt8]] = [
        "", ",", ";", "\"", "\"\"", "\n", "\r", "\r\n", "\u{FEFF}", "\0", "\t", " ", "0", "-0", "-1", "1e308",
        "-1e308", "1e-320", "1e999", "nan", "NaN", "inf", "-inf", "0x10", "9999999999999999999999", "4.9e-324",
        "2027-02-29", "2028-02-29", "0001-01-01", "9999-12-31", "2027-13-01", "2027-W53", "&a ", "*a", "&a [*a, *a]",
        "<<: *a", "[", "]", "{", "}", ":", ": ", "- ", "? ", "!!binary ", "!!str ", "%YAML 1.1\n", "---\n", "...\n",
        "|\n", ">-\n", "~", "null", "true", "yes", "no", "\\u0000", "\\ud800", "\\\"", "{\"a\":", "[[[[[[[[",
        "\u{202E}", "\u{1B}]0;x\u{07}", "=1+1", "@SUM(A1)", "../../x", "/", "é", "\u{10FFFF}", "#",
        "schema_version", "horizon", "period", "month", "week", "scenarios", "objective", "weighted", "priority",
        "hours_per_week", "total_hours", "cost_per_hour", "skills", "swift:5", "locked", "paid", "capacity",
    ].map { Array($0.utf8) }

    /// One mutant of `seed`: one to four stacked edits, some splicing in `others`.
    public func mutate<G: RandomNumberGenerator>(_ seed: [UInt8], others: [[UInt8]], using g: inout G) -> [UInt8] {
        var bytes = seed
        let edits = 1 + Int(g.next() % 4)
        for _ in 0..<edits { edit(&bytes, others: others, using: &g) }
        if bytes.count > maxLength { bytes.removeLast(bytes.count - maxLength) }
        return bytes
    }

    private func edit<G: RandomNumberGenerator>(_ bytes: inout [UInt8], others: [[UInt8]], using g: inout G) {
        func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(g.next() % UInt64(n)) }
        func token() -> [UInt8] { Self.tokens[below(Self.tokens.count)] }
        let n = bytes.count
        switch below(14) {
        case 0 where n > 0:  // flip one bit
            bytes[below(n)] ^= UInt8(1) << UInt8(below(8))
        case 1 where n > 0:  // one byte, any value
            bytes[below(n)] = UInt8(truncatingIfNeeded: g.next())
        case 2:  // insert a byte
            bytes.insert(UInt8(truncatingIfNeeded: g.next()), at: below(n + 1))
        case 3:  // insert a token
            bytes.insert(contentsOf: token(), at: below(n + 1))
        case 4 where n > 0:  // delete a range
            let start = below(n)
            bytes.removeSubrange(start..<min(n, start + 1 + below(32)))
        case 5 where n > 0:  // duplicate a range, sometimes many times
            let start = below(n)
            let piece = bytes[start..<min(n, start + 1 + below(64))]
            let times = below(4) == 0 ? 1 + below(200) : 1
            bytes.insert(contentsOf: Array(repeating: Array(piece), count: times).joined(), at: below(n + 1))
        case 6:  // a cell (text between separators) replaced by a token
            replaceCell(&bytes, with: token(), using: &g)
        case 7, 8:  // lines: delete, duplicate or swap
            lineEdit(&bytes, using: &g)
        case 9 where !others.isEmpty:  // splice: a piece of another seed
            let other = others[below(others.count)]
            guard !other.isEmpty else { return }
            let start = below(other.count)
            let piece = other[start..<min(other.count, start + 1 + below(256))]
            bytes.insert(contentsOf: piece, at: below(n + 1))
        case 10 where n > 0:  // truncate
            bytes.removeLast(n - below(n))
        case 11 where n > 0:  // a digit run made extreme
            let digits = Array("0123456789".utf8)
            for _ in 0..<8 {
                let i = below(n)
                if digits.contains(bytes[i]) {
                    bytes.replaceSubrange(i...i, with: token())
                    break
                }
            }
        default:  // a token over a byte range
            let start = below(n + 1)
            bytes.replaceSubrange(start..<min(n, start + below(8)), with: token())
        }
    }

    private func replaceCell<G: RandomNumberGenerator>(_ bytes: inout [UInt8], with token: [UInt8], using g: inout G) {
        let separators: Set<UInt8> = [0x2C, 0x0A, 0x3A, 0x7B, 0x7D, 0x5B, 0x5D]  // , \n : { } [ ]
        let marks = bytes.indices.filter { separators.contains(bytes[$0]) }
        guard marks.count >= 2 else {
            bytes.append(contentsOf: token)
            return
        }
        let i = Int(g.next() % UInt64(marks.count - 1))
        bytes.replaceSubrange((marks[i] + 1)..<marks[i + 1], with: token)
    }

    private func lineEdit<G: RandomNumberGenerator>(_ bytes: inout [UInt8], using g: inout G) {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        guard !lines.isEmpty else { return }
        let a = Int(g.next() % UInt64(lines.count)), b = Int(g.next() % UInt64(lines.count))
        switch g.next() % 3 {
        case 0: lines.remove(at: a)
        case 1: lines.insert(lines[a], at: b)
        default: lines.swapAt(a, b)
        }
        bytes = Array(lines.joined(separator: [0x0A]))
    }
}
