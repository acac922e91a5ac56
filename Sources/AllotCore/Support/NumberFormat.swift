/// Deterministic number text for files and the terminal: rounded to at most
/// `decimals` places, trailing zeros dropped, never "-0", never exponent form.
public func format(_ value: Double, decimals: Int = 2) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    if rounded == 0 { return "0" }
    let negative = rounded < 0
    let units = (abs(rounded) * scale).rounded()
    // Integer part and fraction from the scaled integer, exactly.
    guard units < 9e15 else { return String(format: rounded) }
    let n = Int64(units)
    let s = Int64(scale)
    var text = String(n / s)
    var fraction = n % s
    if decimals > 0 && fraction != 0 {
        var digits = ""
        for _ in 0..<decimals {
            digits = String(fraction % 10) + digits
            fraction /= 10
        }
        while digits.hasSuffix("0") { digits.removeLast() }
        text += "." + digits
    }
    return negative ? "-" + text : text
}

/// Grouped thousands for people: 12345.6 -> "12,345.6".
public func formatGrouped(_ value: Double, decimals: Int = 0) -> String {
    let plain = format(value, decimals: decimals)
    let negative = plain.hasPrefix("-")
    let body = negative ? String(plain.dropFirst()) : plain
    let parts = body.split(separator: ".", maxSplits: 1)
    var integer = String(parts[0])
    var groups: [String] = []
    while integer.count > 3 {
        groups.insert(String(integer.suffix(3)), at: 0)
        integer.removeLast(3)
    }
    groups.insert(integer, at: 0)
    let grouped = groups.joined(separator: ",") + (parts.count > 1 ? "." + parts[1] : "")
    return negative ? "-" + grouped : grouped
}

private extension String {
    init(format value: Double) { self = "\(value)" }
}
