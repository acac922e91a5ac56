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

    /// compare's --out on a folder of `allot plan` folders, or one holding a
    /// folder of the user's, is refused the same way (it used to replace it,
    /// deleting them); compare's own folder is still replaced, and a plan
    /// folder given to compare is named as another command's.
    @Test func compareNeverDeletesOtherFolders() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try CLITests.allot("plan", "datasets/tiny", "--out", dir + "/plans/alpha").status == 0)
        let plans = try CLITests.allot("compare", "datasets/tiny", "--out", dir + "/plans")
        #expect(plans.status == 73)
        #expect(plans.stderr.contains("it holds other plan folders (alpha)"), "\(plans.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/plans/alpha/plan.json"))
        #expect(try CLITests.allot("compare", "datasets/tiny", "--out", dir + "/c").status == 0)
        try FileManager.default.createDirectory(atPath: dir + "/c/mine", withIntermediateDirectories: false)
        let mine = try CLITests.allot("compare", "datasets/tiny", "--out", dir + "/c")
        #expect(mine.status == 73)
        #expect(mine.stderr.contains("it holds files allot did not write (mine)"), "\(mine.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/c/mine"))
        try FileManager.default.removeItem(atPath: dir + "/c/mine")
        #expect(try CLITests.allot("compare", "datasets/tiny", "--out", dir + "/c").status == 0)
        let plan = try CLITests.allot("compare", "datasets/tiny", "--out", dir + "/plans/alpha")
        #expect(plan.status == 73)
        #expect(plan.stderr.contains("it holds another command's files (assignments.csv"), "\(plan.stderr)")
        // A compare folder inside (`--out cmp/tiny`, then `--out cmp`): allot wrote it (its
        // scenarios' plan folders hold diff files), and it is named so (it was "files allot did not write").
        let inner = try CLITests.allot(
            "compare", "datasets/acme", "--scenarios", "budget-cut", "--out", dir + "/cmp/acme")
        #expect(inner.status == 0 && FileManager.default.fileExists(atPath: dir + "/cmp/acme/budget-cut/diff.csv"))
        let outer = try CLITests.allot("compare", "datasets/tiny", "--out", dir + "/cmp")
        #expect(outer.status == 73)
        #expect(outer.stderr.contains("it holds other plan or compare folders (acme)"), "\(outer.stderr)")
        try FileManager.default.removeItem(atPath: dir + "/cmp")
        // A run killed between the fallback's two renames leaves the old
        // folder beside no target: the next compare puts it back and replaces
        // it (it used to solve everything, put it back, then refuse it).
        try FileManager.default.moveItem(atPath: dir + "/c", toPath: dir + "/.c.allot-old-999")
        let again = try CLITests.allot("compare", "datasets/tiny", "--out", dir + "/c")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["c", "plans"])
    }

    /// A run that waits for another writing the same folder says so (it waited silently):
    /// here the other is flock(1) holding the folder's lock file for 1.5 s.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/flock")))
    func aRunWaitingForAnotherSaysSo() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = [dir + "/.plan.allot-lock", "sleep", "1.5"]
        try holder.run()
        Thread.sleep(forTimeInterval: 0.3)
        let r = try CLITests.allot("plan", "datasets/tiny", "--out", dir + "/plan")
        holder.waitUntilExit()
        #expect(r.status == 0)
        #expect(r.stderr.contains("another allot is writing \(dir)/plan; waiting for it to finish"), "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/plan/plan.json"))
    }

    /// `--out .`, or a folder holding the current one, would replace the
    /// folder the user is in (even an empty one): refused, and nothing moves.
    @Test func theCurrentFolderIsNeverTheOutput() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let dataset = CLITests.root.appendingPathComponent("datasets/tiny").path
        for out in [".", dir, (dir as NSString).deletingLastPathComponent] {
            let r = try CLITests.run(
                "/bin/sh", ["-c", "cd \"$0\" && \"$1\" plan \"$2\" --out \"$3\"", dir, CLITests.binary, dataset, out])
            #expect(r.status == 73, "\(out): \(r.stderr)")
            #expect(r.stderr.contains("it is the current folder, or holds it"), "\(out)")
        }
        #expect(FileManager.default.fileExists(atPath: dir))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    /// A key a scenario change does not read is shown where it changes the
    /// plan, by plan --scenario and compare, not only by validate.
    @Test func aScenarioKeyTypoIsShownByPlanAndCompare() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let tiny = CLITests.root.appendingPathComponent("datasets/tiny").path
        for name in try FileManager.default.contentsOfDirectory(atPath: tiny) {
            try FileManager.default.copyItem(atPath: tiny + "/" + name, toPath: dir + "/" + name)
        }
        var manifest = try String(contentsOfFile: dir + "/allot.yaml", encoding: .utf8)
        manifest = manifest.replacingOccurrences(
            of: "scenarios: []",
            with:
                "scenarios:\n  - {name: half, changes: [{op: leave, staff: bob, start: 2027-01-05, hours_per_wek: 10}]}"
        )
        try manifest.write(toFile: dir + "/allot.yaml", atomically: true, encoding: .utf8)
        let warning = "an unknown key \"hours_per_wek\" in scenario \"half\", change 1 (leave)"
        let plan = try CLITests.allot("plan", dir, "--scenario", "half", "--out", dir + "/p")
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stderr.contains(warning) && plan.stderr.contains("did you mean \"hours_per_week\""))
        let compare = try CLITests.allot("compare", dir, "--out", dir + "/c")
        #expect(compare.status == 0, "\(compare.stderr)")
        #expect(compare.stderr.components(separatedBy: warning).count == 2, "once: \(compare.stderr)")
    }

    /// Problems name their file as reached from where allot runs, so that a
    /// terminal or an editor opens it at the line: `DIR/staff.csv:2:11`
    /// ("alice," is columns 1-6, "100," 7-10: the skills at 11), in validate's
    /// text and plan's errors alike; the JSON keeps the file in the dataset.
    @Test func problemsNameTheFileAsReachedFromHere() throws {
        let dir = try CLITests.folder(holding: CLITests.oneWeek(staff: "alice,100,swift:7\n", skill: "swift"))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let validate = try CLITests.allot("validate", dir)
        #expect(validate.stdout.hasPrefix("\(dir)/staff.csv:2:11: error: found the skill level \"7\""))
        let plan = try CLITests.allot("plan", dir, "--out", dir + "-plan")
        #expect(plan.status == 65)
        #expect(
            plan.stderr.hasPrefix("\(dir)/staff.csv:2:11: error: found the skill level \"7\""))
        let json = try CLITests.allot("validate", dir, "--format", "json")
        #expect(json.stdout.contains("\"file\": \"staff.csv\""))
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
    /// An allot.yaml that is not YAML declares no scenario: `--scenario` and
    /// `--scenarios` report its syntax error (exit 65), as a plan without
    /// them does, not "no scenario named month ... declares: none" (exit 64).
    /// The unclosed flow sequence appended to tiny's manifest (12 lines) is
    /// reported at line 13.
    @Test func anUnreadableManifestIsReportedBeforeItsScenarios() throws {
        let dir = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let data = dir + "/tiny"
        try FileManager.default.copyItem(
            atPath: CLITests.root.appendingPathComponent("datasets/tiny").path, toPath: data)
        let manifest = try String(contentsOfFile: data + "/allot.yaml", encoding: .utf8)
        #expect(manifest.split(separator: "\n", omittingEmptySubsequences: false).count == 13)
        try (manifest + "  - {name: x, changes: [ {op: set, path: a.b, value: 1 }\n").write(
            toFile: data + "/allot.yaml", atomically: true, encoding: .utf8)
        for words in [["plan", "--scenario", "month"], ["compare", "--scenarios", "month"]] {
            let r = try CLITests.allot(words[0], data, words[1], words[2], "--out", dir + "/out")
            #expect(r.status == 65, "\(words)")
            #expect(r.stderr.contains("allot.yaml:13:3: error: found invalid YAML"), "\(words): \(r.stderr)")
        }
    }

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
                "nobody with the id \"heike.vogle\" has assignments in this plan (did you mean \"heike.vogel\"?)"))
    }

    /// A word that names no command, before a command or after `help`, is a
    /// usage error that names the nearest command; ArgumentParser took `pln`
    /// for an argument ("2 unexpected arguments") and `help pln` for the root's help.
    @Test func mistypedCommandsGetASuggestion() throws {
        for (words, expected) in [
            (["pln", "datasets/acme"], "error: no command named 'pln' (did you mean \"plan\"?)"),
            (["PLAN", "datasets/acme"], "error: no command named 'PLAN' (did you mean \"plan\"?)"),
            (["exprot", "plans/acme", "--to", "jsonl"], "error: no command named 'exprot' (did you mean \"export\"?)"),
            (["help", "suggest-hire"], "error: no command named 'suggest-hire' (did you mean \"suggest-hires\"?)"),
            (["help", "nosuch"], "error: no command named 'nosuch'\nThe commands are init, validate, plan,"),
            (["--versoin"], "error: no option '--versoin' before a command (did you mean \"--version\"?)"),
            (["format-reference", "stafff"], "error: no file named 'stafff' in a dataset (did you mean \"staff\"?)"),
            (["help", "format", "demnd.csv"], "(did you mean \"demand.csv\"?)"),
        ] {
            let r = try CLITests.run(CLITests.binary, words)
            #expect(r.status == 64, "\(words)")
            #expect(r.stdout.isEmpty, "\(words)")
            #expect(r.stderr.contains(expected), "\(words): \(r.stderr)")
        }
        for words in [["help", "plan"], ["help", "format", "staff"], ["--version"], ["help"], ["-help"]] {
            let r = try CLITests.run(CLITests.binary, words)
            #expect(r.status == 0 && !r.stdout.isEmpty, "\(words): \(r.stderr)")
        }
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
