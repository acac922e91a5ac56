import Foundation
import Spreadsheet

/// Writes a `Workbook` as an XLSX file with libxlsxwriter. The workbook is
/// checked against the format's limits first (every problem listed), then
/// written into a private temporary folder and read back, so callers get
/// bytes and decide where they go (allot writes them atomically).
///
/// The same workbook gives the same bytes: the creation date is the
/// workbook's own (`Workbook.Properties.created`, never the clock), and
/// libxlsxwriter dates every file inside the zip 1980-01-01.
public struct XLSXWriter: Sendable {
    public init() {}

    public func data(of workbook: Workbook) throws(XLSXError) -> [UInt8] {
        let problems = workbook.limitProblems()
        guard problems.isEmpty else { throw .invalid(problems) }
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/workbook.xlsx"
        let document = try XLSXDocument(path: path)
        try document.add(workbook)
        try document.close()
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .file(path: path, reason: "libxlsxwriter reported success but the file cannot be read")
        }
        return Array(data)
    }

    /// A new folder only this process can read (mkdtemp), under the system's
    /// temporary folder: `allot-xlsx-PID.XXXXXX`. The folders of runs that
    /// were killed are removed first (each held a whole workbook, and they
    /// piled up): this user's folders of that name whose process is gone and
    /// that are 10 minutes old (another machine's run, in a shared folder,
    /// has process ids this one cannot see).
    static func temporaryFolder() throws(XLSXError) -> String {
        let base = NSTemporaryDirectory()
        let prefix = "allot-xlsx-"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [] where entry.hasPrefix(prefix) {
            let digits = entry.dropFirst(prefix.count).prefix { $0 != "." }
            guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), let pid = Int32(digits), pid > 0,
                entry.count == prefix.count + digits.count + 7
            else { continue }
            let path = (base as NSString).appendingPathComponent(entry)
            var info = stat()
            guard kill(pid, 0) != 0, errno == ESRCH, lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR,
                info.st_uid == getuid(), Date().timeIntervalSince1970 - Double(info.st_mtim.tv_sec) >= 600
            else { continue }
            try? FileManager.default.removeItem(atPath: path)
        }
        let pid = ProcessInfo.processInfo.processIdentifier
        var template = Array(((base as NSString).appendingPathComponent("\(prefix)\(pid).XXXXXX")).utf8CString)
        // mkdtemp fills in the X's of the buffer it is given; read it while the buffer is alive.
        let made = template.withUnsafeMutableBufferPointer { buffer -> String? in
            mkdtemp(buffer.baseAddress!).map { String(cString: $0) }
        }
        guard let made else { throw .file(path: base, reason: String(cString: strerror(errno))) }
        return made
    }
}
