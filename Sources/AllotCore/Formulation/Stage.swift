import Foundation
import LinearModel

/// One objective of the staged solve (docs/how-it-works.md, "Stages").
public struct Stage: Sendable {
    public enum Kind: Sendable, Hashable {
        /// Maximise the staffed hours of one priority.
        case priority(Int)
        /// Minimise cost (base + overtime premium + stability) with everything above held.
        case cost
        /// `objective: weighted`: one solve over unmet hours and cost.
        case weighted
    }

    public var kind: Kind
    public var sense: LinearProblem.Sense
    /// Non-zero objective coefficients.
    public var objective: [(column: Int, cost: Double)]
    /// Constant added to the objective (locked contributions, for reporting).
    public var constant: Double
    /// A bound on the objective (without the constant) that takes no solve:
    /// a priority staffs at most the hours its cells with columns ask, and a
    /// cost is at least its part no column changes (fixed and locked pay).
    /// The gap of a stage that a time limit stopped before any LP or search
    /// gave it a bound (a plan stopped by its limit gives its gap).
    public var knownBound: Double? = nil

    /// The objective at the plan `x`, without the constant (the solver's value).
    public func value(at x: [Double]) -> Double { objective.reduce(0.0) { $0 + $1.cost * x[$1.column] } }

    /// The relative gap of a plan at `z` (without the constant) to `bound`,
    /// or to `knownBound` when the stage proved none, measured on the
    /// objective the stage reports (with its constant); nil without a bound,
    /// or at 0 against one.
    public func gap(at z: Double, bound: Double?) -> Double? {
        (bound ?? knownBound).flatMap { SolveResult.relativeGap(z, bound: $0, offset: constant) }
    }

    /// The objective's largest |coefficient| (GLPK's optimality tolerance scales with it).
    public var largestCost: Double { objective.reduce(0) { max($0, abs($1.cost)) } }

    public var name: String {
        switch kind {
        case .priority(let p): return "priority-\(p)"
        case .cost: return "cost"
        case .weighted: return "weighted"
        }
    }

    /// Relative tolerance with which a finished stage's optimum is held:
    /// hold >= z - holdTolerance * max(1, |z|) (or <= z + ... when minimising).
    /// Small enough to vanish in the 2-decimal outputs, large enough for the
    /// solver's 1e-7 feasibility tolerance.
    public static let holdTolerance = 1e-8

    /// The row that holds this stage at its optimum `z` (without the
    /// constant) in every later stage: `name` is `hold[stage]`.
    /// `allowance` widens the hold beyond the tolerance (shaping's
    /// cost_tolerance_percent, as an amount of the objective's unit).
    ///
    /// `normalized`: the row divided by a power of two that brings its
    /// largest coefficient to at most 1, when it is above `largestHeldAsIs`
    /// (an exact division: the same constraint). Held as it was, the
    /// weighted objective (coefficients up to 451,000 on bench tier XL) left
    /// GLPK a basis too ill-conditioned to factorise (condition numbers of
    /// 1e13): shaping failed. The closing stages now hold a weighted plan's
    /// parts instead (`StageRun.closingHolds`), so this serves cost rows of
    /// rates above 1,024 an hour (a currency such as the yen). Only for rows
    /// nothing changes after they are added (shaping's and the closing
    /// stage's); the priority stages' holds, whose bounds a MIP stage moves,
    /// are written as they are.
    public func holdRow(at z: Double, allowance: Double = 0, normalized: Bool = false)
        -> (row: LinearProblem.Row, coefficients: [(column: Int, value: Double)])
    {
        let slack = Stage.holdTolerance * max(1, abs(z)) + allowance
        let scale = normalized && largestCost > Stage.largestHeldAsIs ? exp2(-ceil(log2(largestCost))) : 1
        let row = LinearProblem.Row(
            name: "hold[\(name)]",
            lower: sense == .maximize ? (z - slack) * scale : -.infinity,
            upper: sense == .maximize ? .infinity : (z + slack) * scale)
        return (row, objective.map { ($0.column, $0.cost * scale) })
    }

    /// The largest coefficient a normalized hold row keeps as it is: 1,024,
    /// above any hourly rate of the bench tiers and datasets/, so their cost
    /// holds (and their plans) are unchanged.
    public static let largestHeldAsIs = 1024.0

    /// The bound a hold row at optimum `z` gets (the same as `holdRow`'s).
    public func heldLowerBound(at z: Double) -> Double { z - Stage.holdTolerance * max(1, abs(z)) }
}

extension Formulation {
    /// The stages of the manifest's objective: per priority then cost
    /// (lexicographic), or one weighted solve.
    ///
    /// `parts`: for `weighted`, the lexicographic stages its objective sums
    /// (each priority's staffed hours, then the cost): the closing stages
    /// hold each of them at the weighted optimum's value, as the spec holds
    /// a lexicographic plan's, rather than the weighted sum, whose relative
    /// tolerance on a sum of billions let shaping spend 59 EUR more on acme
    /// (and trade 1.3 h of priority 4 for cost on bench tier XL). Empty for
    /// `lexicographic`, whose stages are those parts.
    static func stages(
        _ instance: Instance, hours: HoursColumns, locked: LockedPools, capacity: CapacityRows,
        stability: Stability
    ) -> (stages: [Stage], weights: [Int: Double], parts: [Stage]) {
        let settings = instance.settings
        // A person paid per hour costs the rate per hour worked, overtime
        // (premium - 1) x rate more; a person paid for capacity costs rate x
        // capacity whatever they work (a constant), and each overtime hour
        // premium x rate.
        let paidForCapacity = instance.staff.map { $0.paid == .capacity }
        let lockedBase = instance.locked.reduce(0.0) {
            $0 + (paidForCapacity[$1.staff] ? 0 : $1.held * instance.staff[$1.staff].costPerHour)
        }
        let fixed = instance.fixedCost
        var cost: [(column: Int, cost: Double)] = hours.enumerated.compactMap { j, h in
            paidForCapacity[h.staff] ? nil : (j, instance.staff[h.staff].costPerHour)
        }
        for o in capacity.overtime {
            let factor = settings.overtimeCostFactor(instance.staff[o.staff].paid)
            let premium = factor * instance.staff[o.staff].costPerHour
            if premium > 0 { cost.append((o.column, premium)) }
        }
        if !stability.costs.isEmpty { cost = merged(cost + stability.costs) }
        let constant = lockedBase + fixed + stability.constant
        // What the cells that have a demand row ask, per priority: no plan staffs more.
        var staffable: [Int: Double] = [:]
        for cell in instance.cells where !hours.ofCell[cell.id].isEmpty || !locked.ofCell[cell.id].isEmpty {
            staffable[cell.priority, default: 0] += cell.requested
        }
        var lexicographic: [Stage] = instance.priorities.map { priority in
            let columns =
                hours.enumerated.filter { instance.cells[$0.1.cell].priority == priority }.map(\.0)
                + locked.serves.filter { instance.cells[$0.cell].priority == priority }.map(\.column)
            return Stage(
                kind: .priority(priority), sense: .maximize, objective: columns.map { ($0, 1.0) },
                constant: 0, knownBound: staffable[priority] ?? 0)
        }
        // Hours cost their rate or more, and the stability penalty is a sum
        // of distances: the cost is at least its constant less stability's.
        lexicographic.append(
            Stage(
                kind: .cost, sense: .minimize, objective: cost, constant: constant,
                knownBound: -stability.constant))
        switch settings.objective {
        case .lexicographic:
            return (lexicographic, [:], [])
        case .weighted:
            let weights = Formulation.weights(instance)
            var objective = cost
            for (j, h) in hours.enumerated { objective.append((j, -weights[instance.cells[h.cell].priority]!)) }
            for serve in locked.serves {
                objective.append((serve.column, -weights[instance.cells[serve.cell].priority]!))
            }
            let demanded = instance.cells.reduce(0.0) { $0 + weights[$1.priority]! * $1.requested }
            let staffed = staffable.sorted { $0.key < $1.key }.reduce(0.0) { $0 + weights[$1.key]! * $1.value }
            return (
                [
                    Stage(
                        kind: .weighted, sense: .minimize, objective: merged(objective),
                        constant: demanded + constant, knownBound: -stability.constant - staffed)
                ], weights, lexicographic
            )
        }
    }

    /// Terms on one column added up, in column order.
    static func merged(_ terms: [(column: Int, cost: Double)]) -> [(column: Int, cost: Double)] {
        Dictionary(terms.map { ($0.column, $0.cost) }, uniquingKeysWith: +).sorted { $0.key < $1.key }
            .map { ($0.key, $0.value) }
    }

    /// The most priorities `weighted` takes: its weights span 10^(N-1), and
    /// GLPK tests reduced costs against 1e-7 after dividing the objective by
    /// max|c| / 1000, i.e. 1e-10 of the largest weight. With 8 priorities the
    /// smallest weight is 1e-7 of the largest, a margin of 1,000 over that;
    /// with 11 (acme renumbered 1..11) GLPK dropped the lowest priorities
    /// and still said optimal. More are refused (exit 65).
    public static let weightedPriorityLimit = 8

    /// `objective: weighted`: an unmet hour of the r-th most important
    /// priority (r = 1, 2, ...) of N costs B * 10^(N - r), where
    /// B = 1 + 2 * (premium * (highest hourly rate) + stability). Staffing an
    /// hour costs at most premium x rate, plus the stability penalty of the
    /// hour itself and of the committed hour it may displace (2 x
    /// stability), so an unmet hour costs more than staffing it directly
    /// with anyone, and an hour of a priority is worth ten hours of the next
    /// one. A chain of changes (a spent budget moved from a person paid for
    /// capacity to one paid per hour, a committed person moved and replaced)
    /// can cost more than B per hour gained, and weighted then leaves the
    /// hour unmet (docs/how-it-works.md, "Weighted objective"). (Without the stability term, `stability: 1000` outweighed
    /// priority 3's weight of 301 on tiny, and weighted left it at 0 h where
    /// lexicographic staffed 20 h.)
    public static func weights(_ instance: Instance) -> [Int: Double] {
        let priorities = instance.priorities
        let topRate = instance.staff.map(\.costPerHour).max() ?? 0
        let base = 1 + 2 * (instance.settings.overtimePremium * topRate + instance.settings.stability)
        var weights: [Int: Double] = [:]
        for (r, p) in priorities.enumerated() {
            var w = base
            for _ in 0..<(priorities.count - 1 - r) { w *= 10 }
            weights[p] = w
        }
        return weights
    }
}
