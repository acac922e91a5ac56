/// The formats that rebuild the plan's problem from its dataset, without
/// solving (the work is in Export+Solver.swift): `lp` and `mps`, the final
/// stage's problem written by GLPK; `mathprog`, the instance as data for
/// models/allocation.mod. They throw what rebuilding throws: `DatasetMissing`,
/// `DatasetError`, `PlanDocument.SourceError` (no source, or the dataset changed).
/// Each writes every person's hourly rate, so each needs `options.includeCost`.

/// `lp`: the final stage as CPLEX LP text.
public struct LPExporter: PlanExporter {
    public static let exportFormat = ExportFormat.lp

    public init() {}

    public func export(_ plan: PlanDocument, options: ExportOptions) throws -> ExportOutput {
        guard options.includeCost else { throw ExportError.ratesNotIncluded(Self.exportFormat) }
        guard let solver = options.solver else { throw ExportError.noSolver }
        return .file(try plan.solverText(mps: false, dataset: options.dataset, solver: solver))
    }
}

/// `mps`: the final stage as free MPS text.
public struct MPSExporter: PlanExporter {
    public static let exportFormat = ExportFormat.mps

    public init() {}

    public func export(_ plan: PlanDocument, options: ExportOptions) throws -> ExportOutput {
        guard options.includeCost else { throw ExportError.ratesNotIncluded(Self.exportFormat) }
        guard let solver = options.solver else { throw ExportError.noSolver }
        return .file(try plan.solverText(mps: true, dataset: options.dataset, solver: solver))
    }
}

/// `mathprog`: the instance as a MathProg data section for models/allocation.mod.
public struct MathProgExporter: PlanExporter {
    public static let exportFormat = ExportFormat.mathprog

    public init() {}

    public func export(_ plan: PlanDocument, options: ExportOptions) throws -> ExportOutput {
        guard options.includeCost else { throw ExportError.ratesNotIncluded(Self.exportFormat) }
        return .file(try plan.mathProgData(dataset: options.dataset))
    }
}
