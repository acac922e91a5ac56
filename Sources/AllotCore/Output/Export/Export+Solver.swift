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
        var model = f.model
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
        let folder = override ?? source.dataset
        let data = try Dataset.load(from: folder)
        let fingerprint = Dataset.fingerprint(of: folder)
        guard fingerprint == source.fingerprint else {
            throw SourceError(
                description:
                    "the dataset \(folder) changed since this plan was made (\(fingerprint), plan says \(source.fingerprint)); plan it again"
            )
        }
        var portfolio =
            try source.scenario.map { try data.applying(scenario: $0).get().portfolio } ?? data.validate().get()
        if let objective = Settings.Objective(rawValue: objective) { portfolio.settings.objective = objective }
        let instance = Instance(portfolio)
        return (instance, Formulation(instance))
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
            "allot: final stage \(stage) of \(name ?? "a plan")\(source?.scenario.map { ", scenario \($0)" } ?? "")",
            "allot: the objective's constant is the cost of column \(Self.constantColumn), fixed at 1",
            "allot: the plan's objective (constant included): \(planned.map { format($0, decimals: 6) } ?? "unknown")",
        ]
        let header = mps ? lines.map { "* " + $0 + "\n" }.joined() : lines.map { "\\* " + $0 + " *\\\n" }.joined()
        return header + text
    }
}
