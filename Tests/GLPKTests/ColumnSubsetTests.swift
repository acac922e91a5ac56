import Foundation
import SolverFixtures
import Testing

@testable import GLPK

/// An LP whose coefficients span seven orders of magnitude, with an empty
/// row and an empty column, so that GLPK's automatic scaling iterates.
func badlyScaled(seed: UInt64) -> LinearProblem {
    var state = seed
    func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53)
    }
    var lp = LinearProblem(name: "scaled", sense: .minimize)
    for j in 0..<40 { lp.columns.append(.init(name: "x\(j)", upper: 100, cost: 1 + next())) }
    for i in 0..<25 { lp.rows.append(.init(name: "r\(i)", lower: 1)) }
    for i in 0..<24 {
        for j in 0..<39 where next() < 0.3 {
            lp.coefficients.append(.init(row: i, column: j, value: pow(10, -3 + 7 * next()) * (next() < 0.2 ? -1 : 1)))
        }
    }
    return lp
}

@Suite struct ColumnSubsetTests {
    /// `ScaleFactors.automatic` is glp_scale_prob(GLP_SF_AUTO) to the bit:
    /// on badly scaled LPs (geometric mean rounds, then equilibration) and
    /// on a transport LP of ones, which GLPK leaves unscaled.
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func scaleFactorsAreGLPKs(seed: UInt64) throws {
        for lp in [badlyScaled(seed: seed), transport(6)] {
            let glpk = try SolverThread.run { session in
                let p = try session.makeProblem(lp)
                try p.scale()
                return try p.scaleFactors()
            }
            let ours = ScaleFactors.automatic(for: lp)
            #expect(ours.rows == glpk.rows)
            #expect(ours.columns == glpk.columns)
        }
        #expect(ScaleFactors.automatic(for: transport(6)).rows.allSatisfy { $0 == 1 })
        #expect(ScaleFactors.automatic(for: badlyScaled(seed: seed)).rows.contains { $0 != 1 })
    }

    /// smallLP (max 3x + 2y, r1: x + y <= 4, r2: x + 3y <= 9, x <= 3) with y
    /// left out: the optimum is x = 3, 9; both rows are slack, so their duals
    /// are 0 and y's reduced cost is its cost, 2 (it would improve). Freed,
    /// y joins: x = 3, y = 1, 11, duals (2, 0), reduced costs (1, 0), as
    /// for the whole problem.
    @Test func aLeftOutColumnPricesAndJoins() throws {
        let r = try LeftOutColumnRun.run(on: GLPKSolver())
        #expect(isClose(r.firstObjective, 9))
        // x sits at its upper bound, worth its cost 3 with both duals 0.
        #expect(isClose(r.firstReducedCosts, [3, 2]))
        #expect(r.firstInEngine == 1)
        #expect(isClose(r.objective, 11))
        #expect(isClose(r.values, [3, 1]))
        #expect(isClose(r.duals, [2, 0]))
        #expect(isClose(r.reducedCosts, [1, 0]))
        #expect(r.inEngine == 2)
        #expect(r.columnStatuses[1] == .basic)
    }

    /// Column generation on a 15 x 15 transport LP from the diagonal alone:
    /// free what prices out until nothing does. The optimum is the whole
    /// LP's (solved by GLPK with every column), and the reduced costs the
    /// subset computes for its left-out columns are the ones GLPK reports
    /// for those columns fixed at 0 in the whole LP at the same basis.
    /// Then every free column at 0 is fixed again, as a stage after the
    /// first does: they leave the engine at the next solve, which needs no
    /// iteration and keeps the optimum.
    @Test func pricingReachesTheWholeOptimum() throws {
        let n = 15
        let lp = transport(n)
        let r = try SolverThread.run { session in
            let whole = try session.makeProblem(lp, names: false)
            try whole.scale()
            let optimum = try whole.solveSimplex().objective

            let p = try ColumnSubset(
                session: session, model: lp, keep: (0..<n * n).map { $0 / n == $0 % n })
            try p.scale()
            var result = try p.solveSimplex()
            var rounds = 0
            while true {
                let d = try p.reducedCosts()
                let fixed = try p.basis().columns
                let improving = (0..<n * n).filter { fixed[$0] == .fixed && d[$0] < -1e-9 }
                if improving.isEmpty { break }
                try p.setColumnBounds(improving.map { BoundChange(index: $0, lower: 0, upper: .infinity) })
                result = try p.solveSimplex(SimplexOptions(method: .primal))
                rounds += 1
            }
            let (ours, basis, x, most) = (
                try p.reducedCosts(), try p.basis(), try p.columnValues(), p.engineColumnCount
            )

            // The whole LP with the same columns fixed, at the subset's basis.
            try whole.setColumnBounds(
                (0..<n * n).map {
                    basis.columns[$0] == .fixed
                        ? BoundChange(index: $0, lower: 0, upper: 0)
                        : BoundChange(index: $0, lower: 0, upper: .infinity)
                })
            try whole.setBasis(basis)
            let check = try whole.solveSimplex(SimplexOptions(method: .primal))
            let theirs = try whole.reducedCosts()

            // A stage after the first: the free columns at 0 leave.
            try p.setColumnBounds(
                (0..<n * n).filter { basis.columns[$0] == .lower }.map { BoundChange(index: $0, lower: 0, upper: 0) })
            let again = try p.solveSimplex(SimplexOptions(method: .primal))
            return (
                optimum, result.objective, rounds, ours, theirs, check.iterations, most, p.engineColumnCount,
                again, x, try p.columnValues()
            )
        }
        #expect(isClose(r.1, r.0, tolerance: 1e-12))
        #expect(r.2 >= 1)
        #expect(isClose(r.3, r.4, tolerance: 1e-9))
        #expect(r.5 == 0)
        #expect(r.6 < n * n)
        // Only the basic columns stay: one per row at most.
        #expect(r.7 <= 2 * n)
        #expect(r.7 < r.6)
        #expect(r.8.iterations == 0)
        #expect(isClose(r.8.objective, r.0, tolerance: 1e-12))
        #expect(isClose(r.9, r.10, tolerance: 1e-12))
    }

    /// A column given twice in one change takes its last bounds, as the
    /// engine does; a change the engine rejects leaves everything as it was.
    /// smallLP with y left out: x alone gives 9 (x = 3); y freed gives 11.
    @Test func lastBoundsWinAndARejectedChangeChangesNothing() throws {
        let r = try SolverThread.run { session in
            let p = try ColumnSubset(session: session, model: smallLP(), keep: [true, false])
            try p.scale()
            try p.setColumnBounds([
                BoundChange(index: 1, lower: 0, upper: 5), BoundChange(index: 1, lower: 0, upper: 0),
            ])
            let stillOut = (try p.solveSimplex().objective, p.engineColumnCount)
            let rejected =
                (try? p.setColumnBounds([
                    BoundChange(index: 0, lower: 0, upper: 0), BoundChange(index: 1, lower: .nan, upper: 1),
                ])) == nil
            // x keeps [0, 3]: had the rejected change counted, x would leave at 0.
            let afterRejection = (try p.solveSimplex().objective, p.engineColumnCount)
            try p.setColumnBounds([
                BoundChange(index: 1, lower: 0, upper: 0), BoundChange(index: 1, lower: 0, upper: .infinity),
            ])
            return (stillOut, rejected, afterRejection, try p.solveSimplex(SimplexOptions(method: .primal)).objective)
        }
        #expect(isClose(r.0.0, 9))
        #expect(r.0.1 == 1)
        #expect(r.1)
        #expect(isClose(r.2.0, 9))
        #expect(r.2.1 == 1)
        #expect(isClose(r.3, 11))
    }
}
