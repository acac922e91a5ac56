import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The files this process has read (a dataset's allot.yaml and tables,
/// plan.json, compare.json, suggestions.json), by device, inode and real
/// path, so that `OutputFile` refuses to replace one of them whatever path
/// names it (a link, `..`, another spelling). The real path too: an inode
/// freed by a deleted file is given to the next new one (the test process
/// reads and deletes thousands of files). Without it `report PLAN --out
/// PLAN/plan.json`, `suggest-hires DS --out DS/allot.yaml` or `plan DS
/// --write-mathprog-data DS/staff.csv` overwrote the input and exited 0.
public enum InputFiles {
    struct Identity: Hashable {
        var device: UInt64
        var inode: UInt64
        var path: String

        init?(_ path: String) {
            var info = stat()
            guard stat(path, &info) == 0, let real = realpath(path, nil) else { return nil }
            defer { free(real) }
            (device, inode, self.path) = (UInt64(info.st_dev), UInt64(info.st_ino), String(cString: real))
        }
    }

    private final class Registry: @unchecked Sendable {
        let lock = NSLock()
        var read: Set<Identity> = []
    }

    private static let registry = Registry()

    /// Notes the file at `path` as read.
    static func note(_ path: String) {
        guard let identity = Identity(path) else { return }
        registry.lock.lock()
        defer { registry.lock.unlock() }
        registry.read.insert(identity)
    }

    /// The contents of the file at `path` (nil when it cannot be read), noted as read.
    public static func contents(atPath path: String) -> Data? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        note(path)
        return data
    }

    /// Whether `path` (a link followed) is a file this process has read.
    public static func contains(_ path: String) -> Bool {
        guard let identity = Identity(path) else { return false }
        registry.lock.lock()
        defer { registry.lock.unlock() }
        return registry.read.contains(identity)
    }
}
