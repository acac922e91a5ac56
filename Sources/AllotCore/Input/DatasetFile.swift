import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading one file of a dataset: only a regular file (a symbolic link to
/// one is followed), only up to a size limit checked before reading. A
/// directory, FIFO, device (`/dev/zero`) or dangling link is refused with a
/// message instead of hanging, eating memory or being taken for "no rows".
enum DatasetFile {
    enum Outcome: Equatable {
        /// Nothing at the path (not even a link).
        case absent
        /// The bytes of a regular file.
        case data(Data)
        /// Something is there that is not a readable dataset file (invalid dataset, exit 65).
        case refused(found: String, expected: String)
        /// A regular file the system will not let us read (exit 66): the reason.
        case unreadable(String)
    }

    static func contents(of path: String, limit: Int) -> Outcome {
        let name = (path as NSString).lastPathComponent
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            var link = stat()
            if code == ENOENT && lstat(path, &link) == 0 {
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
                return .refused(
                    found: "a symbolic link to \(quoted(target)), which does not exist",
                    expected: "a regular file")
            }
            if code == ENOENT || code == ENOTDIR { return .absent }
            return .unreadable(String(cString: strerror(code)))
        }
        if let refusal = refusal(info, name: name, limit: limit) { return refusal }
        // O_NONBLOCK: should the path have become a FIFO since stat, open does not wait for a writer.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return .unreadable(String(cString: strerror(errno))) }
        defer { close(fd) }
        guard fstat(fd, &info) == 0 else { return .unreadable(String(cString: strerror(errno))) }
        if let refusal = refusal(info, name: name, limit: limit) { return refusal }
        InputFiles.note(path)
        var bytes = [UInt8]()
        bytes.reserveCapacity(Int(info.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .unreadable(String(cString: strerror(errno)))
            }
            if n == 0 { break }
            bytes += chunk[0..<n]
            if bytes.count > limit { return tooLarge(name, size: bytes.count, limit: limit) }  // it grew while read
        }
        return .data(Data(bytes))
    }

    /// Why the file described by `info` is not read, or nil when it may be.
    private static func refusal(_ info: stat, name: String, limit: Int) -> Outcome? {
        let kind: String
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            return Int(info.st_size) > limit ? tooLarge(name, size: Int(info.st_size), limit: limit) : nil
        case S_IFDIR: kind = "a directory"
        case S_IFIFO: kind = "a FIFO (named pipe)"
        case S_IFCHR, S_IFBLK: kind = "a device"
        case S_IFSOCK: kind = "a socket"
        default: kind = "not a regular file"
        }
        return .refused(found: kind, expected: "a regular file")
    }

    private static func tooLarge(_ name: String, size: Int, limit: Int) -> Outcome {
        .refused(found: "a file of \(megabytes(size)) MB", expected: "\(name) of at most \(megabytes(limit)) MB")
    }

    private static func megabytes(_ bytes: Int) -> String { format(Double(bytes) / 1_048_576, decimals: 1) }
}
