import Foundation

/// Replaces an output folder (a plan, compare or calendar folder) as a whole
/// (docs/outputs.md): the new files are written into a hidden sibling folder,
/// then that folder takes the target's place. After any run, crash, signal or
/// full disk the target holds every file of one run, never a mix of two.
///
/// - A lock file beside the target (`.NAME.allot-lock`, `flock`) makes a
///   second run into the same folder wait for the first; each run removes
///   it when it is done (`Lock`).
/// - Temporaries left by a killed run (`.NAME.allot-new-*`, `.NAME.allot-old-*`)
///   are removed under the lock before writing.
/// - An existing target is replaced only when it holds nothing but what allot
///   writes there (`replaceable`), so `--out ~/Documents` never deletes a file.
/// - The swap is one `renameat2(RENAME_EXCHANGE)`: the new folder and the
///   target trade places atomically, and the old one is removed last. Where
///   the file system cannot exchange, two renames: target ->
///   `.allot-old-PID`, new -> target. A crash between those two leaves no
///   target and the complete old folder beside it, which the next run into
///   the folder puts back before anything else (it used to delete it).
public enum OutputFolder {
    /// Told when a run waits for another to finish writing the same folder or
    /// file (`allot` says so on stderr). Set once, before any work starts.
    nonisolated(unsafe) public static var waiting: (@Sendable (String) -> Void)?

    /// Builds the folder's content with `fill` (given the temporary folder's
    /// path) and puts it in place of `folder`.
    public static func replace(
        _ folder: String, replaceable: (String) -> Bool,
        fill: (String) throws(OutputFile.WriteError) -> Void
    ) throws(OutputFile.WriteError) {
        let target = resolved(folder)
        try checkLength(target, folder: folder)
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        try OutputFile.makeFolder(parent.path)
        let lock = try Lock(parent.appendingPathComponent(".\(name).allot-lock").path)
        defer { lock.release() }
        removeStale(in: parent, name: name)
        try checkReplaceable(target, replaceable: replaceable)
        let pid = ProcessInfo.processInfo.processIdentifier
        let fresh = parent.appendingPathComponent(".\(name).allot-new-\(pid)")
        let old = parent.appendingPathComponent(".\(name).allot-old-\(pid)")
        try OutputFile.makeFolder(fresh.path)
        do {
            try fill(fresh.path)
        } catch {
            try? FileManager.default.removeItem(at: fresh)
            // Said of the folder asked for, not of the temporary one (a full disk named
            // `.p.allot-new-14537/summary.json`), with what became of the folder there.
            var said = error
            let asked = folder.count > 1 && folder.hasSuffix("/") ? String(folder.dropLast()) : folder
            if said.path.hasPrefix(fresh.path) { said.path = asked + said.path.dropFirst(fresh.path.count) }
            let kept = FileManager.default.fileExists(atPath: target.path)
            said.reason += kept ? "; \(asked) was left as it was" : "; nothing was written"
            throw said
        }
        let exists = FileManager.default.fileExists(atPath: target.path)
        if exists, exchange(fresh.path, target.path) {
            try? FileManager.default.removeItem(at: fresh)
            return
        }
        if exists, rename(target.path, old.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: fresh)
            throw OutputFile.WriteError(path: folder, reason: reason)
        }
        guard rename(fresh.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            if exists { _ = rename(old.path, target.path) }
            try? FileManager.default.removeItem(at: fresh)
            throw OutputFile.WriteError(path: folder, reason: reason)
        }
        if exists { try? FileManager.default.removeItem(at: old) }
    }

    /// The folder to replace: `folder`, or the folder it links to (`--out
    /// plans/current` linking to `plans/2027-q1` replaces the plan there and
    /// keeps the link, as a file output keeps its link).
    static func resolved(_ folder: String) -> URL {
        let url = URL(fileURLWithPath: folder).standardizedFileURL
        guard (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil else { return url }
        let target = URL(fileURLWithPath: resolvedPath(url.path))
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: target.path, isDirectory: &isDir) && isDir.boolValue
            ? target : url
    }

    /// What `replace` would refuse, checked before the work that fills the
    /// folder (a plan's solve, a comparison): a target that holds files
    /// allot did not write, or a path through a file. Nothing is written.
    public static func check(_ folder: String, replaceable: (String) -> Bool) throws(OutputFile.WriteError) {
        let target = resolved(folder)
        try checkLength(target, folder: folder)
        var ancestor = target.deletingLastPathComponent()
        var isDir: ObjCBool = false
        while !FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isDir), ancestor.path != "/" {
            ancestor.deleteLastPathComponent()
        }
        guard isDir.boolValue else {
            throw OutputFile.WriteError(
                path: folder,
                reason: "\(ancestor.path) is a file, so no folder can be made inside it; give another --out")
        }
        // The nearest folder that exists must take new entries: /proc/x
        // passed, the solve ran, and the run then failed naming a lock file.
        if let reason = OutputFile.creationProblem(in: ancestor.path) {
            throw OutputFile.WriteError(
                path: folder, reason: "nothing can be created in \(ancestor.path) (\(reason)); give another --out")
        }
        // An old folder a killed run left goes back before the check, so that
        // the check sees what the run will replace (compare solved everything
        // and then refused the folder it had just put back).
        let parent = target.deletingLastPathComponent()
        if FileManager.default.fileExists(atPath: parent.path) {
            let lock = try Lock(parent.appendingPathComponent(".\(target.lastPathComponent).allot-lock").path)
            defer { lock.release() }
            restoreOld(in: parent, name: target.lastPathComponent)
        }
        try checkReplaceable(target, replaceable: replaceable)
    }

    /// Plan folders hold these files (`report.html` when `allot report` wrote
    /// one there); compare folders these and plan folders.
    public static let planFiles: Set<String> = [
        "assignments.csv", "conflicts.csv", "summary.json", "plan.json", reportFile,
    ]
    /// What `allot compare` writes beside its plan folders.
    public static let compareFiles: Set<String> = ["compare.csv", "compare.json"]
    /// What `allot compare` writes into a scenario's plan folder beside the plan.
    public static let diffFiles: Set<String> = ["diff.csv", "diff.txt"]
    /// What `allot report` writes into a plan or compare folder by default.
    public static let reportFile = "report.html"

    static func checkReplaceable(_ target: URL, replaceable: (String) -> Bool) throws(OutputFile.WriteError) {
        // `--out .` (or a folder holding the current one): replacing it would delete the folder
        // the user is in, even when it holds nothing but a plan.
        let here = resolvedPath(FileManager.default.currentDirectoryPath)
        let there = resolvedPath(target.path)
        if here == there || here.hasPrefix(there.hasSuffix("/") ? there : there + "/") {
            throw OutputFile.WriteError(
                path: target.path,
                reason: "it is the current folder, or holds it, and would be replaced as a whole; "
                    + "give a new folder inside it (--out NAME)")
        }
        // A link to nothing (or a loop of links): it failed after the solve ("Not a directory").
        var info = stat()
        if lstat(target.path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK, stat(target.path, &info) != 0 {
            let destination = (try? FileManager.default.destinationOfSymbolicLink(atPath: target.path)) ?? "?"
            throw OutputFile.WriteError(
                path: target.path,
                reason: "it is a symbolic link to \(destination), which does not exist (or links in a loop); "
                    + "remove the link, or give another folder")
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isDir) else { return }
        guard isDir.boolValue else {
            throw OutputFile.WriteError(path: target.path, reason: "a file with that name exists; expected a folder")
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: target.path)) ?? []
        let foreign = entries.filter { !replaceable($0) }.sorted()
        guard foreign.isEmpty else {
            let shown = foreign.prefix(3).joined(separator: ", ") + (foreign.count > 3 ? ", ..." : "")
            // Plan or compare folders inside it (`--out plans/acme`, then the default `plans`;
            // `compare --out compare/acme`, then the default `compare`): allot wrote them, but
            // replacing this folder would delete them.
            let folders = foreign.filter { isPlanFolder(target.appendingPathComponent($0), orComparison: true) }
            if folders.count == foreign.count {
                let kind =
                    folders.allSatisfy { isPlanFolder(target.appendingPathComponent($0)) } ? "plan" : "plan or compare"
                throw OutputFile.WriteError(
                    path: target.path,
                    reason: "it holds other \(kind) folders (\(shown)), which replacing it would delete; "
                        + "give --out a folder of its own, e.g. \(target.lastPathComponent)/NAME")
            }
            // A plan folder given to compare (or the other way round): allot wrote these, for another command.
            if foreign.allSatisfy({ planFiles.contains($0) || $0.hasPrefix("compare.") }) {
                throw OutputFile.WriteError(
                    path: target.path,
                    reason: "it holds another command's files (\(shown)), which replacing it would delete; "
                        + "give a new or empty folder, or one the same command wrote")
            }
            throw OutputFile.WriteError(
                path: target.path,
                reason: "it holds files allot did not write (\(shown)); the folder is replaced as a whole, so give "
                    + "a new or empty folder, or one allot wrote")
        }
    }

    /// The longest name a folder may have (NAME_MAX less what
    /// `.NAME.allot-new-PID` adds: 19 bytes with a 7-digit process id), and
    /// the longest path (PATH_MAX less those 19 and the longest path allot
    /// writes inside: a scenario's folder, up to 64 bytes, and the temporary
    /// name of its assignments.csv). A longer one failed after the solve
    /// ("The file name is invalid"), naming the temporary folder.
    static let freshExtra = 1 + ".allot-new-".utf8.count + 7
    static let longestName = OutputFile.nameMax - freshExtra
    static let longestPath =
        OutputFile.pathMax - freshExtra - ("/" + String(repeating: "s", count: 64) + "/assignments.csv").utf8.count
        - OutputFile.temporaryExtra

    static func checkLength(_ target: URL, folder: String) throws(OutputFile.WriteError) {
        let name = target.lastPathComponent.utf8.count
        let path = target.path.utf8.count
        guard name > longestName || path > longestPath else { return }
        throw OutputFile.WriteError(
            path: folder,
            reason: name > longestName
                ? "its name is \(name) bytes; allot names a temporary folder beside it after it, "
                    + "so a folder name may have at most \(longestName) bytes"
                : "its path is \(formatGrouped(Double(path))) bytes; with the files allot writes inside it, a path may "
                    + "have at most \(formatGrouped(Double(longestPath))) bytes")
    }

    /// Whether `folder` is a plan folder: its plan.json, and nothing but what a plan
    /// writes (`diffs`: and a compare scenario's diff files). With `orComparison`,
    /// also a compare folder: its files and plan folders.
    static func isPlanFolder(_ folder: URL, orComparison: Bool = false, diffs: Bool = false) -> Bool {
        guard let inside = try? FileManager.default.contentsOfDirectory(atPath: folder.path), !inside.isEmpty
        else { return false }
        if inside.contains("plan.json"),
            inside.allSatisfy({ planFiles.contains($0) || (diffs && diffFiles.contains($0)) })
        {
            return true
        }
        guard orComparison, inside.contains(where: compareFiles.contains) else { return false }
        return inside.allSatisfy {
            compareFiles.contains($0) || $0 == reportFile
                || isPlanFolder(folder.appendingPathComponent($0), diffs: true)
        }
    }

    /// `renameat2(2)` with RENAME_EXCHANGE (Linux 3.15, glibc 2.28; not in
    /// Swift's Glibc module, so looked up by name): swaps two paths
    /// atomically. False when it is missing or the file system refuses.
    static func exchange(_ a: String, _ b: String) -> Bool {
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(nil, "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 1 << 1
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
    }

    /// Temporaries of runs that were killed (the lock is ours, so no other
    /// run is writing them): exactly the names allot gives them,
    /// `.NAME.allot-new-PID`, `.NAME.allot-old-PID` and `.NAME.PID.tmp`
    /// (`OutputFile.write`). Anything else is the user's: a looser match
    /// (hidden, ending in .tmp, holding ".NAME") removed `.project.tmp/`
    /// beside a folder named `p`.
    static func removeStale(in parent: URL, name: String) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        restoreOld(in: parent, name: name)
        let target = parent.appendingPathComponent(name)
        // An old folder that could not go back stays: it may be the only copy.
        let kept = !FileManager.default.fileExists(atPath: target.path)
        for entry in entries
        where pid(after: ".\(name).allot-new-", in: entry)
            || (!kept && pid(after: ".\(name).allot-old-", in: entry))
            || pid(after: ".\(name).", before: ".tmp", in: entry)
        {
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
        }
    }

    /// Whether `entry` is `prefix` + a process id + `suffix`: the names allot gives its temporaries.
    static func pid(after prefix: String, before suffix: String = "", in entry: String) -> Bool {
        guard entry.hasPrefix(prefix), entry.hasSuffix(suffix), entry.count > prefix.count + suffix.count
        else { return false }
        return entry.dropFirst(prefix.count).dropLast(suffix.count).allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// A run killed between its two renames left no target and the whole
    /// old folder (`.NAME.allot-old-PID`): it goes back, the newest when
    /// there are several. Called with the lock held.
    static func restoreOld(in parent: URL, name: String) {
        let target = parent.appendingPathComponent(name)
        guard !FileManager.default.fileExists(atPath: target.path) else { return }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        func modified(_ entry: String) -> Double {
            var info = stat()
            guard stat(parent.appendingPathComponent(entry).path, &info) == 0 else { return 0 }
            return Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        }
        let olds = entries.filter { pid(after: ".\(name).allot-old-", in: $0) }
            .map { (entry: $0, modified: modified($0)) }
        guard let newest = olds.max(by: { ($0.modified, $1.entry) < ($1.modified, $0.entry) }) else { return }
        _ = rename(parent.appendingPathComponent(newest.entry).path, target.path)
    }

    /// An exclusive `flock` on a lock file, removed when the run ends so
    /// that nothing of allot's is left beside the folder (a folder kept in
    /// git shows no stray file).
    ///
    /// Removing a lock file safely: the holder unlinks it before it lets go,
    /// and a run that was waiting on the unlinked file finds, once it has the
    /// lock, that the path no longer names the file it locked (gone, or a new
    /// file another run made), and starts again with the file now there. So
    /// at any moment only the run holding the lock on the file the path names
    /// goes on.
    final class Lock {
        let fd: Int32
        let path: String

        init(_ path: String) throws(OutputFile.WriteError) {
            self.path = path
            while true {
                let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
                guard fd >= 0 else {
                    throw OutputFile.WriteError(path: path, reason: String(cString: strerror(errno)))
                }
                // Another run holds it: said once, then waited for (the second run was silent).
                if flock(fd, LOCK_EX | LOCK_NB) != 0, errno == EWOULDBLOCK {
                    let lock = URL(fileURLWithPath: path)
                    let name = lock.lastPathComponent.dropFirst().dropLast(".allot-lock".count)
                    let target = lock.deletingLastPathComponent().appendingPathComponent(String(name)).path
                    OutputFolder.waiting?("another allot is writing \(target); waiting for it to finish")
                }
                while flock(fd, LOCK_EX) != 0 {
                    guard errno == EINTR else {
                        let reason = String(cString: strerror(errno))
                        close(fd)
                        throw OutputFile.WriteError(path: path, reason: reason)
                    }
                }
                if Self.names(path, fd) {
                    self.fd = fd
                    return
                }
                close(fd)
            }
        }

        /// Whether `path` still names the file open as `fd`.
        static func names(_ path: String, _ fd: Int32) -> Bool {
            var held = stat(), named = stat()
            guard fstat(fd, &held) == 0, stat(path, &named) == 0 else { return false }
            return held.st_dev == named.st_dev && held.st_ino == named.st_ino
        }

        func release() {
            unlink(path)
            flock(fd, LOCK_UN)
            close(fd)
        }
    }
}
