import AllotCore
import ArgumentParser
import Foundation

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a small, commented starter dataset into a new folder.",
        discussion: """
            Writes allot.yaml (every key commented), staff.csv, projects.csv, demand.csv,
            leave.csv, holidays.csv and a README.md that explains each file and column:
            six people, three projects and two weeks, ready for `allot validate` and
            `allot plan`. Then replace its rows with your own.

            Examples:
              allot init my-portfolio
              allot init my-portfolio && allot plan my-portfolio

            Exit codes: 0 written, 64 usage (no folder given), 73 the folder is not empty
            (or cannot be written).
            """
    )

    @Argument(help: "The folder to create; it may exist if it is empty.")
    var folder: String

    func validate() throws {
        if folder.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("the folder name is empty: give one, e.g. allot init my-portfolio")
        }
    }

    func run() throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue {
            // Hidden entries (.git, .DS_Store) may stay: nothing written here is hidden.
            let visible = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
                .filter { !$0.hasPrefix(".") }.sorted()
            guard visible.isEmpty else { throw Failure.folderNotEmpty(folder, files: visible) }
        }
        try OutputFile.makeFolder(folder)  // a file of that name: WriteError, exit 73
        for file in StarterDataset.files {
            try OutputFile.write(file.text, to: (folder as NSString).appendingPathComponent(file.name))
        }
        Terminal.out(nextSteps)
    }

    var nextSteps: String {
        let dir = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        return """
            Wrote a starter dataset into \(dir)/: 6 people, 3 projects, 2 weeks
            (allot.yaml, staff.csv, projects.csv, demand.csv, leave.csv, holidays.csv, README.md).

            Edit first:
              1. \(dir)/staff.csv      your people: hourly cost, hours per week, skill:level
              2. \(dir)/projects.csv   your projects and their priority (1 = most important)
              3. \(dir)/demand.csv     the skills each project needs, per week or in total
            then:
              allot validate \(shellWord(dir))
              allot plan \(shellWord(dir))
            \(dir)/README.md explains every file and column; so does `allot help format`.

            """
    }
}
