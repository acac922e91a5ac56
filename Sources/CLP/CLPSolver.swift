import CLPGuard
import Foundation
import GLPK
import LinearModel

/// COIN-OR CLP as the LP engine behind the solver seam (`--engine clp`), with
/// GLPK for everything CLP does not do here: problems with integer columns
/// (the integer policies' branch and bound) and problems loaded with names
/// (the LP/MPS writers). Each job runs on a GLPK solver thread, so both
/// engines' state stays on that thread.
public struct CLPSolver: LinearSolver {
    /// GLPK's allocator limit per solver thread in megabytes (0 = none).
    public var memoryLimitMB: Int
    /// The engines' logs in the session's log (`allot plan --verbose`).
    public var messages: Bool

    public init(memoryLimitMB: Int = 0, messages: Bool = false) {
        self.memoryLimitMB = memoryLimitMB
        self.messages = messages
    }

    public var name: String { "CLP \(CLPSolver.version) (GLPK \(SolverThread.version) for integer problems)" }

    /// The linked CLP version, e.g. "1.17.6".
    public static var version: String { String(cString: cg_version()) }

    public func run<T: Sendable>(_ body: @escaping @Sendable (any SolverSession) throws -> T) throws -> T {
        let messages = messages
        return try SolverThread.run(memoryLimitMB: memoryLimitMB, messages: messages) { glpk in
            try body(CLPSession(glpk: glpk, messages: messages))
        }
    }
}

/// One job's context: CLP problems for LPs, the GLPK session for the rest.
final class CLPSession: SolverSession {
    private let glpk: GLPKSession
    let messages: Bool
    private var log = ""

    init(glpk: GLPKSession, messages: Bool) {
        self.glpk = glpk
        self.messages = messages
    }

    func load(_ model: LinearProblem, names: Bool) throws(SolverError) -> any LoadedProblem {
        if names || model.columns.contains(where: { $0.kind != .continuous }) {
            return try glpk.load(model, names: names)
        }
        try checkThread()
        do { try model.validate(names: false) } catch { throw .invalidModel(error) }
        return try CLPProblem(session: self, model: model)
    }

    func takeLog() -> String {
        let text = log + glpk.takeLog()
        log = ""
        return text
    }

    func appendLog(_ text: String) {
        if messages { log += text }
    }

    /// The thread is the GLPK session's: both engines' state lives on it.
    func checkThread() throws(SolverError) { try glpk.checkThread() }
}
