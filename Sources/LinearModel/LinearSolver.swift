/// The solver seam: what the staged solver needs from an LP/MIP engine, and
/// nothing more. The domain (AllotCore) names only these protocols; the GLPK
/// target implements them, and the command line picks the implementation.
///
/// A backend runs each job on a solver thread of its own (`run`). Inside the
/// job, a `SolverSession` loads problems, and a `LoadedProblem` is edited,
/// solved and read in place, so a later stage starts from the basis an
/// earlier one left. Neither may leave the job: they are not `Sendable`.
/// Indices are 0-based everywhere.
public protocol LinearSolver: Sendable {
    /// The engine's name and version for logs, e.g. "GLPK 5.0".
    var name: String { get }

    /// Runs `body` on a solver thread and returns its result. Errors thrown
    /// inside the job come back here; the thread's solver state is freed
    /// whatever happens.
    func run<T: Sendable>(_ body: @escaping @Sendable (any SolverSession) throws -> T) throws -> T
}

/// One job's context on its solver thread.
public protocol SolverSession: AnyObject {
    /// Checks `model` and loads it. `names: false` keeps row and column names
    /// out of the engine (they are only needed to write LP/MPS text).
    func load(_ model: LinearProblem, names: Bool) throws(SolverError) -> any LoadedProblem

    /// Everything the engine printed since the last call (shown with --verbose).
    func takeLog() -> String
}

/// A problem loaded into the engine.
public protocol LoadedProblem: AnyObject {
    var rowCount: Int { get }
    var columnCount: Int { get }

    // MARK: Editing (a saved basis stays valid: new rows start basic)

    /// Appends rows with their coefficients; returns the index of the first.
    @discardableResult
    func addRows(_ rows: [LinearProblem.Row], coefficients: [[(column: Int, value: Double)]]) throws(SolverError) -> Int
    /// Appends columns with their coefficients; returns the index of the first.
    @discardableResult
    func addColumns(_ columns: [LinearProblem.Column], coefficients: [[(row: Int, value: Double)]]) throws(SolverError)
        -> Int
    func setColumnBounds(_ changes: [BoundChange]) throws(SolverError)
    func setRowBounds(_ changes: [BoundChange]) throws(SolverError)
    /// Sets these objective coefficients; every other one keeps its value.
    func setObjective(_ costs: [(column: Int, cost: Double)]) throws(SolverError)
    func setSense(_ sense: LinearProblem.Sense) throws(SolverError)
    func setKinds(_ changes: [(column: Int, kind: LinearProblem.Kind)]) throws(SolverError)

    // MARK: Solving

    /// Scales the matrix once, before the first solve.
    func scale() throws(SolverError)
    func solveSimplex(_ options: SimplexOptions) throws(SolverError) -> SolveResult
    /// Branch and bound; `options.progress` is the callback into the search.
    func solveMIP(_ options: MIPOptions) throws(SolverError) -> SolveResult

    // MARK: Reading (only after checking the result's status)

    /// Values of the last solve's solution (nil: the one the last solve made).
    func columnValues(_ kind: SolutionKind?) throws(SolverError) -> [Double]
    func reducedCosts(_ kind: SolutionKind) throws(SolverError) -> [Double]
    func rowActivities(_ kind: SolutionKind?) throws(SolverError) -> [Double]
    /// Duals with the engine's sign: d(objective) / d(row bound).
    func rowDuals(_ kind: SolutionKind) throws(SolverError) -> [Double]
    func basis() throws(SolverError) -> Basis
    func setBasis(_ basis: Basis) throws(SolverError)
    /// Replaces the basis with a fresh one the engine chooses.
    func resetBasis() throws(SolverError)

    // MARK: Writing

    /// The problem in CPLEX LP format (needs names).
    func cplexLP() throws(SolverError) -> String
    /// The problem in free MPS format (needs names).
    func freeMPS() throws(SolverError) -> String
}

/// What `ColumnSubset` needs of an engine beyond `LoadedProblem`: to take
/// columns out again, and scale factors computed over the whole model.
public protocol SubsetEngine: LoadedProblem {
    /// Deletes columns (distinct, non-basic); the columns after each move down.
    func deleteColumns(_ columns: [Int]) throws(SolverError)
    /// The scale factors in use: the engine solves R A S, R and S diagonal.
    func scaleFactors() throws(SolverError) -> (rows: [Double], columns: [Double])
    /// Sets the scale factors of the rows and columns given (finite, > 0).
    func setScaleFactors(rows: [(index: Int, factor: Double)], columns: [(index: Int, factor: Double)])
        throws(SolverError)
    /// Whether the engine solves with the factors it is given (GLPK), or scales
    /// every solve itself (CLP): then `ColumnSubset` computes none.
    var takesScaleFactors: Bool { get }
}

extension LoadedProblem {
    public func solveSimplex() throws(SolverError) -> SolveResult { try solveSimplex(SimplexOptions()) }
    public func columnValues() throws(SolverError) -> [Double] { try columnValues(nil) }
    public func reducedCosts() throws(SolverError) -> [Double] { try reducedCosts(.basic) }
    public func rowActivities() throws(SolverError) -> [Double] { try rowActivities(nil) }
    public func rowDuals() throws(SolverError) -> [Double] { try rowDuals(.basic) }
}
