/// A loaded problem whose engine holds only some of the model's columns.
///
/// Column generation over a model that is already built (`PartialPricing` in
/// AllotCore) keeps most columns fixed at 0 for the whole solve: on bench
/// tier XL, 2.4 million hours columns of which a stage frees a few hundred
/// thousand. Fixed at 0 inside the engine, each would still cost the engine
/// its column record and its coefficients in both the row and the column
/// lists (about 0.9 GB on XL for GLPK). Here a column left out lives in Swift
/// only. It joins the engine when it is given bounds other than [0, 0], a
/// basic status or a kind, and leaves it again at the next solve once it is
/// fixed at 0 and non-basic (which is what a left-out column is).
///
/// To the caller it is the whole problem: indices are the model's (columns
/// added later follow them), a column left out reads as fixed at 0 and
/// non-basic (`Basis.Status.fixed`, as the engine reports a fixed column),
/// and its reduced cost is computed here from the engine's row duals,
/// c_j - sum_i a_ij y_i, the engine's own convention. `scale()` gives the
/// engine the factors it would have computed over the whole model
/// (`ScaleFactors.automatic`), and a column joining later gets its own. What
/// differs is the engine's column order (columns held from the start in model
/// order, the others as they join), so a solve may end at another vertex of
/// the same optimum.
public final class ColumnSubset: LoadedProblem {
    private let inner: any SubsetEngine
    private let model: LinearProblem
    /// The engine's index of each column, -1 while it is left out.
    private var engineIndex: [Int32]
    /// The column of each engine index.
    private var columnOf: [Int]
    /// The objective coefficient of each column (the engine's copy is only
    /// for the columns it holds).
    private var cost: [Double]
    /// Coefficients of the model's columns in rows added after loading (all
    /// of them: a column that leaves the engine takes its own along).
    private var later: [(row: Int32, column: Int32, value: Double)] = []
    /// Model columns in the engine set to [0, 0] since the last solve: they
    /// leave it before the next one if they are non-basic then.
    private var leaving: [Int] = []
    private var fixedAtZero: [Bool]
    /// Each model column's scale factor, once `scale()` has run.
    private var columnScale: [Double]?
    /// Model columns the engine does not hold now (added columns always are).
    private var leftOut: Int { columnCount - columnOf.count }
    /// A joining column's place in its batch, -1 otherwise (scratch for `join`).
    private var slot: [Int32]
    /// The most columns the engine held at once.
    public private(set) var mostEngineColumns: Int

    /// Loads `model` with the columns for which `keep` is true. Every other
    /// column must be continuous and allow 0: it starts fixed at 0.
    public init(session: any SolverSession, model: LinearProblem, keep: [Bool]) throws(SolverError) {
        guard keep.count == model.columns.count else {
            throw .invalidArgument("\(keep.count) keep flags for \(model.columns.count) columns")
        }
        for c in model.coefficients {
            guard c.row >= 0, c.row < model.rows.count, c.column >= 0, c.column < model.columns.count,
                c.value.isFinite
            else {
                throw .invalidArgument(
                    "coefficient (row \(c.row), column \(c.column), \(c.value)) out of range or not finite")
            }
        }
        var keep = keep
        for (j, column) in model.columns.enumerated() where !keep[j] {
            // A column that cannot sit at 0, or an integer one, joins from the start.
            if column.kind != .continuous || column.lower > 0 || column.upper < 0 { keep[j] = true }
        }
        var engineIndex = [Int32](repeating: -1, count: model.columns.count)
        var columnOf: [Int] = []
        for j in model.columns.indices where keep[j] {
            engineIndex[j] = Int32(columnOf.count)
            columnOf.append(j)
        }
        var subset = LinearProblem(
            name: model.name, sense: model.sense, objectiveConstant: model.objectiveConstant,
            columns: columnOf.map { model.columns[$0] }, rows: model.rows)
        subset.coefficients.reserveCapacity(model.coefficients.count)
        for c in model.coefficients where engineIndex[c.column] >= 0 {
            subset.coefficients.append(
                LinearProblem.Coefficient(row: c.row, column: Int(engineIndex[c.column]), value: c.value))
        }
        guard let engine = try session.load(subset, names: false) as? any SubsetEngine else {
            throw .invalidArgument("this solver cannot hold a subset of a model's columns")
        }
        inner = engine
        self.model = model
        self.engineIndex = engineIndex
        self.columnOf = columnOf
        cost = model.columns.map(\.cost)
        slot = [Int32](repeating: -1, count: model.columns.count)
        fixedAtZero = model.columns.indices.map { j in
            engineIndex[j] < 0 || (model.columns[j].lower == 0 && model.columns[j].upper == 0)
        }
        mostEngineColumns = columnOf.count
    }

    public var rowCount: Int { inner.rowCount }
    public var columnCount: Int { engineIndex.count }
    /// Columns the engine holds now (those leaving at the next solve still count).
    public var engineColumnCount: Int { columnOf.count }

    // MARK: Editing

    @discardableResult
    public func addRows(_ rows: [LinearProblem.Row], coefficients: [[(column: Int, value: Double)]])
        throws(SolverError) -> Int
    {
        guard rows.count == coefficients.count else {
            throw .invalidArgument("\(rows.count) rows but \(coefficients.count) coefficient lists")
        }
        let first = inner.rowCount
        var added: [(row: Int32, column: Int32, value: Double)] = []
        var held: [[(column: Int, value: Double)]] = []
        held.reserveCapacity(rows.count)
        for (k, list) in coefficients.enumerated() {
            var kept: [(column: Int, value: Double)] = []
            kept.reserveCapacity(list.count)
            for (j, value) in list {
                guard j >= 0, j < columnCount else {
                    throw .invalidArgument("row '\(rows[k].name)': column \(j) out of range 0..<\(columnCount)")
                }
                let e = engineIndex[j]
                if e >= 0 { kept.append((Int(e), value)) }
                if j < model.columns.count { added.append((Int32(first + k), Int32(j), value)) }
            }
            held.append(kept)
        }
        let index = try inner.addRows(rows, coefficients: held)
        later += added
        return index
    }

    @discardableResult
    public func addColumns(_ columns: [LinearProblem.Column], coefficients: [[(row: Int, value: Double)]])
        throws(SolverError) -> Int
    {
        let first = columnCount
        let engineFirst = try inner.addColumns(columns, coefficients: coefficients)
        for (k, column) in columns.enumerated() {
            engineIndex.append(Int32(engineFirst + k))
            columnOf.append(first + k)
            cost.append(column.cost)
        }
        return first
    }

    public func setColumnBounds(_ changes: [BoundChange]) throws(SolverError) {
        var changes = changes
        // Sorted, not hashed (a set of a pricing round's changes cost tier M
        // milliseconds) nor stamped per column (10 MB to clear per call on XL).
        let sorted = changes.map(\.index).sorted()
        if zip(sorted, sorted.dropFirst()).contains(where: { $0 == $1 }) {
            // A column given twice takes its last bounds, as in the engine.
            var last: [Int: Int] = [:]
            for (k, c) in changes.enumerated() { last[c.index] = k }
            changes = changes.indices.filter { last[changes[$0].index] == $0 }.map { changes[$0] }
        }
        var held: [BoundChange] = []
        var joining: [BoundChange] = []
        for change in changes {
            let j = change.index
            guard j >= 0, j < columnCount else {
                throw .invalidArgument("column \(j) out of range 0..<\(columnCount)")
            }
            // Checked before anything reaches the engine, so a bad change changes nothing.
            guard !change.lower.isNaN, !change.upper.isNaN, change.lower <= change.upper,
                change.lower < .infinity, change.upper > -.infinity
            else {
                throw .invalidArgument("column \(j): bounds [\(change.lower), \(change.upper)]")
            }
            if engineIndex[j] >= 0 {
                held.append(BoundChange(index: Int(engineIndex[j]), lower: change.lower, upper: change.upper))
            } else if change.lower != 0 || change.upper != 0 {
                joining.append(change)
            }
        }
        try inner.setColumnBounds(held)
        // Only once the engine took them: a rejected change leaves all as it was.
        for change in changes where change.index < model.columns.count {
            let j = change.index, zero = change.lower == 0 && change.upper == 0
            if zero && !fixedAtZero[j] && engineIndex[j] >= 0 { leaving.append(j) }
            fixedAtZero[j] = zero
        }
        try join(joining)
    }

    public func setRowBounds(_ changes: [BoundChange]) throws(SolverError) { try inner.setRowBounds(changes) }

    public func setObjective(_ costs: [(column: Int, cost: Double)]) throws(SolverError) {
        var held: [(column: Int, cost: Double)] = []
        held.reserveCapacity(costs.count)
        for (j, c) in costs {
            // Index -1 is the constant term.
            guard j >= -1, j < columnCount else {
                throw .invalidArgument("column \(j) out of range 0..<\(columnCount)")
            }
            guard c.isFinite else { throw .invalidArgument("column \(j): cost \(c) is not finite") }
            if j == -1 {
                held.append((-1, c))
                continue
            }
            cost[j] = c
            if engineIndex[j] >= 0 { held.append((Int(engineIndex[j]), c)) }
        }
        try inner.setObjective(held)
    }

    public func setSense(_ sense: LinearProblem.Sense) throws(SolverError) { try inner.setSense(sense) }

    public func setKinds(_ changes: [(column: Int, kind: LinearProblem.Kind)]) throws(SolverError) {
        try joinFixed(changes.map(\.column))
        try inner.setKinds(changes.map { (Int(engineIndex[$0.column]), $0.kind) })
    }

    // MARK: Solving

    /// Sets the factors GLPK's automatic scaling gives the whole model. An
    /// engine that scales every solve itself (CLP) gets none: they were
    /// computed over every coefficient and thrown away (bench tier M: the
    /// setup before the first stage 0.060 s before, 0.054 s after, medians
    /// of 8 runs).
    public func scale() throws(SolverError) {
        guard inner.takesScaleFactors else { return try inner.scale() }
        let factors = ScaleFactors.automatic(for: model)
        try inner.setScaleFactors(
            rows: factors.rows.enumerated().map { ($0.offset, $0.element) },
            columns: columnOf.enumerated().compactMap { e, j in
                j < model.columns.count ? (e, factors.columns[j]) : nil
            })
        columnScale = factors.columns
    }

    public func solveSimplex(_ options: SimplexOptions) throws(SolverError) -> SolveResult {
        try leave()
        return try inner.solveSimplex(options)
    }

    public func solveMIP(_ options: MIPOptions) throws(SolverError) -> SolveResult {
        try leave()
        var options = options
        if let start = options.start {
            guard start.count == columnCount else {
                throw .invalidArgument("a start of \(start.count) values for \(columnCount) columns")
            }
            // The start in the engine's order: a column left out is at 0 in it.
            if let j = start.indices.first(where: { start[$0] != 0 && engineIndex[$0] < 0 }) {
                throw .invalidArgument("the start gives column \(j) a value, but it is fixed at 0")
            }
            options.start = columnOf.map { start[$0] }
        }
        return try inner.solveMIP(options)
    }

    // MARK: Reading

    public func columnValues(_ kind: SolutionKind?) throws(SolverError) -> [Double] {
        scatter(try inner.columnValues(kind))
    }

    public func reducedCosts(_ kind: SolutionKind) throws(SolverError) -> [Double] {
        var d = scatter(try inner.reducedCosts(kind))
        guard leftOut > 0 else { return d }
        let y = try inner.rowDuals(kind)
        for j in model.columns.indices where engineIndex[j] < 0 { d[j] = cost[j] }
        for c in model.coefficients where engineIndex[c.column] < 0 { d[c.column] -= c.value * y[c.row] }
        for c in later where engineIndex[Int(c.column)] < 0 { d[Int(c.column)] -= c.value * y[Int(c.row)] }
        return d
    }

    public func rowActivities(_ kind: SolutionKind?) throws(SolverError) -> [Double] {
        try inner.rowActivities(kind)
    }

    public func rowDuals(_ kind: SolutionKind) throws(SolverError) -> [Double] { try inner.rowDuals(kind) }

    public func basis() throws(SolverError) -> Basis {
        let engine = try inner.basis()
        var columns = [Basis.Status](repeating: .fixed, count: columnCount)
        for (e, j) in columnOf.enumerated() { columns[j] = engine.columns[e] }
        return Basis(rows: engine.rows, columns: columns)
    }

    /// A left-out column given a basic status joins the engine first (fixed at 0).
    public func setBasis(_ basis: Basis) throws(SolverError) {
        guard basis.rows.count == rowCount, basis.columns.count == columnCount else {
            throw .invalidArgument(
                "basis for \(basis.rows.count)x\(basis.columns.count), problem is \(rowCount)x\(columnCount)")
        }
        try joinFixed(basis.columns.indices.filter { basis.columns[$0] == .basic && engineIndex[$0] < 0 })
        try inner.setBasis(Basis(rows: basis.rows, columns: columnOf.map { basis.columns[$0] }))
    }

    public func resetBasis() throws(SolverError) { try inner.resetBasis() }

    // MARK: Writing (every column joins, so the text is the whole problem)

    public func cplexLP() throws(SolverError) -> String {
        try joinFixed(Array(engineIndex.indices))
        return try inner.cplexLP()
    }

    public func freeMPS() throws(SolverError) -> String {
        try joinFixed(Array(engineIndex.indices))
        return try inner.freeMPS()
    }

    // MARK: Joining

    /// The engine's values spread over every column (0 for those left out).
    private func scatter(_ engine: [Double]) -> [Double] {
        var x = [Double](repeating: 0, count: columnCount)
        for (e, j) in columnOf.enumerated() { x[j] = engine[e] }
        return x
    }

    /// Brings the left-out columns among `columns` into the engine, fixed at 0.
    private func joinFixed(_ columns: [Int]) throws(SolverError) {
        var joining: [BoundChange] = []
        for j in columns {
            guard j >= 0, j < columnCount else {
                throw .invalidArgument("column \(j) out of range 0..<\(columnCount)")
            }
            if engineIndex[j] < 0 { joining.append(BoundChange(index: j, lower: 0, upper: 0)) }
        }
        try join(joining)
    }

    /// Adds left-out columns to the engine with the bounds given, their
    /// objective coefficients, and their coefficients in every row: the
    /// model's and those of rows added since. The engine adds them non-basic,
    /// so a basis stays valid.
    private func join(_ changes: [BoundChange]) throws(SolverError) {
        // Each joining column's place in this batch (the last change of a column wins).
        var order: [Int] = []
        var columns: [LinearProblem.Column] = []
        for change in changes where engineIndex[change.index] < 0 {
            let j = change.index
            if slot[j] < 0 {
                slot[j] = Int32(order.count)
                order.append(j)
                columns.append(
                    LinearProblem.Column(
                        name: model.columns[j].name, lower: change.lower, upper: change.upper, cost: cost[j]))
            } else {
                columns[Int(slot[j])].lower = change.lower
                columns[Int(slot[j])].upper = change.upper
            }
        }
        guard !order.isEmpty else { return }
        defer { for j in order { slot[j] = -1 } }
        var coefficients = [[(row: Int, value: Double)]](repeating: [], count: order.count)
        for c in model.coefficients where slot[c.column] >= 0 {
            coefficients[Int(slot[c.column])].append((c.row, c.value))
        }
        for c in later where slot[Int(c.column)] >= 0 {
            coefficients[Int(slot[Int(c.column)])].append((Int(c.row), c.value))
        }
        let engineFirst = try inner.addColumns(columns, coefficients: coefficients)
        for (k, j) in order.enumerated() {
            engineIndex[j] = Int32(engineFirst + k)
            columnOf.append(j)
        }
        mostEngineColumns = max(mostEngineColumns, columnOf.count)
        if let columnScale {
            try inner.setScaleFactors(
                rows: [], columns: order.enumerated().map { (engineFirst + $0.offset, columnScale[$0.element]) })
        }
    }

    /// Takes out of the engine the model columns fixed at 0 since the last
    /// solve that are non-basic now.
    private func leave() throws(SolverError) {
        guard !leaving.isEmpty else { return }
        defer { leaving.removeAll() }
        let status = try inner.basis().columns
        var going: [Bool] = []
        var doomed: [Int] = []
        for j in leaving where fixedAtZero[j] && engineIndex[j] >= 0 && status[Int(engineIndex[j])] != .basic {
            if going.isEmpty { going = [Bool](repeating: false, count: columnOf.count) }
            if !going[Int(engineIndex[j])] {
                going[Int(engineIndex[j])] = true
                doomed.append(Int(engineIndex[j]))
            }
        }
        guard !doomed.isEmpty else { return }
        try inner.deleteColumns(doomed)
        var kept: [Int] = []
        kept.reserveCapacity(columnOf.count - doomed.count)
        for (e, j) in columnOf.enumerated() {
            if going[e] {
                engineIndex[j] = -1
            } else {
                engineIndex[j] = Int32(kept.count)
                kept.append(j)
            }
        }
        columnOf = kept
    }

}
