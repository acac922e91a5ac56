/// Deterministic number text for files and the terminal: rounded to at most
/// `decimals` places, trailing zeros dropped, never "-0", never exponent form.
public func format(_ value: Double, decimals: Int = 2) -> String {
    var bytes: [UInt8] = []
    appendFormatted(value, decimals: decimals, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
}

/// A percentage as the terminal, summary.json and the report show it: one
/// decimal, and never "100" for less than 100 (99.95% of a project's demand
/// showed as 100% beside 0.7 h unmet).
public func formatPercent(_ percent: Double, decimals: Int = 1) -> String {
    format(shownPercent(percent, decimals: decimals), decimals: decimals)
}

/// `percent`, or 100 less one step of `decimals` when it is below 100 but
/// would round to 100 (summary.json's `coverage_percent` too). Solver noise
/// (66 h staffed as 65.9999997) is not "below": it must be 1e-4 points
/// under 100, 0.0015 h of 1,492 h.
public func shownPercent(_ percent: Double, decimals: Int = 1) -> Double {
    var step = 1.0
    for _ in 0..<decimals { step /= 10 }
    return percent < 100 - 1e-4 && (percent / step).rounded() * step >= 100 ? 100 - step : percent
}

/// `format(value, decimals:)` appended as UTF-8 (the JSON writer's fast path).
func appendFormatted(_ value: Double, decimals: Int, to out: inout [UInt8]) {
    guard value.isFinite else {
        out += Array((value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf")).utf8)
        return
    }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    if rounded == 0 {
        out.append(UInt8(ascii: "0"))
        return
    }
    let units = (abs(rounded) * scale).rounded()
    // Integer part and fraction from the scaled integer, exactly.
    guard units < 9e15 else {
        out += Array("\(rounded)".utf8)
        return
    }
    if rounded < 0 { out.append(UInt8(ascii: "-")) }
    let n = Int64(units)
    let s = Int64(scale)
    appendDigits(n / s, minimumWidth: 1, to: &out)
    var fraction = n % s
    if decimals > 0 && fraction != 0 {
        // `decimals` digits with leading zeros, trailing zeros dropped.
        var width = decimals
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        out.append(UInt8(ascii: "."))
        appendDigits(fraction, minimumWidth: width, to: &out)
    }
}

/// The decimal digits of `n` >= 0, zero-padded on the left to `minimumWidth`.
private func appendDigits(_ n: Int64, minimumWidth: Int, to out: inout [UInt8]) {
    var digits:
        (
            UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
            UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
        ) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var count = 0
    var rest = n
    withUnsafeMutableBytes(of: &digits) { buffer in
        repeat {
            buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            count += 1
        } while rest > 0 || count < minimumWidth
        for k in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[k]) }
    }
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

/// `parts` rounded to `decimals` places so that the rounded parts add up to
/// their sum rounded the same way (the largest remainder method): printed
/// parts then sum to the printed total. Each part moves by less than one unit
/// of the last place; the parts whose rounding lost the most are rounded up.
/// Returns the rounded parts and their total.
public func roundedParts(_ parts: [Double], decimals: Int = 0) -> (parts: [Double], total: Double) {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let units = parts.map { $0 * scale }
    guard units.allSatisfy({ $0.isFinite && abs($0) < 9e15 }) else {
        let rounded = parts.map { ($0 * scale).rounded() / scale }
        return (rounded, rounded.reduce(0, +))
    }
    let floors = units.map { $0.rounded(.down) }
    // The sum in a fixed order, then rounded half away from zero, as `format` rounds.
    let target = units.reduce(0, +).rounded()
    var missing = Int(target - floors.reduce(0, +))
    var result = floors
    // Largest remainder first; ties in the order of the parts.
    let order = units.indices.sorted { (units[$0] - floors[$0], $1) > (units[$1] - floors[$1], $0) }
    for i in order where missing > 0 {
        result[i] += 1
        missing -= 1
    }
    let rounded = result.map { $0 / scale }
    return (rounded, target / scale)
}

/// An amount of money to the cent, as the files print it.
func cents(_ value: Double) -> Double { value.isFinite ? (value * 100).rounded() / 100 : value }

/// `a - b` between amounts in cents, itself in cents: two optimal plans of
/// the same cost may differ in the last bits of their sums, and a
/// difference of 1,690.50 must print the same whichever of them the solver
/// ended at (the difference of two doubles in cents can fall a hair below
/// the half cent, hence the last rounding).
func centsDifference(_ a: Double, _ b: Double) -> Double { cents(cents(a) - cents(b)) }

/// A count with its noun: "1 assignment", "1,629 assignments".
public func counted(_ n: Int, _ one: String, _ many: String) -> String {
    "\(formatGrouped(Double(n))) \(n == 1 ? one : many)"
}
