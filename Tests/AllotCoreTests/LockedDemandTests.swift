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
    /// (10/h, 40 h) and bob (100/h, `bobHours` a week, empty for 40) have
    /// swift, and bob is locked to apollo for 6 h.
    static func apollo(bobHours: String) throws -> Plan {
        try PlanFixture.plan(
            manifest: PolicyTests.manifest("min_hours_per_assignment: 8"),
            staff: "alice,,,10,,swift:3,,\nbob,,,100,\(bobHours),swift:3,,\n", projects: "apollo,,1,,,\n",
            demand: "apollo,swift,,10,,,\n",
            extra: ["commitments.csv": Self.commitments + "bob,apollo,swift,2027-01-04,2027-01-10,6,true\n"])
    }

    /// One week. apollo (P1) asks 10 h of swift; bob (100/h) is locked to it
    /// for 6 h; alice (10/h, 40 h) could work the rest; blocks of 8 h.
    /// bob's 6 locked hours count against the 10 h, so 4 h are left, and
    /// alice may give 0 or at least min(8, 10) = 8 h: 0. bob has no hours
    /// beyond his 6 (6 h a week). So P1 6 h, cost 6 x 100 = 600. (The plan
    /// used to give alice 8 h and leave 4 of bob's hours serving nothing:
    /// 10 h staffed and 8 x 10 + 6 x 100 = 680 EUR.)
    @Test func lockedHoursCountBeforeSomeoneElsesBlock() throws {
        let plan = try Self.apollo(bobHours: "6")
        #expect(close(plan.staffed(1), 6))
        #expect(close(plan.hours("alice", "apollo"), 0))
        #expect(close(plan.hours("bob", "apollo"), 6))
        #expect(abs(plan.cost.total - 600) < 0.01)
        #expect(plan.conflicts(.unmetDemand).first?.cause == .policy)
    }

    /// The same with bob at 40 h: his locked 6 h count, the 4 h left go to
    /// bob himself (locked hours are exempt from the block, and so is his
    /// work on a project he is locked to), so P1 is fully staffed at
    /// 10 x 100 = 1,000 EUR; alice's 8 h block no longer fits.
    @Test func theLockedPersonTakesTheRest() throws {
        let plan = try Self.apollo(bobHours: "")
        #expect(close(plan.staffed(1), 10))
        #expect(close(plan.hours("bob", "apollo"), 10))
        #expect(abs(plan.cost.total - 1_000) < 0.01)
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
