import CGLPK
import CGLPKGuard
import Foundation
import LinearModel

/// Runs GLPK work on a dedicated OS thread.
///
/// GLPK keeps its whole environment in thread-local storage: a problem made on
/// one thread and touched on another aborts the process (docs/solver-notes.md §2). Swift
/// tasks and GCD queues hop threads, so every job gets its own `Thread`:
/// hooks installed first, every problem created, solved, read and freed there,
/// `glp_free_env()` last. The caller blocks until the job is done; run several
/// jobs from several threads to solve in parallel (at most one per core).
public enum SolverThread {
    /// Stack for solver threads: GLPK's factorization recurses little, but
    /// Foundation's default secondary-thread stack is small.
    static let stackSize = 64 << 20

    /// Runs `body` on a new solver thread and returns its result.
    /// - Parameter memoryLimitMB: GLPK's allocator limit on that thread (0 = none);
    ///   going over it becomes `GLPKError.outOfMemory`, not a crash.
    /// - Parameter messages: GLPK's own progress lines (the simplex and branch and bound
    ///   logs) into the session's log as well as its errors; errors only otherwise.
    public static func run<T: Sendable>(
        memoryLimitMB: Int = 0,
        messages: Bool = false,
        _ body: @escaping @Sendable (GLPKSession) throws -> T
    ) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let limit = Int32(clamping: max(0, memoryLimitMB))
        let thread = Thread {
            defer { done.signal() }
            let session = GLPKSession(messageLevel: messages ? GLP_MSG_ON : GLP_MSG_ERR)
            if gw_thread_begin(limit) != 0 {
                box.result = .failure(GLPKError.backend(message: "GLPK error: " + String(cString: gw_last_error())))
            } else {
                box.result = Result { try body(session) }
            }
            session.close()
            gw_thread_end()
        }
        thread.stackSize = stackSize
        thread.name = "allot-glpk"
        thread.start()
        done.wait()
        return try box.result!.get()
    }

    /// Whether this GLPK build keeps its state per thread (Debian's does).
    /// Without it only one solver thread may run at a time.
    public static var isThreadLocal: Bool {
        guard let p = glp_config("TLS") else { return false }
        return String(cString: p).isEmpty == false
    }

    /// The linked GLPK version, e.g. "5.0".
    public static var version: String { String(cString: glp_version()) }
}

/// Carries a job's result back to the waiting thread; written once by the
/// solver thread before the semaphore is signalled, read after.
private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}

/// The context of one solver-thread job. Not `Sendable`: it and the problems it
/// makes cannot leave the thread.
public final class GLPKSession: SolverSession {
    let owner = pthread_self()
    /// What GLPK prints into the log (`GLP_MSG_ERR` or `GLP_MSG_ON`).
    let messageLevel: Int32
    private var problems: [Weak] = []

    init(messageLevel: Int32 = GLP_MSG_ERR) {
        self.messageLevel = messageLevel
    }

    /// Validates `model` and loads it into a new GLPK problem.
    /// `names: false` keeps the row and column names out of GLPK, and so out
    /// of the checks (GLPK never sees them): for solving only, not for writers.
    public func makeProblem(_ model: LinearProblem, names: Bool = true) throws(GLPKError) -> Problem {
        try checkThread()
        do { try model.validate(names: names) } catch { throw .invalidModel(error) }
        let problem = try Problem(session: self, model: model, names: names)
        problems.append(Weak(problem))
        return problem
    }

    public func load(_ model: LinearProblem, names: Bool) throws(GLPKError) -> any LoadedProblem {
        try makeProblem(model, names: names)
    }

    /// Everything GLPK printed on this thread since the last `takeLog()`.
    /// GLPK never prints to the process's stdout or stderr.
    public func takeLog() -> String {
        let text = String(cString: gw_log_text())
        gw_log_clear()
        return text
    }

    /// Frees the problems still alive, on this thread, before the environment goes.
    func close() {
        for w in problems { w.problem?.free() }
        problems.removeAll()
    }

    /// Throws `.wrongThread` off this session's solver thread (the CLP backend's session uses it too).
    public func checkThread() throws(GLPKError) {
        guard pthread_equal(pthread_self(), owner) != 0 else { throw .wrongThread }
    }

    private final class Weak {
        weak var problem: Problem?
        init(_ p: Problem) { problem = p }
    }
}

/// GLPK as the engine behind the solver seam: every job on a solver thread of
/// its own (`SolverThread`), every problem a `Problem`.
public struct GLPKSolver: LinearSolver {
    /// GLPK's allocator limit per solver thread in megabytes (0 = none).
    public var memoryLimitMB: Int
    /// GLPK's simplex and branch-and-bound log in the session's log (`allot plan --verbose`).
    public var messages: Bool

    public init(memoryLimitMB: Int = 0, messages: Bool = false) {
        self.memoryLimitMB = memoryLimitMB
        self.messages = messages
    }

    public var name: String { "GLPK \(SolverThread.version)" }

    public func run<T: Sendable>(_ body: @escaping @Sendable (any SolverSession) throws -> T) throws -> T {
        try SolverThread.run(memoryLimitMB: memoryLimitMB, messages: messages) { session in try body(session) }
    }
}
