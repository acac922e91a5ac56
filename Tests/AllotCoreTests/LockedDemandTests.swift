import Foundation
import GLPK
import Testing

@testable import AllotCore

/// Locked hours count against the matching demand (same project, skill and
/// period): every plan serves as much demand with them as they can
/// (`LockedFlow`, `LockedPools`), even where a policy would rather spend
/// their room on someone else's block.
@Suite struct LockedDemandTests {
    static let commitments = "staff_id,project_id,skill,start,end,hours_per_week,locked\n"

    /// apollo (P1) asks 10 h of swift in one week, blocks of 8 h; alice
    /// (10/h, `aliceHours` a week) and bob (100/h, 6 h a week) have swift,
    /// and bob is locked to apollo for his 6 h.
    static func apollo(aliceHours: String) throws -> Plan {
        try PlanFixture.plan(
            manifest: PolicyTests.manifest("min_hours_per_assignment: 8"),
            staff: "alice,,,10,\(aliceHours),swift:3,,\nbob,,,100,6,swift:3,,\n", projects: "apollo,,1,,,\n",
            demand: "apollo,swift,,10,,,\n",
            extra: ["commitments.csv": Self.commitments + "bob,apollo,swift,2027-01-04,2027-01-10,6,true\n"])
    }

    /// bob's 6 locked hours count against the 10 h, so 4 h are left; a
    /// block asks min(8, 4) = 4 h of what they leave, so alice gives those
    /// 4: P1 10 h, cost 6 x 100 + 4 x 10 = 640. (The plan used to give alice
    /// 8 h and leave 4 of bob's locked hours serving nothing: 680 EUR; with
    /// the locked hours counted but the block taken of the whole 10 h it
    /// would give alice nothing and staff 6 h.)
    @Test func aBlockServesWhatLockedHoursLeave() throws {
        let plan = try Self.apollo(aliceHours: "")
        #expect(close(plan.staffed(1), 10))
        #expect(close(plan.hours("alice", "apollo"), 4))
        #expect(close(plan.hours("bob", "apollo"), 6))
        #expect(abs(plan.cost.total - 640) < 0.01)
        #expect(plan.conflicts(.unmetDemand).isEmpty)
    }

    /// The same with alice at 3 h a week: the block of 4 h does not fit, so
    /// she gives nothing; bob's 6 locked hours serve the cell: P1 6 h, cost
    /// 600, 4 h unmet because of the policy (alice has hours left).
    @Test func aBlockLargerThanTheHoursLeftStaysUnmet() throws {
        let plan = try Self.apollo(aliceHours: "3")
        #expect(close(plan.staffed(1), 6))
        #expect(close(plan.hours("alice", "apollo"), 0))
        #expect(abs(plan.cost.total - 600) < 0.01)
        #expect(plan.conflicts(.unmetDemand).first?.cause == .policy)
    }

    /// Two pools that share a cell: the most they can serve is a flow, not
    /// what taking the pools in order gives. Pool 0 (5 h) may serve cells A
    /// and B, pool 1 (5 h) only A; A and B ask 5 h each. In order, pool 0
    /// fills A and pool 1 finds nothing: 5 h. The flow sends pool 0 to B and
    /// pool 1 to A: 10 h.
    @Test func theMostLockedHoursAreAFlow() {
        let flow = LockedFlow(pools: [(5, [0, 1]), (5, [0])], asked: [5, 5])
        #expect(flow.total == 10)
        #expect(flow.components == [[0, 1]])
        // Edges in pool order: (0, A), (0, B), (1, A).
        #expect(flow.flow == [0, 5, 5])
        // Pools alone take what their cells ask, up to their hours.
        let alone = LockedFlow(pools: [(8, [0, 1]), (3, [2])], asked: [5, 2, 4])
        #expect(alone.total == 7 + 3)
        #expect(alone.components == [[0], [1]])
    }
}
