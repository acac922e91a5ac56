import Foundation
import LinearModel

/// `lp` and `mps`: the exact problem of the plan's final stage, so anyone can
/// re-solve a contested plan with another solver. Rebuilt from the dataset
/// the plan came from (no solving): the model, the hold rows at the plan's
/// stage optima (as the solver added them), and the final stage's objective.
extension PlanDocument {
    /// The largest number <= v (to 10 decimals or fewer) that prints in at
    /// most 12 characters, so GLPK's MPS writer keeps it exactly.
    static func twelveCharacterFloor(_ v: Double) -> Double {
        var scale = 1e10
        for decimals in stride(from: 10, through: 0, by: -1) {
            let f = (v * scale).rounded(.down) / scale
            if format(f, decimals: decimals).count <= 12 { return f }
            scale /= 10
        }
        return v.rounded(.down)
    }

    public struct SourceError: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// - Parameter dataset: the dataset folder, when not where the plan says.
    public func finalStageProblem(dataset override: String? = nil) throws -> LinearProblem {
        let f = try rebuiltFormulation(dataset: override).formulation
        var model = f.namedModel
        guard let last = f.stages.last else { return model }
        let optima = Dictionary(stageOptima.map { ($0.name, $0.objective) }, uniquingKeysWith: { a, _ in a })
        for stage in f.stages.dropLast() {
            guard case .priority = stage.kind, !stage.objective.isEmpty, let z = optima[stage.name] ?? nil else {
                continue
            }
            let raw = z - stage.constant
            let row = model.rows.count
            // The solver's hold, rounded down to a number MPS writes exactly:
            // GLPK keeps 12 characters per number (docs/solver-notes.md §8.3), and
            // rounding a hold up could make the exported problem infeasible.
            let hold = stage.heldLowerBound(at: raw)
            model.rows.append(.init(name: "hold[\(stage.name)]", lower: Self.twelveCharacterFloor(hold)))
            for (j, c) in stage.objective { model.coefficients.append(.init(row: row, column: j, value: c)) }
        }
        for j in model.columns.indices { model.columns[j].cost = 0 }
        for (j, c) in last.objective { model.columns[j].cost = c }
        model.sense = last.sense
        // The objective's constant (locked hours, fixed pay, the part of the
        // stability penalty no column changes) as the cost of a column fixed
        // at 1: an MPS objective-row RHS is read with opposite signs by GLPK
        // and by HiGHS, CPLEX or CBC, and GLPK's LP writer drops it; a column
        // every reader takes the same way.
        if last.constant != 0 {
            model.columns.append(.init(name: Self.constantColumn, lower: 1, upper: 1, cost: last.constant))
        }
        model.objectiveConstant = 0
        model.name = "allot-\(last.name)"
        return model
    }

    /// The instance and formulation the plan was solved on, rebuilt from its
    /// dataset (and scenario), which must not have changed since.
    func rebuiltFormulation(dataset override: String?) throws -> (instance: Instance, formulation: Formulation) {
        guard let source else {
            throw SourceError(
                description: "plan.json does not say which dataset it came from; plan again with this allot")
        }
        let folder = try override ?? datasetFolder(source)
        let data = try Dataset.load(from: folder)
        let fingerprint = Dataset.fingerprint(of: folder)
        guard fingerprint == source.fingerprint else {
            // A relative path may name another dataset from here than from where the plan was made.
            let relative =
                override == nil && !folder.hasPrefix("/")
                ? " (plan.json gives its path relative to the folder `allot plan` ran in: if that was another "
                    + "folder, run the export there or pass --dataset DIR)" : ""
            throw SourceError(
                description:
                    "the dataset \(folder) changed since this plan was made (\(fingerprint), plan says \(source.fingerprint)); plan it again\(relative)"
            )
        }
        var portfolio =
            try source.scenario.map { try data.applying(scenario: $0).get().portfolio } ?? data.validate().get()
        if let objective = Settings.Objective(rawValue: objective) { portfolio.settings.objective = objective }
        let instance = Instance(portfolio)
        return (instance, Formulation(instance))
    }

    /// Where the plan's dataset is when no `--dataset` is given. plan.json
    /// stores the path as given to `allot plan`; a relative one is relative to
    /// the folder that ran in, which the plan does not record (an absolute
    /// path would differ from machine to machine). So a relative path is
    /// taken from the current folder when the dataset there is the plan's
    /// (same fingerprint), else from the nearest folder holding the plan
    /// folder where it is (`allot plan datasets/acme --out plans/acme` run in
    /// ~/work finds ~/work/datasets/acme from anywhere); else it is missing.
    func datasetFolder(_ source: PlanSource) throws(DatasetMissing) -> String {
        let stored = source.dataset
        guard !stored.hasPrefix("/"), let planFolder = folder else { return stored }
        func holdsThePlansDataset(_ path: String) -> Bool {
            FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent(Dataset.manifestFile))
                && Dataset.fingerprint(of: path) == source.fingerprint
        }
        if holdsThePlansDataset(stored) { return stored }
        var parent = URL(fileURLWithPath: planFolder).standardizedFileURL.deletingLastPathComponent()
        while true {
            let candidate = parent.appendingPathComponent(stored).standardizedFileURL.path
            if holdsThePlansDataset(candidate) { return candidate }
            guard parent.path != "/" else { break }
            parent.deleteLastPathComponent()
        }
        // A dataset here that differs is reported as changed (rebuiltFormulation).
        let here = (stored as NSString).appendingPathComponent(Dataset.manifestFile)
        guard FileManager.default.fileExists(atPath: here) else {
            throw DatasetMissing(
                path: stored,
                reason: "plan.json gives the dataset by this path, relative to the folder `allot plan` ran in, "
                    + "and neither this folder nor one holding the plan folder has it there; run the export from "
                    + "the folder the plan was made in, or point at the dataset")
        }
        return stored
    }

    /// `mathprog`: the instance as data for models/allocation.mod (what
    /// `allot plan --write-mathprog-data` writes), to re-solve it with glpsol
    /// or read it from another tool.
    public func mathProgData(dataset: String? = nil) throws -> String {
        let (instance, formulation) = try rebuiltFormulation(dataset: dataset)
        return MathProgData.text(instance, formulation: formulation)
    }

    /// The column that carries the final stage's constant, fixed at 1.
    public static let constantColumn = "objective_constant"

    /// CPLEX LP or free MPS text of the final stage, written by GLPK, with the
    /// objective's constant in the column `objective_constant` fixed at 1, so
    /// every solver's optimum is the plan's objective; a comment at the top
    /// gives the plan's own objective for comparison.
    public func solverText(mps: Bool, dataset: String? = nil, solver: any LinearSolver) throws -> String {
        let model = try finalStageProblem(dataset: dataset)
        let text = try solver.run { session in
            let problem = try session.load(model, names: true)
            return mps ? try problem.freeMPS() : try problem.cplexLP()
        }
        // The last stage of the formulation (cost, or weighted), not the
        // shaping or closest-to-base stage that may follow it.
        let stage = model.name.dropFirst("allot-".count)
        let planned = stageOptima.last { $0.name == stage }?.objective
        let lines = [
            // The dataset's name without control characters: a line break
            // or an ESC in it made the file unreadable to glpsol.
            "allot: final stage \(stage) of \(printable(name ?? "a plan"))"
                + (source?.scenario.map { ", scenario \(printable($0))" } ?? ""),
            "allot: the objective's constant is the cost of column \(Self.constantColumn), fixed at 1",
            "allot: the plan's objective (constant included): \(planned.map { format($0, decimals: 6) } ?? "unknown")",
        ]
        // A "*\\" in the name would end the LP comment early.
        let header =
            mps
            ? lines.map { "* " + $0 + "\n" }.joined()
            : lines.map { "\\* " + $0.replacingOccurrences(of: "*\\", with: "* \\") + " *\\\n" }.joined()
        return header + text
    }
}
