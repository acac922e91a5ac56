import LinearModel

// Small problems whose optima are known by hand, and runs of them, shared by the
// tests of both engines (GLPKTests, CLPTests): one definition, the same numbers.

/// max 3x + 2y  s.t.  r1: x + y <= 4,  r2: x + 3y <= 9,  0 <= x <= 3, y >= 0.
/// Vertices: (0,0)=0, (3,0)=9, (3,1)=11, (1.5,2.5)=9.5, (0,3)=6, so the optimum
/// is x=3, y=1, objective 11. r1 binds with dual 2 (y's price), r2 is slack
/// (3 + 3 = 6 < 9, dual 0); x sits at its upper bound with reduced cost 3 - 2 = 1.
public func smallLP() -> LinearProblem {
    LinearProblem(
        name: "small", sense: .maximize,
        columns: [.init(name: "x", lower: 0, upper: 3, cost: 3), .init(name: "y", cost: 2)],
        rows: [.init(name: "r1", upper: 4), .init(name: "r2", upper: 9)],
        coefficients: [
            .init(row: 0, column: 0, value: 1), .init(row: 0, column: 1, value: 1),
            .init(row: 1, column: 0, value: 1), .init(row: 1, column: 1, value: 3),
        ])
}

/// max 5x + 4y  s.t.  6x + 4y <= 24,  x + 2y <= 6,  x, y >= 0 integer.
/// LP relaxation: x = 3, y = 1.5, objective 21. Integer points: (4,0) = 20
/// (24 <= 24, 4 <= 6), (3,1) = 19, (2,2) = 18; (3,2) needs 26 > 24, (4,1) 28 > 24.
/// So the integer optimum is 20 at (4, 0).
public func smallMIP() -> LinearProblem {
    LinearProblem(
        name: "mip", sense: .maximize,
        columns: [.init(name: "x", cost: 5, kind: .integer), .init(name: "y", cost: 4, kind: .integer)],
        rows: [.init(name: "c1", upper: 24), .init(name: "c2", upper: 6)],
        coefficients: [
            .init(row: 0, column: 0, value: 6), .init(row: 0, column: 1, value: 4),
            .init(row: 1, column: 0, value: 1), .init(row: 1, column: 1, value: 2),
        ])
}

/// A transportation LP: `n` sources with supply, `n` sinks with demand,
/// cost (i*7 + j*13) % 17 + 1 per unit. Big enough to need real iterations.
public func transport(_ n: Int, supplyBump: Double = 0) -> LinearProblem {
    var lp = LinearProblem(name: "transport")
    for i in 0..<n {
        for j in 0..<n {
            lp.columns.append(.init(name: "x[\(i),\(j)]", cost: Double((i * 7 + j * 13) % 17 + 1)))
        }
    }
    for i in 0..<n {
        lp.rows.append(.init(name: "supply[\(i)]", upper: 20 + Double(i % 5) + (i == 0 ? supplyBump : 0)))
    }
    for j in 0..<n { lp.rows.append(.init(name: "demand[\(j)]", lower: 15 + Double(j % 3))) }
    for i in 0..<n {
        for j in 0..<n {
            lp.coefficients.append(.init(row: i, column: i * n + j, value: 1))
            lp.coefficients.append(.init(row: n + j, column: i * n + j, value: 1))
        }
    }
    return lp
}

/// What partial pricing (`ColumnSubset`) does with smallLP when y is left out
/// and then freed, on any engine: the optimum without y, its reduced costs and
/// how many columns the engine held; then, y freed, the optimum, values, duals,
/// reduced costs, columns held and the column statuses.
public struct LeftOutColumnRun: Sendable {
    public var firstObjective: Double?
    public var firstReducedCosts: [Double]
    public var firstInEngine: Int
    public var objective: Double?
    public var values: [Double]
    public var duals: [Double]
    public var reducedCosts: [Double]
    public var inEngine: Int
    public var columnStatuses: [Basis.Status]

    public static func run(on solver: any LinearSolver) throws -> LeftOutColumnRun {
        try solver.run { session in
            let p = try ColumnSubset(session: session, model: smallLP(), keep: [true, false])
            try p.scale()
            let first = try p.solveSimplex()
            let (d, inEngine) = (try p.reducedCosts(), p.engineColumnCount)
            try p.setColumnBounds([BoundChange(index: 1, lower: 0, upper: .infinity)])
            let second = try p.solveSimplex(SimplexOptions(method: .primal))
            return LeftOutColumnRun(
                firstObjective: first.objective, firstReducedCosts: d, firstInEngine: inEngine,
                objective: second.objective, values: try p.columnValues(), duals: try p.rowDuals(),
                reducedCosts: try p.reducedCosts(), inEngine: p.engineColumnCount, columnStatuses: try p.basis().columns
            )
        }
    }
}
