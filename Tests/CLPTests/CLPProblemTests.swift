import CLPGuard
import Foundation
import GLPK
import SolverFixtures
import Testing

@testable import CLP

@Suite struct CLPProblemTests {
    @Test func lpOptimumDualsAndReducedCosts() throws {
        let r = try CLPSolver().run { session in
            let p = try session.load(smallLP(), names: false)
            #expect(p is CLPProblem)
            let result = try p.solveSimplex()
            return (result, try p.columnValues(), try p.rowActivities(), try p.rowDuals(), try p.reducedCosts())
        }
        #expect(r.0.termination == .optimal && r.0.solution == .optimal)
        #expect(abs(r.0.objective! - 11) < 1e-9)
        #expect(zip(r.1, [3, 1]).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(zip(r.2, [4, 6]).allSatisfy { abs($0 - $1) < 1e-9 })
        // The duals with GLPK's sign, d(objective) / d(row bound): one more
        // unit of r1 is worth 2 (y takes it).
        #expect(zip(r.3, [2, 0]).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(zip(r.4, [1, 0]).allSatisfy { abs($0 - $1) < 1e-9 })
    }

    /// A row added after the optimum starts basic, and the next solve starts
    /// from the basis: r3: x - y <= 0 cuts (3, 1) off. The new optimum is
    /// (2, 2): r1 and r3 bind (x + y = 4, x = y), 3 x 2 + 2 x 2 = 10; r1's
    /// and r3's duals solve 3 = a + b, 2 = a - b: a = 2.5, b = 0.5.
    @Test func aRowAddedLaterWarmStarts() throws {
        let r = try CLPSolver().run { session in
            let p = try session.load(smallLP(), names: false)
            _ = try p.solveSimplex()
            try p.addRows([.init(name: "r3", upper: 0)], coefficients: [[(0, 1), (1, -1)]])
            let again = try p.solveSimplex(SimplexOptions(method: .dual))
            return (again, try p.columnValues(), try p.rowDuals(), p.rowCount)
        }
        #expect(r.3 == 3)
        #expect(abs(r.0.objective! - 10) < 1e-9)
        #expect(r.0.iterations <= 2)
        #expect(zip(r.1, [2, 2]).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(zip(r.2, [2.5, 0, 0.5]).allSatisfy { abs($0 - $1) < 1e-9 })
    }

    /// The optimal basis restored after a reset proves the optimum again in 0 iterations.
    @Test func aSavedBasisRestarts() throws {
        let r = try CLPSolver().run { session in
            let p = try session.load(transport(12), names: false)
            let first = try p.solveSimplex()
            let basis = try p.basis()
            try p.resetBasis()
            try p.setBasis(basis)
            let second = try p.solveSimplex(SimplexOptions(method: .primal))
            return (first, second, basis.rows.count + basis.columns.count, basis)
        }
        #expect(r.0.iterations > 10)
        #expect(r.1.iterations == 0)
        #expect(r.1.objective == r.0.objective)
        #expect(r.3.rows.count == 24 && r.3.columns.count == 144)
        #expect(r.3.rows.filter { $0 == .basic }.count + r.3.columns.filter { $0 == .basic }.count == 24)
    }

    /// Partial pricing over CLP (`ColumnSubset`): smallLP with y left out has
    /// the optimum x = 3, 9; both rows are slack, so y's reduced cost is its
    /// cost, 2 (it would improve). Freed, y joins: x = 3, y = 1, 11, with the
    /// whole problem's duals (2, 0).
    @Test func aLeftOutColumnPricesAndJoinsCLP() throws {
        let r = try LeftOutColumnRun.run(on: CLPSolver())
        #expect(r.firstObjective == 9 && r.firstInEngine == 1)
        #expect(abs(r.firstReducedCosts[1] - 2) < 1e-9)
        #expect(r.objective == 11 && r.inEngine == 2)
        #expect(zip(r.values, [3, 1]).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(zip(r.duals, [2, 0]).allSatisfy { abs($0 - $1) < 1e-9 })
    }

    /// Deleting the non-basic columns at 0 of an optimal transport plan keeps
    /// the basis a basis: the next solve proves the same optimum in 0
    /// iterations. A basic column is refused.
    @Test func nonBasicColumnsLeaveAndTheBasisStays() throws {
        let r = try CLPSolver().run { session in
            let p = try session.load(transport(8), names: false) as! CLPProblem
            let first = try p.solveSimplex()
            let basis = try p.basis().columns
            let x = try p.columnValues()
            let idle = basis.indices.filter { basis[$0] != .basic && x[$0] == 0 }
            var refused = false
            do { try p.deleteColumns([basis.firstIndex(of: .basic)!]) } catch { refused = true }
            try p.deleteColumns(idle)
            let second = try p.solveSimplex(SimplexOptions(method: .primal))
            return (first, second, idle.count, p.columnCount, refused)
        }
        #expect(r.2 > 0 && r.3 == 64 - r.2)
        #expect(r.4)
        #expect(r.1.iterations == 0 && r.1.objective == r.0.objective)
    }

    /// "Free" on a bounded column would make CLP start it at its upper bound
    /// (x = 3 of [0, 3] here, or an hours column at the whole demand); it is
    /// taken as the nearest finite bound, the lower one, and reads back so.
    @Test func freeOnABoundedColumnIsItsLowerBound() throws {
        let r = try CLPSolver().run { session in
            let p = try session.load(smallLP(), names: false)
            try p.setBasis(Basis(rows: [.basic, .basic], columns: [.free, .free]))
            let read = try p.basis()
            return (read, try p.solveSimplex(SimplexOptions(method: .primal)).objective)
        }
        #expect(r.0.columns == [.lower, .lower])
        #expect(abs(r.1! - 11) < 1e-9)
    }

    /// The guard turns CLP's exceptions (and its own size checks) into an
    /// error code and a message: arrays that do not fit the model are refused.
    @Test func theGuardReportsInsteadOfCrashing() throws {
        let message = try CLPSolver().run { _ in
            guard let m = cg_new(0) else { return "no model" }
            defer { cg_free(m) }
            var rows = [UInt8](repeating: 0, count: 4), columns = [UInt8](repeating: 0, count: 4)
            let rc = cg_get_basis(m, 4, &rows, 4, &columns)
            var out = [Double](repeating: 0, count: 4)
            let read = cg_row_duals(m, 4, &out)
            return rc == -1 && read == -1 ? String(cString: cg_last_error()) : "accepted"
        }
        #expect(message.contains("entries where 4 were expected"), "\(message)")
    }

    /// The same optimum as GLPK's on a 20 x 20 transport LP (an independent engine).
    @Test func transportAgreesWithGLPK() throws {
        let clp = try CLPSolver().run { session in try session.load(transport(20), names: false).solveSimplex() }
        let glpk = try SolverThread.run { session in try session.makeProblem(transport(20)).solveSimplex() }
        #expect(clp.termination == .optimal && glpk.termination == .optimal)
        #expect(abs(clp.objective! - glpk.objective!) <= 1e-9 * abs(glpk.objective!))
    }

    /// x + y >= 5 against r1: x + y <= 4 has no plan; max x + y with only
    /// x - y <= 1 has no bound. The dual simplex cannot tell the second
    /// from the first: primal simplex then does.
    @Test func infeasibleAndUnbounded() throws {
        let r = try CLPSolver().run { session in
            let p = try session.load(smallLP(), names: false)
            try p.addRows([.init(name: "r3", lower: 5)], coefficients: [[(0, 1), (1, 1)]])
            let infeasible = try p.solveSimplex()
            let q = try session.load(
                LinearProblem(
                    name: "open", sense: .maximize, columns: [.init(name: "x", cost: 1), .init(name: "y", cost: 1)],
                    rows: [.init(name: "r", upper: 1)],
                    coefficients: [.init(row: 0, column: 0, value: 1), .init(row: 0, column: 1, value: -1)]),
                names: false)
            return (infeasible, try q.solveSimplex())
        }
        #expect(r.0.termination == .infeasible && r.0.solution == .none && r.0.objective == nil)
        #expect(r.1.termination == .unbounded && r.1.solution == .none)
    }

    /// An iteration limit stops the solve with the limit named; primal
    /// simplex from the slack basis (feasible: every x = 0 meets supply, and
    /// demand rows start out of reach) keeps no plan when demand is unmet.
    @Test func iterationLimit() throws {
        let r = try CLPSolver().run { session in
            try session.load(transport(30), names: false).solveSimplex(
                SimplexOptions(method: .primal, iterationLimit: 5))
        }
        #expect(r.termination == .iterationLimit)
        #expect(r.iterations <= 5)
    }

    /// A column may appear in many rows of one call, but only once in each:
    /// the second row, naming column 1 twice, is refused by number, and
    /// nothing of that call reaches CLP (smallLP's two rows and a, b after).
    @Test func aColumnTwiceInOneRowOfManyIsRefused() throws {
        let r = try CLPSolver().run { session -> (String, Int, Int) in
            let p = try session.load(smallLP(), names: false)
            let rows: [LinearProblem.Row] = [.init(name: "a", upper: 9), .init(name: "b", upper: 9)]
            let first = try p.addRows(rows, coefficients: [[(0, 1), (1, 1)], [(1, 1), (0, 2)]])
            var refused = ""
            do { _ = try p.addRows(rows, coefficients: [[(0, 1), (1, 1)], [(1, 2), (0, 1), (1, 3)]]) } catch {
                refused = "\(error)"
            }
            return (refused, first, try p.addRows([], coefficients: []))
        }
        #expect(r.0.contains("row 1: column 1 given twice"), "\(r.0)")
        #expect(r.1 == 2 && r.2 == 4)
    }

    /// Misuse is refused in Swift before CLP sees it, and nothing crashes.
    @Test func badArgumentsAreErrors() throws {
        let errors = try CLPSolver().run { session in
            let p = try session.load(smallLP(), names: false)
            var caught: [SolverError] = []
            func record(_ body: () throws -> Void) {
                do { try body() } catch let e as SolverError { caught.append(e) } catch {}
            }
            record { try p.setColumnBounds([BoundChange(index: 5, lower: 0, upper: 1)]) }
            record { try p.setRowBounds([BoundChange(index: 0, lower: 2, upper: 1)]) }
            record { try p.addRows([.init(name: "r3", upper: 1)], coefficients: [[(9, 1)]]) }
            record { try p.addRows([.init(name: "r3", upper: 1)], coefficients: [[(0, 1), (0, 2)]]) }
            record { try p.addColumns([.init(name: "z", cost: .nan)], coefficients: [[]]) }
            record { try p.setObjective([(column: 0, cost: .infinity)]) }
            record { try p.setKinds([(column: 0, kind: .integer)]) }
            record { try p.setBasis(Basis(rows: [.basic], columns: [.lower, .lower])) }
            record { _ = try p.solveSimplex(SimplexOptions(iterationLimit: 0)) }
            // Still usable after all of it.
            let r = try p.solveSimplex()
            return (caught, r.objective)
        }
        #expect(errors.0.count == 9)
        #expect(errors.0.allSatisfy { if case .invalidArgument = $0 { true } else { false } })
        #expect(abs(errors.1! - 11) < 1e-9)
    }

    /// A problem with integer columns, or loaded with names (for the LP/MPS
    /// writers), goes to GLPK: max 5x + 4y, 6x + 4y <= 24, x + 2y <= 6, x, y
    /// integer has the integer optimum 20 at (4, 0) (its relaxation 21 at (3, 1.5)).
    @Test func integerProblemsAndWritersGoToGLPK() throws {
        let r = try CLPSolver().run { session in
            let p = try session.load(smallMIP(), names: false)
            let result = try p.solveMIP(MIPOptions(timeLimit: 10))
            let named = try session.load(smallLP(), names: true)
            return (p is CLPProblem, result.objective, try named.cplexLP().contains("r1"), named is CLPProblem)
        }
        #expect(r.0 == false && r.3 == false)
        #expect(abs(r.1! - 20) < 1e-9)
        #expect(r.2)
    }
}
