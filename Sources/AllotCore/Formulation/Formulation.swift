import LinearModel

/// The linear program for one instance (docs/how-it-works.md), built family
/// by family, with stable row and column names, and the objectives of its
/// stages. Each family is one unit that appends its rows and columns and
/// keeps their indices:
///
/// | family | rows, columns | file |
/// |---|---|---|
/// | hours | `hours[s,line,t]` | Families/HoursColumns.swift |
/// | capacity, overtime | `capacity[s,t]`, `overtime[s,t]` | Families/CapacityRows.swift |
/// | locked pools | `lockedpool[p,skill,t]`, `locked[cell@t]` | Families/LockedPools.swift |
/// | demand | `demand[cell]` | Families/DemandRows.swift |
/// | budget | `budget[p]` | Families/BudgetRows.swift |
/// | project limit (MIP) | `assigned[s,p]`, `projects[s]`, `link[s,p,t]` | Families/ProjectLimit.swift |
/// | minimum hours (MIP) | `works[s,p,t]`, `most[...]`, `least[...]` | Families/MinimumHours.swift |
/// | stability | `stable[...]`, `moved[...]` | Families/Stability.swift |
/// | holds (while solving) | `hold[stage]` | Stage.swift, Solving/StagedSolver.swift |
///
/// The order in which families append is fixed: it decides every index.
public struct Formulation: Sendable {
    public let model: LinearProblem
    public let hours: HoursColumns
    public let capacity: CapacityRows
    public let lockedPools: LockedPools
    public let demand: DemandRows
    public let budget: BudgetRows
    public let stages: [Stage]
    /// The plan's rows (person, project, skill, period) and their columns.
    public let assignmentGroups: AssignmentGroups
    /// The binary columns of max_projects_per_person and min_hours_per_assignment.
    public let integerColumns: [Int]
    /// Objective weight per priority (`weighted` only).
    public let weights: [Int: Double]
    /// What a closing stage holds after a `weighted` solve: each priority's
    /// staffed hours and the cost (`Formulation.stages`); empty otherwise.
    let weightedParts: [Stage]
    let policies: PolicyIndex
    /// The two MIP policies' binaries and what they govern (nil when off).
    let projectLimit: ProjectLimit?
    let minimumHours: MinimumHours?
    let stability: Stability
    /// Pairs and periods of the hours columns for the shaping stage (empty when it is off).
    let shaping: ShapingIndex
    /// The shaping stage's settings: whether it runs, and the cost tolerance in percent.
    public let shapingEnabled: Bool
    public let shapingCostTolerancePercent: Double

    public var isMixedInteger: Bool { !integerColumns.isEmpty }

    /// `shaping: false` leaves out the shaping index even when the dataset
    /// shapes (compare's scenarios close on the base plan instead).
    public init(_ instance: Instance, shaping: Bool = true) {
        let settings = instance.settings
        var b = ModelBuilder()
        let hours = HoursColumns(instance, into: &b)
        let capacity = CapacityRows(instance, hours: hours, into: &b)
        let locked = LockedPools(instance, into: &b)
        let demand = DemandRows(instance, hours: hours, locked: locked, into: &b)
        let budget = BudgetRows(instance, hours: hours, into: &b)
        let groups = AssignmentGroups(instance, hours: hours)
        let policies = PolicyIndex(instance, hours: hours, lockedOnCell: locked.onCell)
        let projectLimit = settings.maxProjectsPerPerson.map {
            ProjectLimit(instance, limit: $0, index: policies, into: &b)
        }
        let minimumHours = settings.minHoursPerAssignment.flatMap {
            $0 > 0 ? MinimumHours(instance, minimum: $0, index: policies, into: &b) : nil
        }
        let integerColumns = (projectLimit?.columns ?? []) + (minimumHours?.columns ?? [])
        // With no unlocked commitment in the horizon every planned hour
        // differs from them: the penalty is on every hour, not 0.
        let stability =
            settings.stability > 0 ? Stability(instance, groups: groups, into: &b) : Stability()
        let (stages, weights, parts) = Formulation.stages(
            instance, hours: hours, locked: locked, capacity: capacity,
            stability: stability)
        self.model = b.finished
        self.hours = hours
        self.capacity = capacity
        self.lockedPools = locked
        self.demand = demand
        self.budget = budget
        self.stages = stages
        self.assignmentGroups = groups
        self.integerColumns = integerColumns
        self.weights = weights
        self.weightedParts = parts
        self.policies = policies
        self.projectLimit = projectLimit
        self.minimumHours = minimumHours
        self.stability = stability
        self.shapingEnabled = settings.shapingEnabled
        self.shapingCostTolerancePercent = settings.shapingCostTolerancePercent
        self.shaping = settings.shapingEnabled && shaping ? ShapingIndex(instance, hours: hours) : ShapingIndex()
    }

    /// The name of column j: the hours columns' are made on use.
    public func columnName(_ j: Int) -> String {
        hours.columns.contains(j) ? hours.name(of: j) : model.columns[j].name
    }

    /// The model with every column named, for the writers (LP, MPS) and
    /// what checks names: `model` leaves the hours columns unnamed.
    public var namedModel: LinearProblem {
        var named = model
        for j in hours.columns { named.columns[j].name = hours.name(of: j) }
        return named
    }

    /// Same rows and columns, by name and in order, and the same stages: a
    /// basis of one fits the other (bounds, costs and coefficients may differ).
    public func hasSameShape(as other: Formulation) -> Bool {
        model.columns.count == other.model.columns.count && model.rows.count == other.model.rows.count
            && stages.map(\.name) == other.stages.map(\.name)
            && zip(model.rows, other.model.rows).allSatisfy { $0.name == $1.name }
            && model.columns.indices.allSatisfy { columnName($0) == other.columnName($0) }
    }

    /// The first stage maximises (or minimises) the same thing in both.
    public func hasSameFirstObjective(as other: Formulation) -> Bool {
        guard let a = stages.first, let b = other.stages.first, a.sense == b.sense,
            a.objective.count == b.objective.count
        else {
            return false
        }
        return zip(a.objective, b.objective).allSatisfy { $0.column == $1.column && $0.cost == $1.cost }
    }
}

extension Formulation {
    /// Plan `x` with each `overtime[s,t]` and `moved[...]` column at the
    /// least its row allows, max(0, the hours above the row's bound): what
    /// the plan's hours cost. A priority stage leaves those columns anywhere
    /// above that (they cost nothing there), so a cost stage that keeps the
    /// plan before (a MIP stage stopped by its time limit) counted overtime
    /// nobody works: acme with the block policies and 10 s reported a cost
    /// stage of 3,987,403 EUR for a plan whose hours cost 3,959,183.
    public func tightened(_ x: [Double]) -> [Double] {
        var x = x
        for o in capacity.overtime {
            guard let row = capacity.rowOf[o.staff][o.period] else { continue }
            let worked = hours.ofPersonPeriod[o.staff][o.period].reduce(0.0) { $0 + x[$1] }
            x[o.column] = min(x[o.column], max(0, worked - model.rows[row].upper))
        }
        for m in stability.moved {
            let hours = m.columns.reduce(0.0) { $0 + x[$1] }
            x[m.column] = min(x[m.column], max(0, hours - m.target))
        }
        return x
    }
}
