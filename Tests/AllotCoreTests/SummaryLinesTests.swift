import Foundation
import GLPK
import Testing

@testable import AllotCore

/// Lines of the terminal summary that a large or a small plan made hard to
/// read: the Budgets line with many budgets spent in full (59 on bench tier
/// XL made it one line of 4,000 characters), the Conflicts line above fewer
/// lines than it counts.
@Suite struct SummaryLinesTests {
    /// Seven projects of 100 EUR each, each asking 10 h of swift; alice
    /// costs 100 EUR/h, so each budget buys 1 h and is spent in full
    /// (100 of 100). p8's 10,000 EUR buys its 10 h (1,000 EUR): within.
    /// Five are named, then "2 more"; six would all be named (7 > 5 + 1).
    @Test func manyBudgetsSpentInFullAreCountedAfterTheFirstFive() throws {
        let ids = (1...7).map { "p\($0)" }
        let plan = try PlanFixture.plan(
            staff: "alice,,,100,,swift:3,,\n",
            projects: ids.map { "\($0),,1,,,100\n" }.joined() + "p8,,1,,,10000\n",
            demand: (ids + ["p8"]).map { "\($0),swift,,10,,,\n" }.joined())
        let named = (1...5).map { "p\($0) spent in full (100 of 100)" }.joined(separator: "; ")
        #expect(
            plan.budgetLine(Plan.Style(color: false))
                == "Budgets   \(named); 2 more spent in full (all in summary.json's budgets); 1 within budget")

        let six = try PlanFixture.plan(
            staff: "alice,,,100,,swift:3,,\n",
            projects: ids.prefix(6).map { "\($0),,1,,,100\n" }.joined(),
            demand: ids.prefix(6).map { "\($0),swift,,10,,,\n" }.joined())
        #expect(
            six.budgetLine(Plan.Style(color: false))
                == "Budgets   " + (1...6).map { "p\($0) spent in full (100 of 100)" }.joined(separator: "; "))
    }

    /// Locked hours that cost more than the budget read "over budget", not
    /// "spent in full" (at the limit): alice's 8 locked hours at 100 EUR on
    /// p1 cost 800 of its 500; p2's 1,000 EUR buys its 5 h (500 EUR) and stays
    /// within. The report's project section says by how much: 300.
    @Test func lockedHoursPastTheBudgetReadOverBudget() throws {
        let plan = try PlanFixture.plan(
            staff: "alice,,,100,,swift:3,,\n", projects: "p1,,1,,,500\np2,,1,,,1000\n",
            demand: "p1,swift,,10,,,\np2,swift,,5,,,\n",
            extra: PlanFixture.commitments("alice,p1,swift,2027-01-04,2027-01-10,8,true\n"))
        #expect(plan.budgetLine(Plan.Style(color: false)) == "Budgets   p1 over budget (800 of 500); 1 within budget")
        let html = try PlanReport(PlanFile(plan)).html()
        #expect(html.contains("spent 800 EUR of a budget of 500 (160%): over budget by 300 (locked hours)"))
        #expect(html.contains("<p>over budget: p1</p>") && !html.contains("budgets spent in full: p1"))
    }

    /// Folding to a terminal's width: colour codes take no room (a coloured
    /// line of 30 visible characters stays whole at 30); indented table rows
    /// keep their spacing whole; a label's text folds under itself, 10
    /// columns in ("Shape     " is 10 characters); a conflict under "  - ".
    @Test func foldingCountsWhatShowsAndKeepsTables() throws {
        let red = "\u{1B}[31m", off = "\u{1B}[0m"
        let coloured = "Budgets   " + red + "p1 over budget (1 of 2)" + off  // 10 + 23 = 33 visible
        #expect(Plan.folded(coloured, width: 33) == [coloured])
        let row = "  P1    12,450 h demanded  12,408.6 h staffed   99.7%  41.4 h unmet"
        #expect(Plan.folded(row, width: 40) == [row])
        #expect(
            Plan.folded("Shape     one two three four five six", width: 24) == [
                "Shape     one two three", "          four five six",
            ])
        #expect(
            Plan.folded("  - [budget] a b c d e f g h", width: 22) == ["  - [budget] a b c d e", "    f g h"])
    }

    /// A group's hours and its example agree to the hundredth: nobody has
    /// rust, so p1's 16.25 h line stays unmet; the head said 16.3 h beside
    /// the example's 16.25h (conflicts.csv carries 2 decimals too).
    @Test func aGroupShowsItsHoursAsItsExampleDoes() throws {
        let plan = try PlanFixture.plan(
            staff: "alice,,,100,,swift:3,,\n", projects: "p1,,1,,,\n", demand: "p1,rust,,,16.25,,\n")
        let lines = plan.conflictLines(Plan.Style(color: false), top: 5)
        #expect(lines.count == 2)
        #expect(
            lines.last?.hasPrefix("  - [no-qualified-staff] p1 (P1) rust: 16.25 h unmet: p1 (priority 1) needs 16.25h")
                == true, "\(lines)")
    }

    /// datasets/tiny: hermes asks 8 h more swift in 2027-W01 and 10 h in W02
    /// (18 h, two rows of conflicts.csv, one group: the same project, skill
    /// and cause), zeus 16 h of qa (one row, one group): 3 rows in 2 groups.
    @Test func theConflictsLineSaysHowManyGroupsFollow() throws {
        let folder = packageRoot.appendingPathComponent("datasets/tiny").path
        guard case .success(let portfolio) = try Dataset.load(from: folder).validate() else {
            throw CancellationError()
        }
        let plan = try Planner.plan(portfolio, options: Planner.Options(solver: GLPKSolver())).plan
        let lines = plan.conflictLines(Plan.Style(color: false), top: 5)
        #expect(lines.first == "Conflicts  3 unmet-demand in 2 groups")
        #expect(lines.count == 3)
    }
}
