import LinearModel

/// Solving an LP over a growing subset of its hours columns (column
/// generation on a model that is already built).
///
/// Most hours columns of a large portfolio stay at zero: a cell is staffed by
/// a few of the many people qualified for it. So an LP stage first solves with
/// only the cheapest few people per cell and period free; every other hours
/// column is fixed at 0, and GLPK's simplex leaves fixed non-basic columns out
/// of its working LP (`excl`, docs/solver-notes.md §5.3) yet still reports their reduced
/// costs. Then it prices: every excluded column whose reduced cost would
/// improve the objective is freed, and primal simplex continues from the
/// optimal basis (freeing a column at 0 keeps the basis primal feasible).
/// When no excluded column prices out, the restricted optimum is optimal for
/// the whole LP, since every column's reduced cost has the optimal sign: the
/// same proof the full solve gives, at a fraction of the work per iteration.
/// Measured in bench/RESULTS.md.
public struct PartialPricing {
    /// The settings (`StagedSolver.Settings.partialPricing`).
    public struct Options: Sendable, Hashable {
        /// Hours columns free from the start per cell and period: the cheapest people.
        public var cheapestPerPeriod: Int
        /// At most this many columns are freed per pricing round (the most improving).
        public var batch: Int

        public init(cheapestPerPeriod: Int = 3, batch: Int = 20_000) {
            self.cheapestPerPeriod = cheapestPerPeriod
            self.batch = batch
        }
    }

    let options: Options
    /// Hours columns not yet free, in column order.
    private(set) var excluded: [Int]
    private let upper: [Double]
    /// Pricing rounds (re-solves after freeing columns) of all stages.
    private(set) var rounds = 0

    /// Chooses the columns free from the start: per cell and period the
    /// `cheapestPerPeriod` hours columns of least `cost` (ties: column order),
    /// and every column basic in `warmBasis`.
    init(_ f: Formulation, cost: [Int: Double], warmBasis: Basis?, options: Options) {
        self.options = options
        // Hours columns come first in the model (0..<count), so a column is
        // its own index into these arrays.
        upper = f.hours.columns.map { f.model.columns[$0].upper }
        var free = [Bool](repeating: false, count: f.hours.count)
        for columns in f.hours.ofCell where !columns.isEmpty {
            var byPeriod: [Int: [Int]] = [:]
            for j in columns { byPeriod[f.hours[column: j].period, default: []].append(j) }
            for (_, group) in byPeriod {
                let cheapest = group.sorted { (cost[$0] ?? 0, $0) < (cost[$1] ?? 0, $1) }
                for j in cheapest.prefix(options.cheapestPerPeriod) { free[j] = true }
            }
        }
        if let warmBasis {
            for j in f.hours.columns where warmBasis.columns[j] == .basic { free[j] = true }
        }
        excluded = f.hours.columns.filter { !free[$0] }
    }

    /// Fixes the excluded columns at 0.
    func exclude(in problem: any LoadedProblem) throws {
        try problem.setColumnBounds(excluded.map { BoundChange(index: $0, lower: 0, upper: 0) })
    }

    /// Frees the excluded columns whose reduced cost improves the current
    /// optimum (at most `batch`, the most improving first). Returns how many.
    /// `largestCost` is the stage objective's largest |coefficient|.
    mutating func freeImproving(in problem: any LoadedProblem, sense: LinearProblem.Sense, largestCost: Double) throws
        -> Int
    {
        guard !excluded.isEmpty else { return 0 }
        let d = try problem.reducedCosts()
        let tolerance = Self.optimalityTolerance(largestCost: largestCost)
        var improving: [(column: Int, gain: Double)] = []
        for j in excluded {
            let gain = sense == .minimize ? -d[j] : d[j]
            if gain > tolerance { improving.append((j, gain)) }
        }
        guard !improving.isEmpty else { return 0 }
        if improving.count > options.batch {
            improving.sort { ($0.gain, -$0.column) > ($1.gain, -$1.column) }
            improving.removeLast(improving.count - options.batch)
        }
        let freed = Set(improving.map(\.column))
        try problem.setColumnBounds(improving.map { BoundChange(index: $0.column, lower: 0, upper: upper[$0.column]) })
        excluded.removeAll { freed.contains($0) }
        rounds += 1
        return freed.count
    }

    /// GLPK divides the objective by max|c|/1000 before testing reduced
    /// costs against 1e-7: a reduced cost within this is optimal to GLPK.
    static func optimalityTolerance(largestCost: Double) -> Double { 1e-7 * max(1, largestCost / 1000) }

    /// Frees every excluded column (before a stage that does not price).
    mutating func freeAll(in problem: any LoadedProblem) throws {
        try problem.setColumnBounds(excluded.map { BoundChange(index: $0, lower: 0, upper: upper[$0]) })
        excluded = []
    }
}
