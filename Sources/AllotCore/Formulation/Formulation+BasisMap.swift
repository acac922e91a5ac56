import LinearModel

extension Formulation {
    /// Where this model's rows and columns sit in another model of the same
    /// portfolio (a what-if's base of another shape), matched by name.
    struct Positions: Sendable {
        /// Per row of this model, its index in the other; nil when new.
        var rows: [Int?]
        /// Per column of this model, its index in the other; nil when new.
        var columns: [Int?]
        /// The other model's rows and columns.
        var otherRows: Int
        var otherColumns: Int
        /// Per column of the other, whether this model has it.
        var kept: [Bool]
        /// Per row of the other, its index in this model; nil when gone.
        var here: [Int?]
        /// The other's coefficients (shared, not copied).
        var otherCoefficients: [LinearProblem.Coefficient]
    }

    func positions(in other: Formulation) -> Positions {
        var rowIndex: [String: Int] = [:]
        rowIndex.reserveCapacity(other.model.rows.count)
        for (i, row) in other.model.rows.enumerated() { rowIndex[row.name] = i }
        var columnIndex: [String: Int] = [:]
        columnIndex.reserveCapacity(other.model.columns.count)
        for j in other.model.columns.indices { columnIndex[other.columnName(j)] = j }
        let rows = model.rows.map { rowIndex[$0.name] },
            columns = model.columns.indices.map { columnIndex[columnName($0)] }
        var kept = [Bool](repeating: false, count: other.model.columns.count)
        for case let j? in columns { kept[j] = true }
        var here = [Int?](repeating: nil, count: other.model.rows.count)
        for (i, r) in rows.enumerated() { if let r { here[r] = i } }
        return Positions(
            rows: rows, columns: columns, otherRows: other.model.rows.count, otherColumns: other.model.columns.count,
            kept: kept, here: here, otherCoefficients: other.model.coefficients)
    }

    /// Whether the first stage maximises (or minimises) the same thing in
    /// both models on the columns both have (a column that is gone or new,
    /// such as the hours of a person who leaves or is hired, does not
    /// count), column by column as `positions` matches them.
    func hasSameFirstObjective(as other: Formulation, positions: Positions) -> Bool {
        guard let a = stages.first, let b = other.stages.first, a.sense == b.sense else { return false }
        var theirs: [Int: Double] = [:]
        for (column, cost) in b.objective where positions.kept[column] { theirs[column, default: 0] += cost }
        var ours: [Int: Double] = [:]
        for (column, cost) in a.objective {
            if let j = positions.columns[column] { ours[j, default: 0] += cost }
        }
        return ours == theirs
    }

    /// A basis of the other model (one of its stages', with that stage's
    /// hold rows after the model's rows) carried to this model: rows and
    /// columns that both have keep their status, new rows are basic, new
    /// columns at their lower bound, hold rows keep theirs by position.
    /// Where one of the other's basic columns is gone, the slack of a row
    /// it had a coefficient in, kept here and non-basic, becomes basic in
    /// its place. Nil when that does not give as many basic variables as
    /// rows (a start that is not a basis); GLPK refuses a singular one, and
    /// the stage then starts as if it had none (`StageRun.solveStageLP`).
    func carried(_ basis: Basis, positions p: Positions) -> Basis? {
        guard basis.columns.count == p.otherColumns, basis.rows.count >= p.otherRows else { return nil }
        var rows = p.rows.map { $0.map { basis.rows[$0] } ?? .basic } + basis.rows[p.otherRows...]
        let columns = p.columns.map { $0.map { basis.columns[$0] } ?? .lower }
        var basic = rows.count { $0 == .basic } + columns.count { $0 == .basic }
        guard basic < rows.count else { return basic == rows.count ? Basis(rows: rows, columns: columns) : nil }
        // The other's basic columns that are gone, and the rows they had a coefficient in.
        var gone: [Int: [Int]] = [:]
        for j in basis.columns.indices where basis.columns[j] == .basic && !p.kept[j] { gone[j] = [] }
        for c in p.otherCoefficients where c.row < p.otherRows && gone[c.column] != nil {
            gone[c.column]!.append(c.row)
        }
        for j in gone.keys.sorted() {
            guard let r = gone[j]!.lazy.compactMap({ p.here[$0] }).first(where: { rows[$0] != .basic }) else {
                continue
            }
            rows[r] = .basic
            basic += 1
            if basic == rows.count { break }
        }
        return basic == rows.count ? Basis(rows: rows, columns: columns) : nil
    }
}
