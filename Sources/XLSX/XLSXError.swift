/// Why a workbook could not be written: it broke one of the format's limits
/// (found before any C call, every problem listed), libxlsxwriter reported
/// an error, or the temporary file could not be made or read.
public enum XLSXError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Every limit the workbook breaks, one line each ("Assignments!B3: ...").
    case invalid([String])
    /// A libxlsxwriter call returned an error code.
    case library(call: String, code: UInt32, message: String)
    /// The temporary file the library writes into.
    case file(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalid(let problems):
            let shown = problems.prefix(10).joined(separator: "; ")
            let more = problems.count > 10 ? " (and \(problems.count - 10) more)" : ""
            return "the workbook breaks the XLSX format's limits: \(shown)\(more)"
        case .library(let call, let code, let message):
            return "libxlsxwriter: \(call) failed with error \(code): \(message)"
        case .file(let path, let reason):
            return "cannot write the workbook's file \(path): \(reason)"
        }
    }
}
