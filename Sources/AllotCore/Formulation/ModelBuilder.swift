import LinearModel

/// Appends rows, columns and coefficients to a `LinearProblem` in the order
/// they are asked for. The order is part of the contract: it fixes the
/// column and row indices, the LP/MPS text, and the path the simplex takes,
/// so the same dataset always gives the same plan.
struct ModelBuilder {
    var model = LinearProblem(name: "allot")

    var columnCount: Int { model.columns.count }
    var rowCount: Int { model.rows.count }

    /// Appends a column and returns its index.
    mutating func column(
        _ name: String, lower: Double = 0, upper: Double = .infinity,
        kind: LinearProblem.Kind = .continuous
    ) -> Int {
        model.columns.append(.init(name: name, lower: lower, upper: upper, kind: kind))
        return model.columns.count - 1
    }

    /// Appends a row (no coefficients yet) and returns its index.
    mutating func row(_ name: String, lower: Double = -.infinity, upper: Double = .infinity) -> Int {
        model.rows.append(.init(name: name, lower: lower, upper: upper))
        return model.rows.count - 1
    }

    /// The model, its arrays copied at their size (`Array.compacted`).
    var finished: LinearProblem {
        var m = LinearProblem(name: model.name, sense: model.sense, objectiveConstant: model.objectiveConstant)
        m.columns = model.columns.compacted()
        m.rows = model.rows.compacted()
        m.coefficients = model.coefficients.compacted()
        return m
    }

    mutating func set(row: Int, column: Int, _ value: Double) {
        model.coefficients.append(.init(row: row, column: column, value: value))
    }
}
