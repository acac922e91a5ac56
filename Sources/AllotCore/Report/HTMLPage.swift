/// A self-contained HTML page built as text: every piece of data is escaped
/// on the way in, control characters are dropped, and nothing is loaded
/// from elsewhere (inline CSS and SVG, no script). Deterministic: the same
/// report gives the same bytes.
struct HTMLPage {
    private(set) var text = ""

    init(title: String) {
        text.reserveCapacity(1 << 16)
        text += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        text += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        text += "<title>\(Self.escape(title))</title>\n<style>\n\(Self.style)</style>\n</head>\n<body>\n"
    }

    /// Markup as given (never data).
    mutating func raw(_ markup: String) { text += markup }

    /// Text content, escaped.
    mutating func put(_ s: String) { text += Self.escape(s) }

    /// `<tag attributes>escaped text</tag>`.
    mutating func element(_ tag: String, _ content: String, _ attributes: String = "") {
        text += "<\(tag)\(attributes.isEmpty ? "" : " " + attributes)>\(Self.escape(content))</\(tag)>"
    }

    mutating func finish() -> String {
        text += "</body>\n</html>\n"
        return text
    }

    /// `s` as HTML text or attribute value: `& < > " '` escaped, control
    /// characters dropped (line breaks become spaces).
    static func escape(_ s: String) -> String {
        let s = printable(s)
        guard s.contains(where: { "&<>\"'".contains($0) }) else { return s }
        var out = ""
        out.reserveCapacity(s.count + 16)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// `s` as the text of a `<pre>`: escaped as `escape` does, line by line, the line breaks kept.
    static func escapeKeepingLines(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }.joined(separator: "\n")
    }

    /// An attribute `name="value"`, escaped.
    static func attribute(_ name: String, _ value: String) -> String { "\(name)=\"\(escape(value))\"" }

    /// Hours for people: grouped thousands, at most 1 decimal.
    static func hours(_ v: Double) -> String { formatGrouped(v, decimals: 1) }

    /// Money: grouped thousands, no decimals.
    static func money(_ v: Double) -> String { formatGrouped(v, decimals: 0) }

    /// A share as a whole percentage ("85%"), or 1 decimal below 10% and above 99%.
    /// A share as a percentage with one decimal, as the terminal shows it
    /// (`formatPercent`: never 100% while hours are unmet).
    static func percent(_ share: Double) -> String {
        formatPercent(100 * share) + "%"
    }

    /// A proven gap, with three decimals as the terminal shows it (one
    /// decimal showed acme-mip's 0.006% as 0%).
    static func gapPercent(_ gap: Double) -> String {
        format(100 * gap, decimals: 3) + "%"
    }

    /// `+1,200` or `-300` (`0` for nothing), with a real minus sign.
    static func signed(_ v: Double, decimals: Int = 0) -> String {
        let text = formatGrouped(abs(v), decimals: decimals)
        if text == "0" { return "0" }
        return (v > 0 ? "+" : "\u{2212}") + text
    }

    /// Inline CSS: screen and print. Colour is never the only signal: every
    /// heatmap cell carries its number and letters, and overload is underlined.
    /// Solid colours only: gradient patterns on thousands of cells made
    /// printing 7 times slower and the PDF 13 times larger (acme).
    static let style = """
        :root { --ink: #1b1f24; --muted: #5b6470; --line: #d6dbe1; --bg: #ffffff; --accent: #1f5fa8; }
        * { box-sizing: border-box; }
        body { font: 14px/1.45 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: var(--ink);
          background: var(--bg); margin: 0 auto; padding: 24px 32px 48px; max-width: 1800px; }
        h1 { font-size: 24px; margin: 0 0 4px; }
        h2 { font-size: 19px; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
        h3 { font-size: 16px; margin: 24px 0 6px; }
        p { margin: 6px 0; }
        .sub, .note { color: var(--muted); }
        .note { font-size: 12px; }
        nav { margin: 10px 0 0; font-size: 13px; }
        nav a { margin-right: 14px; color: var(--accent); }
        table { border-collapse: collapse; margin: 6px 0 10px; }
        th, td { padding: 3px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
        th { font-weight: 600; }
        td.words { min-width: 170px; max-width: 260px; font-size: 13px; }
        th.label { white-space: nowrap; position: sticky; left: 0; background: var(--bg); }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .cards { display: flex; flex-wrap: wrap; gap: 14px; margin: 14px 0; }
        .card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; min-width: 220px;
          max-width: 100%; overflow-x: auto; }
        .card h3 { margin: 0 0 6px; font-size: 13px; text-transform: uppercase; letter-spacing: .04em;
          color: var(--muted); }
        .big { font-size: 22px; font-weight: 700; }
        .status-optimal { color: #1d6b2f; }
        .status-other { color: #9a3b00; }
        .bar { display: inline-block; width: 120px; height: 10px; background: #e8ebef; vertical-align: middle;
          margin-right: 6px; border: 1px solid #b9c0c8; }
        .bar > span { display: block; height: 100%; background: #2f6fb5; }
        .legend { display: flex; flex-wrap: wrap; gap: 6px 16px; font-size: 12px; margin: 6px 0; }
        .legend span.key { display: inline-block; width: 22px; height: 14px; vertical-align: middle;
          border: 1px solid #9aa3ad; margin-right: 4px; text-align: center; font-size: 10px; line-height: 12px; }
        .scroll { overflow-x: auto; max-width: 100%; }
        table.heat { font-size: 10.5px; }
        table.heat th, table.heat td { padding: 1px 3px; border: 1px solid #e3e6ea; }
        table.heat thead th { position: sticky; top: 0; background: #f4f6f8; font-weight: 600; text-align: center; }
        table.heat th.who { white-space: nowrap; text-align: left; position: sticky; left: 0; background: #fff; }
        table.heat tr.group th, table.heat tr.group:not(.shaded) td { background: #eef1f4; }
        table.heat tr.group th, table.heat tr.group td { font-weight: 600; }
        table.heat tfoot th, table.heat tfoot td { background: #eef1f4; font-weight: 600; }
        td.c { text-align: center; min-width: 26px; white-space: nowrap; font-variant-numeric: tabular-nums; }
        table.heat.folded { table-layout: fixed; }
        table.heat.folded th.who { width: 13em; overflow: hidden; text-overflow: ellipsis; }
        table.heat.folded thead th { width: 36px; }
        table.heat.folded thead th.n { width: 60px; }
        td.c b { font-weight: 700; margin-left: 1px; }
        .l0 { background: #ffffff; color: #6b7480; }
        .l1 { background: #e4eef9; }
        .l2 { background: #bcd5f0; }
        .l3 { background: #86b2e3; }
        .l4 { background: #3f7fc7; color: #fff; }
        .l5 { background: #f9c9a6; color: #6b1f00; font-weight: 600; box-shadow: inset 0 -3px 0 #c2410c; }
        .na { background: #e4e7eb; color: #4a525c; }
        .k0 { background: #fde2df; }
        .k1 { background: #fbeccf; }
        .k2 { background: #e3f1dc; }
        .k3 { background: #b9ddb0; }
        ul.msgs { margin: 4px 0 12px; padding-left: 20px; font-size: 13px; }
        ul.msgs li { margin: 2px 0; }
        .tag { display: inline-block; font-size: 11px; font-weight: 700; padding: 0 5px; border: 1px solid #9a3b00;
          color: #9a3b00; border-radius: 3px; margin-right: 4px; }
        section.project { border-top: 1px solid var(--line); margin-top: 18px; }
        /* Off-screen project sections are laid out only when scrolled to (or printed). */
        #projects section.project { content-visibility: auto; contain-intrinsic-size: auto 900px; }
        details.people { margin: 4px 0; }
        details.people summary { cursor: pointer; font-weight: 600; }
        .down { color: #9a1c00; font-weight: 600; }
        .up { color: #1d6b2f; font-weight: 600; }
        svg text { font: 10px "DejaVu Sans", Arial, sans-serif; fill: #333; }
        @page { size: A4 landscape; margin: 10mm; }
        /* A phone: the cards take the width, the bars shrink, and what is
           still wider scrolls inside its card instead of the whole page. */
        @media (max-width: 600px) {
          body { padding: 12px 10px 32px; }
          .card { min-width: 0; flex: 1 1 100%; }
          .bar { width: 48px; }
        }
        @media print {
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          body { padding: 0; max-width: none; font-size: 10px; }
          nav { display: none; }
          .scroll { overflow: visible; }
          table.heat { font-size: 6.5px; }
          table.heat.folded { table-layout: auto; }
          table.heat.folded thead th, table.heat.folded th.who { width: auto; }
          table.heat th, table.heat td { padding: 0 1px; }
          td.c { min-width: 0; }
          table.heat thead th, table.heat th.who { position: static; }
          h2, h3, h3 + p, p:has(+ ul.msgs) { break-after: avoid; }
          ul.msgs, h3 + table, h3 + .scroll, h3 + p + table { break-before: avoid; }
          thead { display: table-header-group; }
          section.project, .card, tr { break-inside: avoid; }
          .big { font-size: 13px !important; }
        }

        """
}
