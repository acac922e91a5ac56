/// Everything a solver backend can report instead of crashing.
public enum SolverError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The model was rejected in Swift before it reached GLPK.
    case invalidModel(ModelError)
    /// An edit or query named something that does not exist.
    case invalidArgument(String)
    /// The solver library itself raised an error and the backend caught it.
    /// Every problem of the solver thread is gone; `message` says so in the
    /// library's words.
    case backend(message: String)
    /// The problem was freed by an earlier caught error on its thread.
    case invalidated
    /// The problem was used from a thread other than the one that made it.
    case wrongThread
    /// The solver ran out of the memory allowed to its thread.
    case outOfMemory(message: String)
    /// A file could not be written or read.
    case io(String)

    public var description: String {
        switch self {
        case .invalidModel(let e): return e.description
        case .invalidArgument(let s): return "invalid argument: \(s)"
        case .backend(let m): return m.trimmingCharacters()
        case .invalidated: return "the problem was freed after an earlier solver error on its thread"
        case .wrongThread: return "a problem was used from a thread other than its solver thread"
        case .outOfMemory(let m): return "the solver ran out of memory: \(m.trimmingCharacters())"
        case .io(let s): return s
        }
    }
}

/// Why a `LinearProblem` cannot be given to a solver.
public struct ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Problem: Sendable, Equatable {
        case notFinite(String, Double)
        case badBounds(String, String)
        case badName(String, String, String)
        case duplicateName(String)
        case duplicateCoefficient(row: String, column: String)
        case indexOutOfRange(String)
        case tooLarge(String)
    }

    public var problems: [Problem]

    public init(problems: [Problem]) {
        self.problems = problems
    }

    public var description: String {
        "invalid model: "
            + problems.map { p in
                switch p {
                case .notFinite(let what, let v): return "\(what) is \(v), expected a finite number"
                case .badBounds(let what, let why): return "\(what): \(why)"
                case .badName(let what, _, let why): return "\(what): bad name (\(why))"
                case .duplicateName(let what): return "\(what): name used twice"
                case .duplicateCoefficient(let r, let c): return "coefficient (\(r), \(c)) given twice"
                case .indexOutOfRange(let what): return "\(what): index out of range"
                case .tooLarge(let what): return "too large: \(what)"
                }
            }.joined(separator: "; ")
    }
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let c = s.last, c.isWhitespace { s.removeLast() }
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        return String(s)
    }
}
