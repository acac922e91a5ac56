/// Row and column scale factors: the engine solves R A S, with R and S the
/// diagonal matrices of `rows` and `columns`.
///
/// `automatic(for:)` is GLPK's automatic scaling (`glp_scale_prob` with
/// `GLP_SF_AUTO`, GLPK's scale.c) computed in Swift over a whole model, so
/// that an engine holding only some of the columns (`ColumnSubset`) solves
/// with the factors it would have had holding all of them: iterated
/// geometric-mean scaling (at most 15 rounds, while a round improves the
/// ratio max |a_ij| / min |a_ij| by 10% or more), then equilibration; none
/// at all when every |a_ij| is already within [0.1, 10]. An empty row or
/// column counts as 1 in every minimum and maximum, as in GLPK. The
/// arithmetic is GLPK's, in its order, so the factors are GLPK's to the bit
/// (`ProblemTests`).
public struct ScaleFactors: Sendable, Equatable {
    public var rows: [Double]
    public var columns: [Double]

    public init(rows: [Double], columns: [Double]) {
        self.rows = rows
        self.columns = columns
    }

    public static func automatic(for model: LinearProblem) -> ScaleFactors {
        var matrix = Matrix(model)
        return matrix.scale()
    }

    /// The non-zeros of a model as flat arrays, with the factors being built.
    private struct Matrix {
        let row: [Int32]
        let column: [Int32]
        let magnitude: [Double]
        var r: [Double]
        var s: [Double]

        init(_ model: LinearProblem) {
            var row: [Int32] = [], column: [Int32] = [], magnitude: [Double] = []
            row.reserveCapacity(model.coefficients.count)
            column.reserveCapacity(model.coefficients.count)
            magnitude.reserveCapacity(model.coefficients.count)
            // GLPK keeps no zero element.
            for c in model.coefficients where c.value != 0 {
                row.append(Int32(c.row))
                column.append(Int32(c.column))
                magnitude.append(abs(c.value))
            }
            self.row = row
            self.column = column
            self.magnitude = magnitude
            r = [Double](repeating: 1, count: model.rows.count)
            s = [Double](repeating: 1, count: model.columns.count)
        }

        /// Smallest and largest scaled |a_ij| of each row (1 and 1 when empty).
        func rowExtremes() -> (min: [Double], max: [Double]) {
            extremes(count: r.count, of: row)
        }

        func columnExtremes() -> (min: [Double], max: [Double]) {
            extremes(count: s.count, of: column)
        }

        private func extremes(count: Int, of line: [Int32]) -> (min: [Double], max: [Double]) {
            var low = [Double](repeating: .infinity, count: count)
            var high = [Double](repeating: -.infinity, count: count)
            for k in magnitude.indices {
                let v = magnitude[k] * (r[Int(row[k])] * s[Int(column[k])])
                let i = Int(line[k])
                if v < low[i] { low[i] = v }
                if v > high[i] { high[i] = v }
            }
            for i in 0..<count where low[i] == .infinity {
                low[i] = 1
                high[i] = 1
            }
            return (low, high)
        }

        /// The worst max / min over the rows (or columns): 1 when there are none.
        static func worstRatio(_ e: (min: [Double], max: [Double])) -> Double {
            var ratio = 1.0
            for i in e.min.indices {
                let t = e.max[i] / e.min[i]
                if i == 0 || ratio < t { ratio = t }
            }
            return ratio
        }

        /// The smallest and largest scaled |a_ij| over the rows (GLPK's
        /// min_mat_aij and max_mat_aij, empty rows counting as 1).
        func matrixExtremes() -> (min: Double, max: Double) {
            let e = rowExtremes()
            var low = 1.0, high = 1.0
            for i in e.min.indices {
                if i == 0 || low > e.min[i] { low = e.min[i] }
                if i == 0 || high < e.max[i] { high = e.max[i] }
            }
            return (low, high)
        }

        mutating func scale() -> ScaleFactors {
            let (low, high) = matrixExtremes()
            if low >= 0.10 && high <= 10.0 { return ScaleFactors(rows: r, columns: s) }
            // Iterated geometric mean.
            let rowsFirst = !(Self.worstRatio(rowExtremes()) > Self.worstRatio(columnExtremes()))
            var ratio = 0.0
            for k in 1...15 {
                let previous = ratio
                let (low, high) = matrixExtremes()
                ratio = high / low
                if k > 1 && ratio > 0.90 * previous { break }
                for pass in 0...1 {
                    if (pass == 0) == rowsFirst {
                        let e = rowExtremes()
                        for i in r.indices { r[i] = r[i] / (e.min[i] * e.max[i]).squareRoot() }
                    } else {
                        let e = columnExtremes()
                        for j in s.indices { s[j] = s[j] / (e.min[j] * e.max[j]).squareRoot() }
                    }
                }
            }
            // Equilibration.
            let rowsFirstNow = !(Self.worstRatio(rowExtremes()) > Self.worstRatio(columnExtremes()))
            for pass in 0...1 {
                if (pass == 0) == rowsFirstNow {
                    let e = rowExtremes()
                    for i in r.indices { r[i] = r[i] / e.max[i] }
                } else {
                    let e = columnExtremes()
                    for j in s.indices { s[j] = s[j] / e.max[j] }
                }
            }
            return ScaleFactors(rows: r, columns: s)
        }
    }
}
