import Foundation
import Testing

/// What a newcomer ran into while following the README and the docs: an
/// output folder refused only after the whole solve, a missing folder called a
/// missing file, the README's plan folders inside the default one, names
/// mistyped on the command line. Each is answered at once, with the fix.
@Suite struct NewcomerTests {
    /// A folder holding someone's own file is refused before the plan is
    /// made, not after: with `--max-columns 1` planning would stop with 65
    /// (the model is too large); the folder's 73 comes first. The same for
    /// compare.
    @Test func anOutputFolderItMayNotReplaceIsRefusedFirst() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/mine", withIntermediateDirectories: true)
        try "keep me".write(toFile: dir + "/mine/notes.txt", atomically: true, encoding: .utf8)
        for command in ["plan", "compare"] {
            let r = try CLITests.allot(command, "datasets/acme", "--out", dir + "/mine", "--max-columns", "1")
            #expect(r.status == 73, "\(command): \(r.stderr)")
            #expect(r.stderr.contains("holds files allot did not write (notes.txt)"), "\(command)")
        }
        // Without the folder in the way, the size check answers.
        #expect(try CLITests.allot("plan", "datasets/tiny", "--out", dir + "/new", "--max-columns", "1").status == 65)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/mine") == ["notes.txt"])
    }

    /// `--out plans/tiny`, then `--out plans` (or the default `plan` after
    /// `--out plan/tiny`): the plan folder inside is not replaced, and the
    /// message says why and what to give instead.
    @Test func plansInsideTheFolderAreNamedAsPlans() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLITests.allot("plan", "datasets/tiny", "--out", dir + "/plans/tiny").status == 0)
        let r = try CLITests.allot("plan", "datasets/tiny", "--out", dir + "/plans")
        #expect(r.status == 73)
        #expect(
            r.stderr.contains(
                "it holds other plan folders (tiny), which replacing it would delete; "
                    + "give --out a folder of its own, e.g. plans/NAME"))
        #expect(FileManager.default.fileExists(atPath: dir + "/plans/tiny/plan.json"))
    }

    /// A file asked for in a folder that does not exist: the folder is named.
    @Test func aMissingFolderForAFileIsNamed() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLITests.allot("plan", "datasets/tiny", "--out", dir + "/p").status == 0)
        let r = try CLITests.allot("report", dir + "/p", "--out", dir + "/nowhere/r.html")
        #expect(r.status == 73)
        #expect(
            r.stderr
                == "error: cannot write \(dir)/nowhere/r.html: the folder \(dir)/nowhere does not exist (allot makes "
                + "no folders for a file); create it, or give a path in a folder that exists\n")
    }

    /// Names mistyped on the command line: a scenario (one edit from
    /// heike-leaves; the usage shown is plan's, not the root's) and a person
    /// for a calendar (heike.vogle: one swap from heike.vogel).
    @Test func mistypedNamesGetASuggestion() throws {
        let r = try CLITests.allot(
            "plan", "datasets/acme", "--scenario", "heike-leave", "--out", "/tmp/allot-never-written")
        #expect(r.status == 64)
        #expect(
            r.stderr.contains(
                "no scenario named heike-leave in datasets/acme/allot.yaml (did you mean \"heike-leaves\"?)"))
        #expect(r.stderr.contains("Usage: allot plan "))
        let c = try CLITests.allot(
            "compare", "datasets/acme", "--scenarios", "budget-cuts", "--out", "/tmp/allot-never-written")
        #expect(c.status == 64)
        #expect(c.stderr.contains("(did you mean \"budget-cut\"?)"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/allot-never-written"))

        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLITests.allot("plan", "datasets/acme", "--out", dir + "/acme").status == 0)
        let e = try CLITests.allot(
            "export", dir + "/acme", "--to", "ical", "--person", "heike.vogle", "--out", dir + "/h.ics")
        #expect(e.status != 0)
        #expect(
            e.stderr.contains(
                "nobody with the id heike.vogle has assignments in this plan (did you mean \"heike.vogel\"?)"))
    }

    /// A week has 168 hours, and a profile's hours are whole hours from 1.
    @Test func suggestHiresKeepsItsHoursToAWeek() throws {
        for (value, shown) in [("500", "500"), ("0.5", "0.5"), ("0", "0")] {
            let r = try CLITests.allot("suggest-hires", "datasets/tiny", "--max-hours-per-week", value)
            #expect(r.status == 64, "\(value)")
            #expect(
                r.stderr.contains(
                    "--max-hours-per-week must be a number of hours from 1 to 168 (a week), found \(shown)"),
                "\(value): \(r.stderr)")
        }
    }
}
