/// Words of `text` in lines of at most `width` characters (a longer word
/// gets a line of its own): the first line starts with `first` (else
/// `indent`), the others with `indent`.
public func wrapped(_ text: String, width: Int, indent: String, first: String? = nil) -> [String] {
    var lines: [String] = []
    var line = first ?? indent
    var empty = true
    for word in text.split(separator: " ") {
        if !empty && line.count + 1 + word.count > width {
            lines.append(line)
            line = indent
            empty = true
        }
        line += (empty ? "" : " ") + word
        empty = false
    }
    lines.append(line)
    return lines
}
