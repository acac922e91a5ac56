/// A JSON value rendered deterministically: keys in the order given, numbers
/// through `format` (no exponent, no float noise), two-space indentation.
public indirect enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double, decimals: Int)
    case int(Int)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    public static func == (a: JSON, b: JSON) -> Bool { a.rendered() == b.rendered() }

    public static func num(_ v: Double, _ decimals: Int = 2) -> JSON { .number(v, decimals: decimals) }
    public static func optional(_ v: Double?, _ decimals: Int = 2) -> JSON { v.map { .number($0, decimals: decimals) } ?? .null }
    public static func optional(_ s: String?) -> JSON { s.map { .string($0) } ?? .null }

    public func rendered(pretty: Bool = true) -> String {
        var out = ""
        render(into: &out, indent: 0, pretty: pretty)
        if pretty { out += "\n" }
        return out
    }

    private func render(into out: inout String, indent: Int, pretty: Bool) {
        let pad = pretty ? String(repeating: "  ", count: indent + 1) : ""
        let close = pretty ? String(repeating: "  ", count: indent) : ""
        let nl = pretty ? "\n" : ""
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let v, let d): out += v.isFinite ? format(v, decimals: d) : "null"
        case .int(let i): out += String(i)
        case .string(let s): JSON.escape(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[" + nl
            for (k, item) in items.enumerated() {
                out += pad
                item.render(into: &out, indent: indent + 1, pretty: pretty)
                out += (k + 1 < items.count ? "," : "") + nl
            }
            out += close + "]"
        case .object(let fields):
            if fields.isEmpty { out += "{}"; return }
            out += "{" + nl
            for (k, (key, value)) in fields.enumerated() {
                out += pad
                JSON.escape(key, into: &out)
                out += pretty ? ": " : ":"
                value.render(into: &out, indent: indent + 1, pretty: pretty)
                out += (k + 1 < fields.count ? "," : "") + nl
            }
            out += close + "}"
        }
    }

    static func escape(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
