import LinearModel

/// Solving an LP over a growing subset of its hours columns (column
/// generation on a model that is already built).
///
/// Most hours columns of a large portfolio stay at zero: a cell is staffed by
/// a few of the many people qualified for it. So an LP stage first solves with
/// only the cheapest few people per cell and period free; every other hours
/// column is fixed at 0 and kept out of the engine (`ColumnSubset`, which
/// computes their reduced costs from the row duals; docs/solver-notes.md
/// §5.3). Then it prices: every excluded column whose reduced cost would
/// improve the objective is freed, and primal simplex continues from the
/// optimal basis (freeing a column at 0 keeps the basis primal feasible).
/// When no excluded column prices out, the restricted optimum is optimal for
/// the whole LP, since every column's reduced cost has the optimal sign: the
/// same proof the full solve gives, at a fraction of the work per iteration.
/// Measured in bench/RESULTS.md.
///
/// Each stage after the first starts again from the columns the last optimum
/// uses (`shrink`): the free columns non-basic at 0 are excluded again and
/// priced anew against the new objective. Without it the free set only grew,
/// and GLPK's primal simplex spends most of an iteration scanning it (its
/// column choice and steepest-edge update touch every free column): on bench
/// tier L the cost stage ran with 147,000 free columns, and with 34,000 after
/// shrinking it took 18 s instead of 35-42 s (bench/NOTES.md, "Speed levers" 5).
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
    /// Columns of the model (hours columns first, then the others).
    private let columnCount: Int
    /// Whether an hours column is not free (fixed at 0), by column.
    private var isExcluded: [Bool]
    private let upper: [Double]
    /// Pricing rounds (re-solves after freeing columns) of all stages.
    private(set) var rounds = 0

    /// Chooses the columns free from the start: per cell and period the
    /// `cheapestPerPeriod` hours columns of least `cost` (ties: column order),
    /// and every column basic in `warmBasis`.
    init(_ f: Formulation, cost: [Int: Double], warmBasis: Basis?, options: Options) {
        self.options = options
        columnCount = f.model.columns.count
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
        isExcluded = free.map { !$0 }
    }

    /// Whether each column of the model is free from the start: every
    /// column but the excluded hours columns. The others are loaded left out
    /// of the engine (`ColumnSubset`), which is the same as fixed at 0.
    var freeFromStart: [Bool] {
        (0..<columnCount).map { $0 >= isExcluded.count || !isExcluded[$0] }
    }

    /// Frees the excluded columns whose reduced cost improves the current
    /// optimum (at most `batch`, the most improving first). Returns how many.
    /// `largestCost` is the stage objective's largest |coefficient|.
    mutating func freeImproving(in problem: any LoadedProblem, sense: LinearProblem.Sense, largestCost: Double) throws
        -> Int
    {
        guard isExcluded.contains(true) else { return 0 }
        let d = try problem.reducedCosts()
        let tolerance = Self.optimalityTolerance(largestCost: largestCost)
        var improving: [(column: Int, gain: Double)] = []
        for j in upper.indices where isExcluded[j] {
            let gain = sense == .minimize ? -d[j] : d[j]
            if gain > tolerance { improving.append((j, gain)) }
        }
        guard !improving.isEmpty else { return 0 }
        if improving.count > options.batch {
            improving.sort { ($0.gain, -$0.column) > ($1.gain, -$1.column) }
            improving.removeLast(improving.count - options.batch)
        }
        try free(improving.map(\.column), in: problem)
        rounds += 1
        return improving.count
    }

    /// Excludes again every free hours column that is non-basic at 0 in
    /// `basis`. The plan stays as it is and the basis primal feasible (those
    /// columns are at 0 either way); the next solve prices them anew.
    /// Returns how many.
    @discardableResult
    mutating func shrink(in problem: any LoadedProblem, basis: Basis) throws -> Int {
        let dropped = upper.indices.filter { !isExcluded[$0] && basis.columns[$0] == .lower && upper[$0] > 0 }
        guard !dropped.isEmpty else { return 0 }
        try problem.setColumnBounds(dropped.map { BoundChange(index: $0, lower: 0, upper: 0) })
        for j in dropped { isExcluded[j] = true }
        return dropped.count
    }

    /// Frees the excluded columns among `columns`.
    mutating func free(_ columns: [Int], in problem: any LoadedProblem) throws {
        let freed = columns.filter { isExcluded[$0] }
        guard !freed.isEmpty else { return }
        try problem.setColumnBounds(freed.map { BoundChange(index: $0, lower: 0, upper: upper[$0]) })
        for j in freed { isExcluded[j] = false }
    }

    /// Keeps `columns` at 0 for good: a column left out stays out and is
    /// never priced again (shaping's emptied pairs and the sliver LP's rows
    /// without hours, which the engine's columns have fixed at 0).
    mutating func keepOut(_ columns: [Int]) {
        for j in columns where j < isExcluded.count { isExcluded[j] = false }
    }

    /// GLPK divides the objective by max|c|/1000 before testing reduced
    /// costs against 1e-7: a reduced cost within this is optimal to GLPK.
    static func optimalityTolerance(largestCost: Double) -> Double { 1e-7 * max(1, largestCost / 1000) }
}
