import Foundation
import GLPK
import Testing

@testable import AllotCore

/// staff.csv `paid`: hours (per hour worked) or capacity (for every hour of capacity).
@Suite struct PaidCapacityTests {
    static let staff =
        "id,name,email,cost_per_hour,hours_per_week,skills,start,end,paid\n"
        + "alice,,,100,40,swift:3,,,capacity\nbob,,,60,40,swift:3,,,hours\n"

    func plan(budget: String) throws -> Plan {
        let path = try PlanFixture.folder([
            "allot.yaml": PlanFixture.oneWeek, "staff.csv": Self.staff,
            "projects.csv": PlanFixture.projectsHeader + "apollo,,1,,,\(budget)\n",
            "demand.csv": PlanFixture.demandHeader + "apollo,swift,,30,,,\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let portfolio = try Dataset.load(from: path).validate().get()
        return try Planner.plan(portfolio, options: Planner.Options(solver: GLPKSolver())).plan
    }

    /// alice (100/h) is paid for her 40 h whatever she works; bob (60/h) per
    /// hour. apollo needs 30 h. Her hours cost nothing more, so she does all
    /// 30: fixed 100 x 40 = 4,000, of which idle 100 x (40 - 30) = 1,000;
    /// variable 0; total 4,000 (paid per hour, bob at 30 x 60 = 1,800 would
    /// have been the optimum).
    @Test func aCapacityPaidPersonCostsHerCapacityAndWorksFirst() throws {
        let plan = try plan(budget: "")
        #expect(close(plan.staffed(1), 30))
        #expect(close(plan.hours("alice", "apollo"), 30))
        #expect(close(plan.cost.fixed, 4000))
        #expect(close(plan.cost.idle, 1000))
        #expect(close(plan.cost.variable, 0))
        #expect(close(plan.cost.total, 4000))
    }

    /// A budget of 2,000 charges every planned hour at base rate, alice's too:
    /// 100 a + 60 b <= 2,000 with a + b = 30 gives b >= 25. Cheapest: b = 25,
    /// a = 5. Cost: fixed 4,000 (idle 100 x 35 = 3,500) + variable 25 x 60 =
    /// 1,500 = 5,500; the budget is spent in full (500 + 1,500).
    @Test func budgetsChargeCapacityPaidHoursAtBaseRate() throws {
        let plan = try plan(budget: "2000")
        #expect(close(plan.staffed(1), 30))
        #expect(close(plan.hours("alice", "apollo"), 5))
        #expect(close(plan.hours("bob", "apollo"), 25))
        #expect(close(plan.cost.idle, 3500))
        #expect(close(plan.cost.variable, 1500))
        #expect(close(plan.cost.total, 5500))
        #expect(plan.budgets.first?.exhausted == true)
    }
}
