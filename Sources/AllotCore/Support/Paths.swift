import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `path` made absolute, with every symbolic link in the part that exists
/// resolved (realpath(3)) and the part that does not exist yet appended as
/// written. Foundation's `resolvingSymlinksInPath` named an ancestor folder
/// instead for paths of about 1,024 bytes, so every write under such a path
/// failed with "Is a directory".
public func resolvedPath(_ path: String) -> String {
    let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    var parts = absolute.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    var rest: [String] = []
    while true {
        let head = "/" + parts.joined(separator: "/")
        if let real = realpath(head, nil) {
            defer { free(real) }
            let base = String(cString: real)
            // What does not exist has no links: `.` and `..` in it are taken as written.
            var tail: [String] = []
            for part in rest where part != "." {
                if part == ".." { _ = tail.popLast() } else { tail.append(part) }
            }
            return tail.isEmpty ? base : (base == "/" ? "" : base) + "/" + tail.joined(separator: "/")
        }
        guard let last = parts.popLast() else { return absolute }
        rest.insert(last, at: 0)
    }
}

/// Whether process `pid` is alive (it may belong to another user): a
/// temporary named after a dead process is a leftover of a killed run.
func processIsAlive(_ pid: Int32) -> Bool {
    pid > 0 && (kill(pid, 0) == 0 || errno == EPERM)
}
