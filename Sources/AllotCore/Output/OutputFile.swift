import Foundation

/// Writes output files atomically: to a temporary file beside the target,
/// then renamed into place, so a failed run never leaves half a file. A
/// target that exists and is not a regular file (a device, a FIFO) is written
/// in place instead of being replaced (the glpsol /dev/null lesson).
public enum OutputFile {
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    public static func write(_ text: String, to path: String) throws(WriteError) {
        try write(Data(text.utf8), to: path)
    }

    public static func write(_ data: Data, to path: String) throws(WriteError) {
        var isDir: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
        if exists && isDir.boolValue { throw WriteError(path: path, reason: "it is a folder") }
        // What the path names, a link followed: a device or a FIFO (even
        // behind a link) is written in place, never replaced.
        var named = stat()
        if exists, stat(path, &named) == 0, named.st_mode & S_IFMT != S_IFREG {
            guard let handle = FileHandle(forWritingAtPath: path) else {
                throw WriteError(path: path, reason: "cannot open it for writing")
            }
            defer { try? handle.close() }
            do { try handle.write(contentsOf: data) } catch {
                throw WriteError(path: path, reason: "\(error.localizedDescription)")
            }
            return
        }
        // A link is followed: the file it names is replaced, and the link
        // stays (it was replaced by a regular file, and the file it named went
        // stale). A file that exists keeps its permissions (a private cost
        // export of mode 600 became 644).
        let url = URL(fileURLWithPath: resolvedPath(path))
        var existing = stat()
        let keptMode: mode_t? = stat(url.path, &existing) == 0 ? existing.st_mode & 0o7777 : nil
        let dir = url.deletingLastPathComponent()
        try checkFolder(of: path, probing: false)
        // A killed run's copy (`.NAME.PID.tmp`, its process gone) goes; a folder being filled has none.
        if !dir.lastPathComponent.contains(".allot-new-") {
            removeStaleTemporaries(of: url.lastPathComponent, in: dir.path)
        }
        let temp = dir.appendingPathComponent(
            ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temp)
            if let keptMode { _ = chmod(temp.path, keptMode) }
            // rename(2) replaces the target atomically.
            guard rename(temp.path, url.path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temp)
                throw WriteError(path: path, reason: reason)
            }
        } catch let error as WriteError {
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw WriteError(path: path, reason: describe(error))
        }
    }

    /// What `write` would refuse about the folder a file goes into: it must
    /// exist and be a folder; and the file may not be one this command read
    /// (`InputFiles`). Checked before long work too (suggest-hires
    /// --out in a missing folder failed after every hire was planned).
    /// The system's limits: a name's bytes (NAME_MAX) and a path's (PATH_MAX, less its NUL).
    static let nameMax = 255
    static let pathMax = 4_095
    /// What `.NAME.PID.tmp` adds to NAME: 13 bytes with a 7-digit process id.
    static let temporaryExtra = 1 + 1 + 7 + ".tmp".utf8.count

    /// `probing: false` (as `write` checks each file) skips the test that a file can be created there,
    /// which the write itself makes.
    public static func checkFolder(of path: String, probing: Bool = true) throws(WriteError) {
        if path == "-" { return }
        if let reason = inputReason(path) { throw WriteError(path: path, reason: reason + "; give another path") }
        let file = URL(fileURLWithPath: resolvedPath(path))
        let (name, length) = (file.lastPathComponent.utf8.count, file.path.utf8.count)
        let (longestName, longestPath) = (nameMax - temporaryExtra, pathMax - temporaryExtra)
        if name > longestName || length > longestPath {
            let sizes = name > longestName ? ("name", name, longestName) : ("path", length, longestPath)
            throw WriteError(
                path: path,
                reason: "its \(sizes.0) is \(formatGrouped(Double(sizes.1))) bytes; allot writes it under a "
                    + "temporary name \(temporaryExtra) bytes longer first, so a file \(sizes.0) may have at most "
                    + "\(formatGrouped(Double(sizes.2))) bytes")
        }
        let dir = file.deletingLastPathComponent()
        var dirIsFolder: ObjCBool = false
        let dirExists = FileManager.default.fileExists(atPath: dir.path, isDirectory: &dirIsFolder)
        guard dirExists, dirIsFolder.boolValue else {
            throw WriteError(
                path: path,
                reason: dirExists
                    ? "\(dir.path) is a file, not a folder; give a path in a folder"
                    : "the folder \(dir.path) does not exist (allot makes no folders for a file); "
                        + "create it, or give a path in a folder that exists")
        }
        // A read-only folder: suggest-hires found out after planning every hire.
        // A device or FIFO is written in place (`write`), not beside: /dev/null
        // as another user took no new file in /dev.
        var named = stat()
        let inPlace = stat(file.path, &named) == 0 && named.st_mode & S_IFMT != S_IFREG
        if probing, !inPlace, let reason = creationProblem(in: dir.path) {
            throw WriteError(path: path, reason: "nothing can be created in \(dir.path) (\(reason)); give another path")
        }
    }

    /// Removes `.NAME.PID.tmp` in `folder` that a run killed between writing
    /// and renaming left (a whole copy of the output; they piled up): its
    /// process gone, and unchanged for 10 minutes (`isLeftover`). Another
    /// live run's is kept.
    static func removeStaleTemporaries(of name: String, in folder: String) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for entry in entries where OutputFolder.pid(after: ".\(name).", before: ".tmp", in: entry) {
            let path = folder + "/" + entry
            if let pid = Int32(entry.dropFirst(name.count + 2).dropLast(4)), isLeftover(path, pid: pid) { unlink(path) }
        }
    }

    /// Why no new file can be created in `folder` (a read-only file system, no
    /// permission), found by creating and removing `.allot-probe-PID`; nil
    /// when one can. A probe a killed run left (`isLeftover`) is removed.
    static func creationProblem(in folder: String) -> String? {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for entry in entries where OutputFolder.pid(after: ".allot-probe-", in: entry) {
            let path = folder + "/" + entry
            if let pid = Int32(entry.dropFirst(".allot-probe-".count)), isLeftover(path, pid: pid) { unlink(path) }
        }
        let probe = folder + "/.allot-probe-\(ProcessInfo.processInfo.processIdentifier)"
        let fd = open(probe, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        close(fd)
        unlink(probe)
        return nil
    }

    /// Why `path` names an input that no output may replace: a file this
    /// command read (`InputFiles`), a dataset's file (beside an allot.yaml),
    /// or a file a plan or compare folder is read from (beside a plan.json
    /// or compare.json; the folder's report.html aside). Nil for any other.
    static func inputReason(_ path: String) -> String? {
        if InputFiles.contains(path) {
            return "it is one of the files this command reads (the dataset's, the plan's or --hires)"
        }
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let url = URL(fileURLWithPath: resolvedPath(path))
        let name = url.lastPathComponent
        let beside = { (file: String) in
            FileManager.default.fileExists(atPath: url.deletingLastPathComponent().appendingPathComponent(file).path)
        }
        if Dataset.fileNames.contains(name), beside(Dataset.manifestFile) {
            return "it is the \(name) of the dataset in \(url.deletingLastPathComponent().path), and allot never "
                + "changes a dataset"
        }
        let folderFiles = OutputFolder.planFiles.subtracting([OutputFolder.reportFile])
            .union(OutputFolder.compareFiles)
        if folderFiles.contains(name), beside("plan.json") || beside("compare.json") {
            return "it is the \(name) of the plan or compare folder \(url.deletingLastPathComponent().path), "
                + "which allot plan and allot compare replace as a whole"
        }
        return nil
    }

    /// Creates a folder (and its parents) for outputs.
    public static func makeFolder(_ path: String) throws(WriteError) {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            if isDir.boolValue { return }
            throw WriteError(path: path, reason: "a file with that name exists; expected a folder")
        }
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            throw WriteError(path: path, reason: describe(error))
        }
    }

    static func describe(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
            let code = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            return String(cString: strerror(code.rawValue))
        }
        // Foundation's own codes, said as the system would ("The operation
        // could not be completed. The file doesn't exist." named nothing).
        if let cocoa = error as? CocoaError {
            switch cocoa.code {
            case .fileNoSuchFile, .fileReadNoSuchFile:
                return "a folder on the way does not exist or takes no new files; give another path"
            case .fileWriteNoPermission, .fileReadNoPermission: return "permission denied"
            case .fileWriteOutOfSpace: return "no space left on device"
            case .fileWriteVolumeReadOnly: return "read-only file system"
            case .fileWriteFileExists: return "a file with that name exists"
            default: break
            }
        }
        return ns.localizedDescription
    }
}
