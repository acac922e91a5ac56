import AllotCore
import ArgumentParser
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a plan or compare folder as one HTML page to open, print and mail.",
        discussion: """
            The input is a plan folder (from `allot plan`) or a compare folder (from
            `allot compare`); nothing is solved again. The page is self-contained: inline
            CSS and SVG, no script, nothing fetched from the network.
              plan folder     status and proof, coverage per priority, the cost split,
                              a utilization heatmap person x period (leave, holidays,
                              overtime and over-commitment marked with letters), who is
                              free when, each project's coverage, people, budget burn
                              and unmet demand, every conflict, the plan's shape
              compare folder  the scenarios side by side with their descriptions, the
                              cost change next to the work staffed, the impact on each
                              project, and the people whose assignments changed
            With --hires FILE, the suggestions.json of `allot suggest-hires DATASET
            --out FILE` on the plan's own dataset, the plan page also shows "Hiring
            suggestions (checked)": each suggested hire with its gain per priority, the
            cost change and the scenario to paste, and the profiles not suggested.
            By default the page is written into the folder as report.html. `allot plan`
            and `allot compare` replace their folder as a whole, report.html included:
            run `allot report` again after planning again.

            Examples:
              allot plan datasets/acme --out plans/acme
              allot report plans/acme
              allot report plans/acme --out acme.html
              allot compare datasets/acme --out compare/acme && allot report compare/acme
              allot report plans/acme --out - | gzip > acme.html.gz
              allot suggest-hires datasets/acme --out acme-hires.json
              allot report plans/acme --hires acme-hires.json

            Exit codes: 0 written, 64 usage, 65 --hires made from another dataset (or
            the same one changed since), 66 no plan or comparison in the folder, a plan
            written by an allot without `report` (plan again), or --hires missing or
            unreadable, 73 cannot write.
            """
    )

    @Argument(help: "A plan folder (holding plan.json) or a compare folder (holding compare.json).")
    var folder: String

    @OptionGroup var output: OutOption<Wording>

    @Option(
        help: ArgumentHelp(
            "suggestions.json of `allot suggest-hires` on the plan's dataset: adds \"Hiring suggestions (checked)\".",
            valueName: "file"))
    var hires: String?

    enum Wording: OutWording {
        static let out: ArgumentHelp = "Output file, or - for stdout (default: FOLDER/report.html)."
        static let target = "file"
        static let example = "report.html"
        static let noStandardOutput: String? = nil
    }

    func validate() throws {
        guard let out = output.out, out != "-" else { return }
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: out, isDirectory: &isFolder)
        guard out.hasSuffix("/") || (exists && isFolder.boolValue) else { return }
        let folder = out.hasSuffix("/") ? String(out.dropLast()) : out
        throw ValidationError(
            "--out \(out) is a folder, but the report is one file: give a file name, e.g. --out \(shellWord(folder + "/report.html"))"
        )
    }

    func run() throws {
        if hires != nil, Report.kind(of: folder) == .compare {
            throw ValidationError(
                "--hires is for a plan folder, but \(folder) is a compare folder: give a plan folder of the same "
                    + "dataset, e.g. one written by `allot plan DATASET --out FOLDER`")
        }
        guard let out = output.out else {
            let (path, kind) = try Report.writeInside(folder, hires: hires)
            Terminal.err("wrote the \(kind.rawValue) report \(path)")
            return
        }
        let (kind, html) = try Report.html(of: folder, hires: hires)
        if out == "-" {
            Terminal.out(html)
        } else {
            try OutputFile.write(html, to: out)
            Terminal.err("wrote the \(kind.rawValue) report \(out)")
        }
    }
}
