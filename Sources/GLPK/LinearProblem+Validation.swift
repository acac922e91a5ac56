import LinearModel

/// GLPK's hard limits (api/prob1.c): going over them is a fatal error.
enum GLPKLimits {
    static let maxRows = 100_000_000
    static let maxColumns = 100_000_000
    static let maxNonZeros = 500_000_000
    static let maxNameBytes = 255
}

extension LinearProblem {
    /// Checks everything GLPK would abort on or silently mis-solve:
    /// finite numbers, consistent bounds, integral bounds on integer columns,
    /// index ranges, duplicate matrix entries, names of 1-255 printable bytes,
    /// unique names, and GLPK's size limits. Throws the first few problems.
    /// `names: false` skips the names (rules and uniqueness): for a model
    /// loaded without them, GLPK never sees a name (bench tier XL: 6.1 s of
    /// the run went to hashing 2.4M column names).
    public func validate(names: Bool = true) throws(ModelError) {
        var problems: [ModelError.Problem] = []
        func add(_ p: ModelError.Problem) { if problems.count < 20 { problems.append(p) } }

        if rows.count > GLPKLimits.maxRows { add(.tooLarge("\(rows.count) rows, GLPK allows \(GLPKLimits.maxRows)")) }
        if columns.count > GLPKLimits.maxColumns {
            add(.tooLarge("\(columns.count) columns, GLPK allows \(GLPKLimits.maxColumns)"))
        }
        if coefficients.count > GLPKLimits.maxNonZeros {
            add(.tooLarge("\(coefficients.count) non-zeros, GLPK allows \(GLPKLimits.maxNonZeros)"))
        }
        if let reason = NameRule.problem(with: name) { add(.badName("problem", name, reason)) }
        if !objectiveConstant.isFinite { add(.notFinite("objective constant", objectiveConstant)) }

        // Rows and columns have names of their own (GLPK indexes them apart).
        var seen = Set<String>(minimumCapacity: names ? rows.count : 0)
        func checkName(_ name: String, _ what: String) {
            if let reason = NameRule.problem(with: name) {
                add(.badName(what, name, reason))
            } else if !seen.insert(name).inserted {
                add(.duplicateName(what))
            }
        }
        for (i, row) in rows.enumerated() {
            var what: String { "row \(i) '\(row.name.prefix(40))'" }
            if names { checkName(row.name, what) }
            if let p = BoundRule.problem(lower: row.lower, upper: row.upper, integral: false) {
                add(.badBounds(what, p))
            }
        }
        seen = Set<String>(minimumCapacity: names ? columns.count : 0)
        for (j, col) in columns.enumerated() {
            var what: String { "column \(j) '\(col.name.prefix(40))'" }
            if names { checkName(col.name, what) }
            if let p = BoundRule.problem(lower: col.lower, upper: col.upper, integral: col.kind != .continuous) {
                add(.badBounds(what, p))
            }
            if col.kind == .binary && (col.lower < 0 || col.upper > 1) {
                add(.badBounds(what, "a binary column has bounds within [0, 1], found [\(col.lower), \(col.upper)]"))
            }
            if !col.cost.isFinite { add(.notFinite("cost of \(what)", col.cost)) }
        }
        if problems.isEmpty {
            // Duplicate (row, column) pairs are fatal in glp_load_matrix. The
            // coefficients are bucketed by column, then each column's rows
            // marked: linear time, and two Int arrays instead of a set of
            // every pair (tier XL: 6.7M coefficients).
            let n = columns.count
            var start = [Int](repeating: 0, count: n + 1)
            for (k, c) in coefficients.enumerated() {
                guard c.row >= 0, c.row < rows.count, c.column >= 0, c.column < n else {
                    add(
                        .indexOutOfRange(
                            "coefficient \(k) at (\(c.row), \(c.column)) with \(rows.count) rows and \(n) columns"))
                    continue
                }
                if !c.value.isFinite { add(.notFinite("coefficient \(k) at (\(c.row), \(c.column))", c.value)) }
                start[c.column + 1] += 1
            }
            if problems.isEmpty {
                for j in 0..<n { start[j + 1] += start[j] }
                var next = start
                var rowsOf = [Int](repeating: 0, count: coefficients.count)
                for c in coefficients {
                    rowsOf[next[c.column]] = c.row
                    next[c.column] += 1
                }
                var markedBy = [Int](repeating: -1, count: rows.count)
                for j in 0..<n {
                    for k in start[j]..<start[j + 1] {
                        let r = rowsOf[k]
                        if markedBy[r] == j {
                            add(.duplicateCoefficient(row: rows[r].name, column: columns[j].name))
                        }
                        markedBy[r] = j
                    }
                }
            }
        }
        if !problems.isEmpty { throw ModelError(problems: problems) }
    }
}

/// GLPK names: 1 to 255 bytes, no control characters (api/prob1.c; 256
/// bytes trips an internal assertion in 5.0, docs/solver-notes.md §1.5).
enum NameRule {
    static func problem(with name: String) -> String? {
        let bytes = name.utf8
        if bytes.isEmpty { return "a name needs at least 1 character" }
        if bytes.count > GLPKLimits.maxNameBytes {
            return "\(bytes.count) bytes, at most \(GLPKLimits.maxNameBytes) allowed"
        }
        if bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return "contains a control character" }
        return nil
    }
}

/// Bounds as GLPK can take them: no NaN, infinities only on the open side,
/// lower <= upper, integral on integer columns (docs/solver-notes.md §1.4).
/// The CLP backend checks its bounds by the same rule (`EditRule`).
enum BoundRule {
    static func problem(lower: Double, upper: Double, integral: Bool) -> String? {
        if lower.isNaN || upper.isNaN { return "NaN bound" }
        if lower == .infinity { return "lower bound is +infinity" }
        if upper == -.infinity { return "upper bound is -infinity" }
        if lower > upper { return "lower bound \(lower) exceeds upper bound \(upper)" }
        if integral {
            if lower.isFinite && lower.rounded() != lower {
                return "integer column with fractional lower bound \(lower)"
            }
            if upper.isFinite && upper.rounded() != upper {
                return "integer column with fractional upper bound \(upper)"
            }
        }
        return nil
    }
}

/// The checks both backends make of what is added or changed after a load
/// (GLPK's `Problem`, and CLP's): one rule each, so the engines refuse the same things.
public enum EditRule {
    /// A row to append: bounds as `BoundRule` takes them.
    public static func check(row: LinearProblem.Row) throws(SolverError) {
        if let why = BoundRule.problem(lower: row.lower, upper: row.upper, integral: false) {
            throw .invalidArgument("row '\(row.name)': \(why)")
        }
    }

    /// A column to append: continuous, bounds as `BoundRule` takes them, a finite cost.
    public static func check(column: LinearProblem.Column) throws(SolverError) {
        guard column.kind == .continuous else {
            throw .invalidArgument("column '\(column.name)': only continuous columns can be added")
        }
        if let why = BoundRule.problem(lower: column.lower, upper: column.upper, integral: false) {
            throw .invalidArgument("column '\(column.name)': \(why)")
        }
        guard column.cost.isFinite else {
            throw .invalidArgument("column '\(column.name)': cost \(column.cost) is not finite")
        }
    }

    /// The coefficients of one row or column to append, `label` naming it in
    /// messages ("row 'hold[p1]'", "row 3"): each index in 0..<indexCount and
    /// given once, each value finite. `seen` is shared by the lists of one
    /// call and moved on to the next list here.
    public static func check(
        coefficients: [(Int, Double)], of label: @autoclosure () -> String, indexWhat: String, indexCount: Int,
        seen: inout RepeatedIndex
    ) throws(SolverError) {
        seen.nextList()
        for (i, v) in coefficients {
            guard i >= 0, i < indexCount else {
                throw .invalidArgument("\(label()): \(indexWhat) \(i) out of range 0..<\(indexCount)")
            }
            guard v.isFinite else { throw .invalidArgument("\(label()): coefficient \(v) is not finite") }
            guard !seen.isRepeated(i) else { throw .invalidArgument("\(label()): \(indexWhat) \(i) given twice") }
        }
    }

    /// A bound change of row or column `change.index` of `count`.
    public static func check(_ change: BoundChange, count: Int, what: String, integral: Bool) throws(SolverError) {
        guard change.index >= 0, change.index < count else {
            throw .invalidArgument("\(what) \(change.index) out of range 0..<\(count)")
        }
        if let why = BoundRule.problem(lower: change.lower, upper: change.upper, integral: integral) {
            throw .invalidArgument("\(what) \(change.index): \(why)")
        }
    }

    /// Columns to delete from `count`: each in range and given once. Returns
    /// which go, by index.
    public static func doomed(_ columns: [Int], count: Int) throws(SolverError) -> [Bool] {
        var doomed = [Bool](repeating: false, count: count)
        for j in columns {
            guard j >= 0, j < count else { throw .invalidArgument("column \(j) out of range 0..<\(count)") }
            guard !doomed[j] else { throw .invalidArgument("column \(j) given twice") }
            doomed[j] = true
        }
        return doomed
    }

    /// A scale factor for row or column `index` of `count`: finite and above 0.
    public static func check(scaleFactor factor: Double, of index: Int, count: Int, what: String)
        throws(SolverError)
    {
        guard index >= 0, index < count else { throw .invalidArgument("\(what) \(index) out of range 0..<\(count)") }
        guard factor.isFinite, factor > 0 else {
            throw .invalidArgument("\(what) \(index): scale factor \(factor), expected > 0")
        }
    }

    /// Whether `basis`, which must have a status for every row and column,
    /// is a basis: as many basic variables as rows. An engine starts from a
    /// basis of its own choosing when it is not.
    public static func isBasis(_ basis: Basis, rowCount: Int, columnCount: Int) throws(SolverError) -> Bool {
        guard basis.rows.count == rowCount, basis.columns.count == columnCount else {
            throw .invalidArgument(
                "basis for \(basis.rows.count)x\(basis.columns.count), problem is \(rowCount)x\(columnCount)")
        }
        return basis.rows.filter { $0 == .basic }.count + basis.columns.filter { $0 == .basic }.count == rowCount
    }

    /// An objective coefficient of column `column` (-1: the constant term).
    public static func check(objective column: Int, cost: Double, columnCount: Int) throws(SolverError) {
        guard column >= -1, column < columnCount else {
            throw .invalidArgument("column \(column) out of range 0..<\(columnCount)")
        }
        guard cost.isFinite else {
            throw .invalidArgument("objective coefficient \(cost) of column \(column) is not finite")
        }
    }
}
