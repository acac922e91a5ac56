import CLPGuard
import Foundation
import GLPK
import LinearModel

/// An LP in CLP, owned by one solver thread. Not `Sendable`. Every call checks
/// the thread and its arguments in Swift, then goes through the C++ guard, so
/// no C++ exception reaches Swift.
final class CLPProblem: SubsetEngine {
    private unowned let session: CLPSession
    private var model: OpaquePointer?
    private(set) var rowCount: Int
    private(set) var columnCount: Int
    /// The objective's constant term (CLP's objective has none).
    private var constant: Double

    init(session: CLPSession, model problem: LinearProblem) throws(SolverError) {
        self.session = session
        rowCount = problem.rows.count
        columnCount = problem.columns.count
        constant = problem.objectiveConstant
        guard let m = cg_new(session.messages ? 1 : 0) else { throw CLPProblem.error() }
        model = m
        // Column major, as CLP loads.
        var counts = [Int32](repeating: 0, count: columnCount + 1)
        for c in problem.coefficients { counts[c.column + 1] += 1 }
        for j in 0..<columnCount { counts[j + 1] += counts[j] }
        var fill = counts
        var index = [Int32](repeating: 0, count: problem.coefficients.count)
        var value = [Double](repeating: 0, count: problem.coefficients.count)
        for c in problem.coefficients {
            let k = Int(fill[c.column])
            index[k] = Int32(c.row)
            value[k] = c.value
            fill[c.column] += 1
        }
        let rc = cg_load(
            m, Int32(columnCount), Int32(rowCount), counts, index, value,
            problem.columns.map(\.lower), problem.columns.map(\.upper), problem.columns.map(\.cost),
            problem.rows.map(\.lower), problem.rows.map(\.upper))
        try check(rc)
        try check(cg_set_sense(m, problem.sense == .maximize ? -1 : 1))
    }

    deinit {
        if let m = model { cg_free(m) }
    }

    private static func error() -> SolverError {
        let message = String(cString: cg_last_error())
        if message.contains("out of memory") { return .outOfMemory(message: message) }
        return .backend(message: message.isEmpty ? "CLP error (no message)" : message)
    }

    /// A failed call into CLP (a caught exception) may leave the model half
    /// edited: it is freed, and every later call throws `.invalidated`, as a
    /// GLPK problem after a GLPK error.
    private func check(_ rc: Int32) throws(SolverError) {
        guard rc != 0 else { return }
        let error = CLPProblem.error()
        if let m = model {
            model = nil
            cg_free(m)
        }
        throw error
    }

    private func live() throws(SolverError) -> OpaquePointer {
        try session.checkThread()
        guard let m = model else { throw .invalidated }
        return m
    }

    // MARK: - Editing

    @discardableResult
    func addRows(_ rows: [LinearProblem.Row], coefficients: [[(column: Int, value: Double)]]) throws(SolverError)
        -> Int
    {
        let m = try live()
        guard rows.count == coefficients.count else {
            throw .invalidArgument("\(rows.count) rows but \(coefficients.count) coefficient lists")
        }
        for row in rows { try EditRule.check(row: row) }
        let packed = try CLPProblem.pack(
            coefficients.map { $0.map { ($0.column, $0.value) } }, what: "row", indexWhat: "column",
            indexCount: columnCount)
        let first = rowCount
        if rows.isEmpty { return first }
        try check(
            cg_add_rows(
                m, Int32(rows.count), rows.map(\.lower), rows.map(\.upper), packed.starts, packed.indices,
                packed.values))
        rowCount += rows.count
        return first
    }

    @discardableResult
    func addColumns(_ columns: [LinearProblem.Column], coefficients: [[(row: Int, value: Double)]])
        throws(SolverError) -> Int
    {
        let m = try live()
        guard columns.count == coefficients.count else {
            throw .invalidArgument("\(columns.count) columns but \(coefficients.count) coefficient lists")
        }
        for column in columns { try EditRule.check(column: column) }
        let packed = try CLPProblem.pack(
            coefficients.map { $0.map { ($0.row, $0.value) } }, what: "column", indexWhat: "row", indexCount: rowCount)
        let first = columnCount
        if columns.isEmpty { return first }
        try check(
            cg_add_columns(
                m, Int32(columns.count), columns.map(\.lower), columns.map(\.upper), columns.map(\.cost),
                packed.starts, packed.indices, packed.values))
        columnCount += columns.count
        return first
    }

    /// Coefficient lists packed as CLP takes them (starts has one more entry than lists),
    /// each index in range and given once, each value finite.
    private static func pack(_ lists: [[(Int, Double)]], what: String, indexWhat: String, indexCount: Int)
        throws(SolverError) -> (starts: [Int32], indices: [Int32], values: [Double])
    {
        var starts: [Int32] = [0], indices: [Int32] = [], values: [Double] = []
        var seen = RepeatedIndex(count: indexCount)
        for (k, list) in lists.enumerated() {
            try EditRule.check(
                coefficients: list, of: "\(what) \(k)", indexWhat: indexWhat, indexCount: indexCount, seen: &seen)
            for (i, v) in list {
                indices.append(Int32(i))
                values.append(v)
            }
            starts.append(Int32(indices.count))
        }
        return (starts, indices, values)
    }

    func setColumnBounds(_ changes: [BoundChange]) throws(SolverError) {
        let m = try live()
        let (index, lower, upper) = try CLPProblem.boundArrays(changes, count: columnCount, what: "column")
        try check(cg_set_column_bounds(m, Int32(index.count), index, lower, upper))
    }

    func setRowBounds(_ changes: [BoundChange]) throws(SolverError) {
        let m = try live()
        let (index, lower, upper) = try CLPProblem.boundArrays(changes, count: rowCount, what: "row")
        try check(cg_set_row_bounds(m, Int32(index.count), index, lower, upper))
    }

    private static func boundArrays(_ changes: [BoundChange], count: Int, what: String) throws(SolverError)
        -> ([Int32], [Double], [Double])
    {
        var index: [Int32] = [], lower: [Double] = [], upper: [Double] = []
        for c in changes {
            try EditRule.check(c, count: count, what: what, integral: false)
            index.append(Int32(c.index))
            lower.append(c.lower)
            upper.append(c.upper)
        }
        return (index, lower, upper)
    }

    /// Sets objective coefficients; index -1 is the constant term.
    func setObjective(_ costs: [(column: Int, cost: Double)]) throws(SolverError) {
        let m = try live()
        var index: [Int32] = [], cost: [Double] = []
        for (j, c) in costs {
            try EditRule.check(objective: j, cost: c, columnCount: columnCount)
            if j == -1 {
                constant = c
            } else {
                index.append(Int32(j))
                cost.append(c)
            }
        }
        try check(cg_set_objective(m, Int32(index.count), index, cost))
    }

    func setSense(_ sense: LinearProblem.Sense) throws(SolverError) {
        let m = try live()
        try check(cg_set_sense(m, sense == .maximize ? -1 : 1))
    }

    func setKinds(_ changes: [(column: Int, kind: LinearProblem.Kind)]) throws(SolverError) {
        _ = try live()
        if changes.contains(where: { $0.kind != .continuous }) {
            throw .invalidArgument("CLP solves linear programs only: integer columns go to GLPK")
        }
    }

    /// CLP scales every solve itself (its automatic scaling).
    func scale() throws(SolverError) { _ = try live() }

    // MARK: - Solving

    func solveSimplex(_ options: SimplexOptions) throws(SolverError) -> SolveResult {
        let m = try live()
        try options.checkLimits()
        var outcome: Int32 = 0, iterations: Int32 = 0, feasible: Int32 = 0
        var objective = 0.0
        let started = ContinuousClock.now
        let method: Int32 =
            switch options.method {
            case .primal: 0
            case .dual: 1
            case .dualThenPrimal: 2
            }
        try check(
            cg_solve(
                m, method, options.timeLimit ?? 0, Int32(clamping: options.iterationLimit ?? 0), &outcome, &iterations,
                &objective, &feasible))
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        if let text = cg_take_log(m) {
            session.appendLog(String(cString: text))
            free(text)
        }
        let termination: SolveResult.Termination
        let solution: SolveResult.Solution
        switch Int(outcome) {
        case Int(CG_OPTIMAL): (termination, solution) = (.optimal, .optimal)
        case Int(CG_INFEASIBLE): (termination, solution) = (.infeasible, .none)
        case Int(CG_DUAL_INFEASIBLE):
            if options.method != .primal {
                // The dual proved the dual infeasible: primal simplex tells infeasible from unbounded.
                var r = try solveSimplex(options.primalAfter(seconds))
                r.iterations += Int(iterations)
                r.seconds += seconds
                return r
            }
            (termination, solution) = (.unbounded, .none)
        case Int(CG_TIME_LIMIT): (termination, solution) = (.timeLimit, feasible != 0 ? .feasible : .none)
        case Int(CG_ITERATION_LIMIT): (termination, solution) = (.iterationLimit, feasible != 0 ? .feasible : .none)
        default:
            (termination, solution) = (
                .failed(code: Int(outcome), reason: "CLP stopped on numerical difficulties"), .none
            )
        }
        return SolveResult(
            method: .simplex, termination: termination, solution: solution,
            objective: solution == .none ? nil : objective + constant, bound: nil, gap: nil,
            iterations: Int(iterations), seconds: seconds)
    }

    func solveMIP(_ options: MIPOptions) throws(SolverError) -> SolveResult {
        _ = try live()
        throw .invalidArgument("CLP solves linear programs only: integer problems go to GLPK")
    }

    // MARK: - Reading

    private func read(_ count: Int, _ body: (OpaquePointer, Int32, UnsafeMutablePointer<Double>) -> Int32)
        throws(SolverError) -> [Double]
    {
        let m = try live()
        guard count > 0 else { return [] }
        var out = [Double](repeating: 0, count: count)
        try check(out.withUnsafeMutableBufferPointer { body(m, Int32(count), $0.baseAddress!) })
        return out
    }

    func columnValues(_ kind: SolutionKind?) throws(SolverError) -> [Double] {
        try read(columnCount) { cg_column_values($0, $1, $2) }
    }

    func reducedCosts(_ kind: SolutionKind) throws(SolverError) -> [Double] {
        try read(columnCount) { cg_reduced_costs($0, $1, $2) }
    }

    func rowActivities(_ kind: SolutionKind?) throws(SolverError) -> [Double] {
        try read(rowCount) { cg_row_activities($0, $1, $2) }
    }

    func rowDuals(_ kind: SolutionKind) throws(SolverError) -> [Double] {
        try read(rowCount) { cg_row_duals($0, $1, $2) }
    }

    // MARK: - Basis

    /// CLP's statuses (0 free, 1 basic, 2 at upper, 3 at lower, 4 superbasic, 5 fixed) as the seam's.
    func basis() throws(SolverError) -> Basis {
        let m = try live()
        var rows = [UInt8](repeating: 1, count: rowCount)
        var columns = [UInt8](repeating: 3, count: columnCount)
        try check(cg_get_basis(m, Int32(rowCount), &rows, Int32(columnCount), &columns))
        func status(_ s: UInt8) -> Basis.Status {
            switch s {
            case 1: return .basic
            case 2: return .upper
            case 3: return .lower
            case 5: return .fixed
            default: return .free
            }
        }
        return Basis(rows: rows.map(status), columns: columns.map(status))
    }

    func setBasis(_ basis: Basis) throws(SolverError) {
        let m = try live()
        func code(_ s: Basis.Status) -> UInt8 {
            switch s {
            case .basic: return 1
            case .upper: return 2
            case .lower: return 3
            case .free: return 0
            case .fixed: return 5
            }
        }
        if try !EditRule.isBasis(basis, rowCount: rowCount, columnCount: columnCount) {
            // Not a basis (wrong number of basic variables): start from the slack basis.
            try check(cg_reset_basis(m))
            return
        }
        try check(cg_set_basis(m, Int32(rowCount), basis.rows.map(code), Int32(columnCount), basis.columns.map(code)))
    }

    func resetBasis() throws(SolverError) {
        let m = try live()
        try check(cg_reset_basis(m))
    }

    // MARK: - Subsets of the columns (`ColumnSubset`)

    /// Deletes columns (distinct, non-basic); the columns after each move down.
    func deleteColumns(_ columns: [Int]) throws(SolverError) {
        let m = try live()
        guard !columns.isEmpty else { return }
        _ = try EditRule.doomed(columns, count: columnCount)
        let status = try basis().columns
        if let j = columns.first(where: { status[$0] == .basic }) {
            throw .invalidArgument("column \(j) is basic: only non-basic columns can be deleted")
        }
        try check(cg_delete_columns(m, Int32(columns.count), columns.map { Int32($0) }))
        columnCount -= columns.count
    }

    /// CLP scales every solve itself: `ColumnSubset` computes no factors for it.
    var takesScaleFactors: Bool { false }

    /// CLP scales each solve itself: the factors allot hands in are not used, and it reads ones.
    func scaleFactors() throws(SolverError) -> (rows: [Double], columns: [Double]) {
        _ = try live()
        return ([Double](repeating: 1, count: rowCount), [Double](repeating: 1, count: columnCount))
    }

    func setScaleFactors(rows: [(index: Int, factor: Double)], columns: [(index: Int, factor: Double)])
        throws(SolverError)
    {
        _ = try live()
        for (i, f) in rows { try EditRule.check(scaleFactor: f, of: i, count: rowCount, what: "row") }
        for (j, f) in columns { try EditRule.check(scaleFactor: f, of: j, count: columnCount, what: "column") }
    }

    // MARK: - Writing (GLPK writes: a problem loaded with names goes to GLPK)

    func cplexLP() throws(SolverError) -> String {
        throw .invalidArgument("load the problem with names to write it (GLPK writes LP and MPS)")
    }

    func freeMPS() throws(SolverError) -> String {
        throw .invalidArgument("load the problem with names to write it (GLPK writes LP and MPS)")
    }
}
