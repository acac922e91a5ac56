/// A path or value as a shell needs it in a command that allot prints for
/// pasting (`allot compare 'Other Name' --scenarios hire-sap`): as it is
/// when every character is one no shell treats specially, else in single
/// quotes, a quote inside written `'\''`.
public func shellWord(_ text: String) -> String {
    let plain =
        !text.isEmpty
        && text.unicodeScalars.allSatisfy { c in
            c.isASCII
                && (c.properties.isAlphabetic || ("0"..."9").contains(c) || "._-/+=:,@%".unicodeScalars.contains(c))
        }
    return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// The `--out` to suggest for writing a file again: `path` as a shell word,
/// or `fallback` where the command would refuse `path` (`-`, standard
/// output, or a plan folder's own file, such as plan.json).
public func suggestedOut(_ path: String, fallback: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard path != "-", !OutputFolder.planFiles.contains(name) else { return fallback }
    return shellWord(path)
}
