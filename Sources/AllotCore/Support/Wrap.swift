/// Words of `text` in lines of at most `width` characters (a longer word
/// gets a line of its own): the first line starts with `first` (else
/// `indent`), the others with `indent`. `measure` gives a text's width (its
/// characters; the terminal summary leaves out its colour codes).
public func wrapped(
    _ text: String, width: Int, indent: String, first: String? = nil,
    measure: (Substring) -> Int = { $0.count }
) -> [String] {
    var lines: [String] = []
    var line = first ?? indent
    var length = measure(line[...])
    var empty = true
    for word in text.split(separator: " ") {
        if !empty && length + 1 + measure(word) > width {
            lines.append(line)
            (line, length, empty) = (indent, measure(indent[...]), true)
        }
        line += (empty ? "" : " ") + word
        length += (empty ? 0 : 1) + measure(word)
        empty = false
    }
    lines.append(line)
    return lines
}
