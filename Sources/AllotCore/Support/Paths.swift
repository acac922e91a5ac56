import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `path` made absolute, as the system reaches it: component by component,
/// each that exists with its links resolved (realpath(3)), `..` going up from
/// what is reached so far, and a component that does not exist yet taken as
/// written. Foundation's `resolvingSymlinksInPath` named an ancestor folder
/// instead for paths of about 1,024 bytes, so every write under such a path
/// failed with "Is a directory".
public func resolvedPath(_ path: String) -> String {
    let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    var reached = "/"
    for part in absolute.split(separator: "/", omittingEmptySubsequences: true) where part != "." {
        if part == ".." {
            // `reached` has no links left in it: its parent is lexical.
            if let slash = reached.lastIndex(of: "/") {
                reached = slash == reached.startIndex ? "/" : String(reached[..<slash])
            }
            continue
        }
        let next = (reached == "/" ? "" : reached) + "/" + part
        if let real = realpath(next, nil) {
            reached = String(cString: real)
            free(real)
        } else {
            reached = next
        }
    }
    return reached
}

/// Whether a temporary named `.../NAME` after process `pid` is a leftover
/// of a killed run: the process is gone, and the file was last changed
/// `minutes` ago or more (a run on another machine sharing the folder, whose
/// process ids this one cannot see, is not a killed one while it writes).
func isLeftover(_ path: String, pid: Int32, minutes: Double = 10) -> Bool {
    guard pid > 0, kill(pid, 0) != 0, errno == ESRCH else { return false }
    var info = stat()
    guard lstat(path, &info) == 0, info.st_uid == getuid() else { return false }
    return Date().timeIntervalSince1970 - Double(info.st_mtim.tv_sec) >= minutes * 60
}
