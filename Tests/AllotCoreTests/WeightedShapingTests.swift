import Foundation
import GLPK
import Testing

@testable import AllotCore

/// Shaping after `objective: weighted` holds each priority's staffed hours
/// and the cost, as the spec holds them ("staffed hours per priority never
/// change; the cost changes only within the tolerance"), not the weighted sum:
/// held within its relative tolerance of 1e-8, that sum (about 5.9e9 on
/// acme: 301,000 x 12,408.6 h of priority 1 alone) let shaping spend 59.45
/// EUR more than the weighted optimum's cost.
@Suite struct WeightedShapingTests {
    static let staffed = [12_408.6, 16_512, 5_996, 2_840.4]

    static func acme(objective: Settings.Objective, shaping: Bool, tolerance: Double = 0) throws -> Plan {
        let folder = packageRoot.appendingPathComponent("datasets/acme").path
        guard case .success(var portfolio) = try Dataset.load(from: folder).validate() else {
            throw CancellationError()
        }
        portfolio.settings.shapingEnabled = shaping
        portfolio.settings.shapingCostTolerancePercent = tolerance
        return try Planner.plan(portfolio, options: Planner.Options(solver: GLPKSolver(), objective: objective)).plan
    }

    /// acme's optimum (glpsol agrees, docs/how-it-works.md): priorities 12,408.6 /
    /// 16,512 / 5,996 / 2,840.4 h and a cost of 4,054,424.39 EUR, which the
    /// weighted solve reaches too (an unmet hour costs more than any way to
    /// staff it). Shaped, the weighted plan keeps those hours and the cost
    /// within the holds' relative 1e-8 (0.000124 h of priority 1's 12,408.6,
    /// 4 cents of the cost), as a lexicographic plan's shaping does; it used to
    /// end at 4,054,483.85 EUR.
    @Test func shapingAWeightedPlanKeepsEachPriorityAndTheCost() throws {
        let unshaped = try Self.acme(objective: .weighted, shaping: false)
        let shaped = try Self.acme(objective: .weighted, shaping: true)
        for (plan, expected) in zip(unshaped.coverage, Self.staffed) {
            #expect(abs(plan.staffed - expected) <= 1e-9 * expected, "priority \(plan.priority)")
        }
        for (a, b) in zip(unshaped.coverage, shaped.coverage) {
            #expect(abs(a.staffed - b.staffed) <= 1e-8 * a.staffed + 1e-9, "priority \(a.priority)")
        }
        #expect(abs(unshaped.cost.total - 4_054_424.39) <= 0.05)
        #expect(abs(shaped.cost.total - unshaped.cost.total) <= 1e-8 * 4_054_424.39 + 0.005)
        // And it is shaped: at most 6 projects per person (8 unshaped).
        #expect(unshaped.shape.mostProjects == 8)
        #expect(shaped.shape.mostProjects == 6)
    }

    /// `shaping.cost_tolerance_percent` now applies to a weighted plan's cost
    /// as to a lexicographic one's: 1% of 4,054,424.39 EUR is 40,544.24 EUR,
    /// which shaping may spend, no more, and no priority loses an hour.
    @Test func theCostToleranceAppliesToAWeightedPlan() throws {
        let shaped = try Self.acme(objective: .weighted, shaping: true, tolerance: 1)
        for (plan, expected) in zip(shaped.coverage, Self.staffed) {
            #expect(abs(plan.staffed - expected) <= 1e-8 * expected + 1e-9, "priority \(plan.priority)")
        }
        #expect(shaped.cost.total <= 4_054_424.39 * 1.01 + 0.05)
        // The lexicographic plan spends all of it (bench/NOTES.md, session 4: 4,094,969 EUR); the weighted
        // one did not see the tolerance and stayed at +59.45 EUR.
        #expect(shaped.cost.total > 4_054_424.39 + 1_000)
    }
}

/// The weights of `objective: weighted` outweigh the stability penalty.
@Suite struct WeightedStabilityTests {
    /// alice (swift, 40 h, 100/h) is committed, unlocked, to 30 h of zeus
    /// (priority 2); apollo (priority 1) asks 20 h. Lexicographic: apollo 20,
    /// zeus 20 (10 h moved off her commitment). With stability 5,000 per
    /// hour moved and the weights before (B = 1 + 2 x 1.5 x 100 = 301,
    /// priority 1 3,010 an hour), leaving 10 h of apollo unmet (30,100)
    /// beat moving 10 h (50,000 + zeus's 10 unmet h at 301): weighted
    /// staffed apollo 10 h. B = 1 + 2 x (1.5 x 100 + 5,000) = 10,301 puts an
    /// unmet priority-1 hour at 103,010: apollo 20, zeus 20, as lexicographic.
    @Test func stabilityDoesNotOutweighAPriority() throws {
        let plan = try PlanFixture.plan(
            manifest: PlanFixture.oneWeek
                + "policies: {overtime: {max_percent: 0, premium: 1.5}, stability: 5000}\nobjective: weighted\n",
            staff: "alice,,,100,,swift:3,,\n", projects: "apollo,,1,,,\nzeus,,2,,,\n",
            demand: "apollo,swift,,20,,,\nzeus,swift,,30,,,\n",
            extra: [
                "commitments.csv": "staff_id,project_id,skill,start,end,hours_per_week,locked\n"
                    + "alice,zeus,swift,2027-01-04,2027-01-10,30,false\n"
            ])
        #expect(close(plan.staffed(1), 20))
        #expect(close(plan.staffed(2), 20))
        #expect(plan.weights == [1: 103_010, 2: 10_301])
    }
}

/// What `weighted`'s weights guarantee and what they do not
/// (docs/how-it-works.md, "Weighted objective").
@Suite struct WeightedLimitsTests {
    /// One week, one priority, a budget of 900 for 40 h of dev; cap (100/h,
    /// paid for capacity) and hr (90/h, per hour). The weight is B = 1 + 2 x
    /// 1.5 x 100 = 301. Lexicographic staffs the most hours the budget
    /// allows: hr's 10 h (900 EUR), cost 4,000 (cap's capacity) + 900 =
    /// 4,900. Weighted lets cap work 9 h (900 of budget at no cost in the
    /// objective): 9 h staffed, 4,000 EUR. One more hour would cost 900, more
    /// than its weight: the documented limit of weighted.
    @Test func aBudgetSpentByCapacityPaidHoursIsALimitOfWeighted() throws {
        func plan(_ objective: String) throws -> Plan {
            let path = try PlanFixture.folder([
                "allot.yaml": "horizon: {start: 2027-03-01, end: 2027-03-05, period: week}\nobjective: \(objective)\n",
                "staff.csv": "id,cost_per_hour,skills,paid\ncap,100,dev:3,capacity\nhr,90,dev:3,hours\n",
                "projects.csv": "id,priority,budget\np,1,900\n",
                "demand.csv": "project_id,skill,hours_per_week\np,dev,40\n",
            ])
            defer { try? FileManager.default.removeItem(atPath: path) }
            let portfolio = try Dataset.load(from: path).validate().get()
            return try Planner.plan(portfolio, options: Planner.Options(solver: GLPKSolver())).plan
        }
        let lexicographic = try plan("lexicographic")
        #expect(close(lexicographic.staffed(1), 10))
        #expect(close(lexicographic.cost.total, 4900))
        let weighted = try plan("weighted")
        #expect(close(weighted.staffed(1), 9))
        #expect(close(weighted.cost.total, 4000))
    }
}
