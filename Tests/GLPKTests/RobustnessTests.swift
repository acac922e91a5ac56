import Foundation
import SolverFixtures
import Testing

@testable import GLPK

/// Inputs that would make GLPK abort the process, or silently return garbage,
/// must come back as Swift errors, and the process must live on.
@Suite struct RobustnessTests {
    static let one = LinearProblem.Column(name: "x", lower: 0, upper: 1, cost: 1)
    static let row = LinearProblem.Row(name: "r", upper: 1)

    static let badModels: [(String, LinearProblem)] = [
        ("NaN cost", LinearProblem(columns: [.init(name: "x", cost: .nan)])),
        ("infinite cost", LinearProblem(columns: [.init(name: "x", cost: .infinity)])),
        ("NaN bound", LinearProblem(columns: [.init(name: "x", lower: .nan)])),
        ("lower above upper", LinearProblem(columns: [.init(name: "x", lower: 2, upper: 1)])),
        ("+inf lower bound", LinearProblem(columns: [.init(name: "x", lower: .infinity)])),
        ("-inf upper row bound", LinearProblem(columns: [one], rows: [.init(name: "r", upper: -.infinity)])),
        (
            "infinite coefficient",
            LinearProblem(columns: [one], rows: [row], coefficients: [.init(row: 0, column: 0, value: .infinity)])
        ),
        (
            "NaN coefficient",
            LinearProblem(columns: [one], rows: [row], coefficients: [.init(row: 0, column: 0, value: .nan)])
        ),
        (
            "row index out of range",
            LinearProblem(columns: [one], rows: [row], coefficients: [.init(row: 1, column: 0, value: 1)])
        ),
        (
            "negative column index",
            LinearProblem(columns: [one], rows: [row], coefficients: [.init(row: 0, column: -1, value: 1)])
        ),
        (
            "duplicate coefficient",
            LinearProblem(
                columns: [one], rows: [row],
                coefficients: [
                    .init(row: 0, column: 0, value: 1), .init(row: 0, column: 0, value: 2),
                ])
        ),
        ("256-byte name", LinearProblem(columns: [.init(name: String(repeating: "n", count: 256))])),
        ("empty name", LinearProblem(columns: [.init(name: "")])),
        ("control character in name", LinearProblem(columns: [.init(name: "a\nb")])),
        ("duplicate column name", LinearProblem(columns: [one, one])),
        (
            "fractional bound on an integer column",
            LinearProblem(columns: [.init(name: "k", lower: 0, upper: 2.5, kind: .integer)])
        ),
        ("binary column outside [0,1]", LinearProblem(columns: [.init(name: "b", lower: 0, upper: 3, kind: .binary)])),
        ("NaN objective constant", LinearProblem(objectiveConstant: .nan, columns: [one])),
    ]

    @Test(arguments: badModels)
    func invalidModelIsASwiftError(label: String, model: LinearProblem) throws {
        let outcome = try SolverThread.run { session -> String in
            do {
                _ = try session.makeProblem(model)
                return "accepted"
            } catch GLPKError.invalidModel(let e) {
                return "rejected: \(e)"
            } catch {
                return "other: \(error)"
            }
        }
        #expect(outcome.hasPrefix("rejected"), "\(label): \(outcome)")
    }

    /// Loaded without names (how allot solves), a name never reaches GLPK,
    /// so only the numbers and indices are checked: two empty names load and
    /// solve, and a duplicate coefficient is still refused, also when other
    /// coefficients come between the two.
    @Test func withoutNamesOnlyNumbersAndIndicesAreChecked() throws {
        let unnamed = LinearProblem(
            sense: .maximize,
            columns: [.init(name: "", upper: 1, cost: 1), .init(name: "", upper: 2, cost: 1)])
        let twice = LinearProblem(
            columns: [Self.one, .init(name: "y", upper: 1)], rows: [Self.row, .init(name: "q", upper: 1)],
            coefficients: [
                .init(row: 1, column: 1, value: 1), .init(row: 0, column: 0, value: 1),
                .init(row: 0, column: 1, value: 1), .init(row: 1, column: 1, value: 2),
            ])
        let (objective, refused) = try SolverThread.run { session -> (Double?, String) in
            let p = try session.makeProblem(unnamed, names: false)
            let objective = try p.solveSimplex().objective
            do {
                _ = try session.makeProblem(twice, names: false)
                return (objective, "accepted")
            } catch GLPKError.invalidModel(let e) {
                return (objective, "\(e)")
            }
        }
        #expect(objective == 3)  // both columns at their upper bounds: 1 + 2
        #expect(refused.contains("coefficient (q, y) given twice"), "\(refused)")
    }

    @Test func aName255BytesLongIsAccepted() throws {
        let name = String(repeating: "é", count: 127) + "x"  // 127 * 2 + 1 = 255 bytes
        let ok = try SolverThread.run { session in
            let p = try session.makeProblem(LinearProblem(columns: [.init(name: name, upper: 1, cost: 1)]))
            return try p.solveSimplex().termination
        }
        #expect(ok == .optimal)
    }

    /// A column may appear in many rows of one call, but only once in each:
    /// row b, naming column 1 twice, is refused, and nothing of that call
    /// reaches GLPK (smallLP's two rows and a, b after).
    @Test func aColumnTwiceInOneRowOfManyIsRefused() throws {
        let r = try SolverThread.run { session -> (String, Int, Int) in
            let p = try session.makeProblem(smallLP())
            let first = try p.addRows(
                [.init(name: "a", upper: 9), .init(name: "b", upper: 9)],
                coefficients: [[(0, 1), (1, 1)], [(1, 1), (0, 2)]])
            var refused = ""
            do {
                _ = try p.addRows(
                    [.init(name: "c", upper: 9), .init(name: "d", upper: 9)],
                    coefficients: [[(0, 1), (1, 1)], [(1, 2), (0, 1), (1, 3)]])
            } catch { refused = "\(error)" }
            return (refused, first, p.rowCount)
        }
        #expect(r.0.contains("row 'd': column 1 given twice"), "\(r.0)")
        #expect(r.1 == 2 && r.2 == 4)
    }

    @Test func invalidEditsAreSwiftErrors() throws {
        let errors = try SolverThread.run { session -> [String] in
            let p = try session.makeProblem(smallLP())
            var seen: [String] = []
            func attempt(_ body: () throws -> Void) {
                do { try body(); seen.append("accepted") } catch { seen.append("\(error)") }
            }
            attempt { try p.setColumnBounds([BoundChange(index: 2, lower: 0, upper: 1)]) }
            attempt { try p.setColumnBounds([BoundChange(index: 0, lower: 1, upper: 0)]) }
            attempt { try p.setRowBounds([BoundChange(index: -1, lower: 0, upper: 1)]) }
            attempt { try p.setObjective([(5, 1)]) }
            attempt { try p.setObjective([(0, .nan)]) }
            attempt { try p.addRows([.init(name: "r1")], coefficients: [[]]) }  // name taken
            attempt { try p.addRows([.init(name: "new")], coefficients: [[(0, 1), (0, 2)]]) }  // column twice
            attempt { _ = try p.solveSimplex(SimplexOptions(timeLimit: -1)) }
            attempt { _ = try p.solveMIP(MIPOptions(timeLimit: .infinity)) }
            attempt { _ = try p.rowDuals(.mip) }
            // After all that the problem is intact and still solves.
            attempt {
                let r = try p.solveSimplex();
                if r.termination != .optimal { throw GLPKError.invalidArgument("not optimal") }
            }
            return seen
        }
        #expect(errors.dropLast().allSatisfy { $0.hasPrefix("invalid argument") }, "\(errors)")
        #expect(errors.last == "accepted")
    }

    /// GLPK is made to fail inside the guard (a column index out of range,
    /// which would abort an unguarded process). The error carries GLPK's own
    /// message, the old problem is invalidated, and a new problem on the same
    /// thread solves normally.
    @Test func caughtGLPKErrorLeavesTheThreadUsable() throws {
        let r = try SolverThread.run { session -> (String, String, Double?) in
            let p = try session.makeProblem(smallLP())
            var message = ""
            do { try p.triggerGLPKErrorForTesting() } catch { message = "\(error)" }
            var after = ""
            do { _ = try p.solveSimplex() } catch { after = "\(error)" }
            let fresh = try session.makeProblem(smallLP())
            return (message, after, try fresh.solveSimplex().objective)
        }
        #expect(r.0.contains("glp_set_col_bnds"))
        #expect(r.0.contains("out of range"))
        #expect(r.1 == GLPKError.invalidated.description)
        #expect(isClose(r.2, 11))
    }

    @Test func memoryLimitBecomesATypedError() throws {
        // 1 MB is far too little for 200 x 200 = 40,000 columns with names.
        let outcome = try SolverThread.run(memoryLimitMB: 1) { session -> String in
            do {
                _ = try session.makeProblem(transport(200))
                return "built"
            } catch GLPKError.outOfMemory {
                return "out of memory"
            } catch {
                return "\(error)"
            }
        }
        #expect(outcome == "out of memory")
    }

    @Test func aProblemUsedFromAnotherThreadIsRefused() throws {
        final class Smuggle: @unchecked Sendable { var problem: Problem? }
        let smuggle = Smuggle()
        let result = try SolverThread.run { session -> String in
            smuggle.problem = try session.makeProblem(smallLP())
            // Use it from a second thread while this one waits.
            let box = Smuggle()
            let done = DispatchSemaphore(value: 0)
            nonisolated(unsafe) var outcome = ""
            let other = Thread {
                do { _ = try smuggle.problem?.solveSimplex(); outcome = "solved" } catch { outcome = "\(error)" }
                done.signal()
            }
            other.start()
            done.wait()
            _ = box
            smuggle.problem = nil  // freed here, on its own thread
            return outcome
        }
        #expect(result == GLPKError.wrongThread.description)
    }

    /// Four solver threads at once give exactly the sequential results.
    @Test func concurrentSolvesMatchSequential() throws {
        let sizes = [18, 22, 26, 30]
        let sequential = try sizes.map { n in
            try SolverThread.run { session in try session.makeProblem(transport(n)).solveSimplex().objective! }
        }
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var values: [Int: Double] = [:]
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: sizes.count) { k in
            let value = try? SolverThread.run { session in
                try session.makeProblem(transport(sizes[k])).solveSimplex().objective!
            }
            results.lock.lock()
            results.values[k] = value
            results.lock.unlock()
        }
        #expect(sizes.indices.map { results.values[$0] } == sequential.map { Optional($0) })
    }
}
