/// A linear or mixed-integer program as plain Swift data, ready to be loaded
/// into GLPK in bulk. Indices are 0-based here; the 1-based GLPK convention
/// lives only inside `Problem`.
///
/// Nothing in this value has touched GLPK: `validate()` checks every number,
/// index and name first, because GLPK aborts the process on misuse and accepts
/// NaN silently (docs/solver-notes.md §1).
public struct LinearProblem: Sendable, Equatable {
    public enum Sense: Sendable, Equatable { case minimize, maximize }

    public enum Kind: Sendable, Equatable { case continuous, integer, binary }

    public struct Column: Sendable, Equatable {
        public var name: String
        /// `-.infinity` for no lower bound.
        public var lower: Double
        /// `.infinity` for no upper bound.
        public var upper: Double
        public var cost: Double
        public var kind: Kind

        public init(
            name: String, lower: Double = 0, upper: Double = .infinity,
            cost: Double = 0, kind: Kind = .continuous
        ) {
            self.name = name
            self.lower = lower
            self.upper = upper
            self.cost = cost
            self.kind = kind
        }
    }

    public struct Row: Sendable, Equatable {
        public var name: String
        public var lower: Double
        public var upper: Double

        public init(name: String, lower: Double = -.infinity, upper: Double = .infinity) {
            self.name = name
            self.lower = lower
            self.upper = upper
        }
    }

    /// One non-zero of the constraint matrix.
    public struct Coefficient: Sendable, Equatable {
        public var row: Int
        public var column: Int
        public var value: Double

        public init(row: Int, column: Int, value: Double) {
            self.row = row
            self.column = column
            self.value = value
        }
    }

    public var name: String
    public var sense: Sense
    public var objectiveConstant: Double
    public var columns: [Column]
    public var rows: [Row]
    public var coefficients: [Coefficient]

    public init(
        name: String = "allot", sense: Sense = .minimize, objectiveConstant: Double = 0,
        columns: [Column] = [], rows: [Row] = [], coefficients: [Coefficient] = []
    ) {
        self.name = name
        self.sense = sense
        self.objectiveConstant = objectiveConstant
        self.columns = columns
        self.rows = rows
        self.coefficients = coefficients
    }

    public var isMixedInteger: Bool { columns.contains { $0.kind != .continuous } }
}
