import AllotCore
import ArgumentParser
import Foundation
import GLPK
import XLSX

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract:
            "Export a plan folder to Jira, Asana, MS Project, calendars, JSON Lines, LP/MPS, MathProg data or Excel.",
        discussion: """
            The input is a plan folder written by `allot plan`, so a plan can be exported
            again later without solving. Formats:
              jsonl      one assignment per line, with names and emails (for scripts)
              jira-csv   Jira's CSV importer: one issue per person and project
                         (--granularity period: per person, project and period)
              asana-csv  Asana's CSV importer: one task per person and project
              mspdi      Microsoft Project XML (opens in MS Project and ProjectLibre)
              ical       RFC 5545 calendars: one .ics per person into a folder,
                         or one file with --person ID
              lp, mps    the plan's final-stage problem (CPLEX LP, free MPS), to
                         re-solve with another solver (needs --include-cost)
              mathprog   the instance as data for models/allocation.mod, to
                         re-solve every stage with glpsol (models/solve-stages.sh;
                         needs --include-cost)
              xlsx       an Excel workbook: Summary, Heatmap, Assignments, Projects,
                         Conflicts and Free capacity sheets (give --out FILE)
            jira-csv and asana-csv assign by email: people without one are listed and
            the export fails, unless --assignee id. An option the format does not read
            (--person with jsonl, --granularity with asana-csv) is a usage error.

            Examples:
              allot plan datasets/acme --out plans/acme
              allot export plans/acme --to jira-csv --out jira.csv
              allot export plans/acme --to asana-csv --assignee id > asana.csv
              allot export plans/acme --to mspdi --out acme.xml
              allot export plans/acme --to ical --out calendars/
              allot export plans/acme --to ical --person heike.vogel --out heike.ics
              allot export plans/acme --to lp --include-cost --out acme.lp
              glpsol --lp acme.lp
              allot export plans/acme --to mathprog --include-cost --out acme.dat
              models/solve-stages.sh acme.dat
              allot export plans/acme --to xlsx --out acme.xlsx
              allot export plans/acme --to xlsx --include-cost --out acme-costs.xlsx

            Exit codes: 0 written, 64 usage, 65 people without email or an unknown
            --person (or the dataset changed, for lp/mps/mathprog), 66 no plan in
            PLAN_DIR (for xlsx, also a plan written by an older allot; for
            lp/mps/mathprog, also its dataset not found), 73 cannot write.
            """
    )

    @Argument(help: "A plan folder written by `allot plan` (holding plan.json).")
    var planDir: String

    @Option(help: "jsonl, jira-csv, asana-csv, mspdi, ical, lp, mps, mathprog or xlsx.")
    var to: ExportFormat

    @OptionGroup var output: OutOption<Wording>

    @Option(help: "jira-csv: one issue per assignment (person and project, the default) or per period.")
    var granularity: ExportOptions.Granularity?

    @Option(help: "jira-csv, asana-csv: assign by email (default) or by staff id.")
    var assignee: ExportOptions.Assignee?

    @Option(help: "ical: only this person's calendar, as one file.")
    var person: String?

    @Option(help: "lp, mps, mathprog: the dataset folder, when it is not where the plan was made from.")
    var dataset: String?

    @Flag(
        help: ArgumentHelp(
            "Put hourly rates and costs into the export (jsonl, jira-csv, mspdi, ical, xlsx; lp, mps and mathprog carry rates, so they need it; asana-csv has none). Off by default: exports are shared more widely than plans."
        ))
    var includeCost = false

    enum Wording: OutWording {
        static let out: ArgumentHelp =
            "Output file, or - for stdout (default); for ical without --person, a folder (default ./calendars)."
        static let target = "file or folder"
        static let example = "plan.jsonl"
        static let noStandardOutput: String? = nil
    }

    /// One file is written unless --to ical without --person.
    var writesOneFile: Bool { to != .ical || person != nil }

    /// A folder given where one file is written (`--out newdir/`, or an existing folder) is a usage error:
    /// it would otherwise become a file named like the folder.
    func validate() throws {
        // An option the format does not read is a usage error, not silently ignored.
        let given: [(ExportOption, Bool)] = [
            (.granularity, granularity != nil), (.assignee, assignee != nil), (.person, person != nil),
            (.dataset, dataset != nil), (.includeCost, includeCost),
        ]
        for (option, isGiven) in given where isGiven && !option.formats.contains(to) {
            throw ValidationError(option.notRead(by: to))
        }
        if to.carriesRates, !includeCost { throw ValidationError(ExportError.ratesNotIncluded(to).description) }
        if to == .xlsx, (output.out ?? "-") == "-", isatty(STDOUT_FILENO) == 1 {
            throw ValidationError(
                "--to xlsx writes a binary file, not text for the terminal: give --out FILE, e.g. --out plan.xlsx")
        }
        guard writesOneFile, let out = output.out, out != "-" else { return }
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: out, isDirectory: &isFolder)
        guard out.hasSuffix("/") || (exists && isFolder.boolValue) else { return }
        let folder = out.hasSuffix("/") ? String(out.dropLast()) : out
        throw ValidationError(
            "--out \(out) is a folder, but --to \(to.rawValue) writes one file: "
                + "give a file name, e.g. --out \(shellWord(folder + "/" + exampleFileName))")
    }

    /// A file name for this export, for messages.
    var exampleFileName: String {
        switch to {
        case .jsonl: return "plan.jsonl"
        case .jiraCSV: return "jira.csv"
        case .asanaCSV: return "asana.csv"
        case .mspdi: return "plan.xml"
        case .ical: return "\(person ?? "calendar").ics"
        case .lp: return "plan.lp"
        case .mps: return "plan.mps"
        case .mathprog: return "plan.dat"
        case .xlsx: return "plan.xlsx"
        }
    }

    func run() throws {
        let document = try PlanDocument.read(from: planDir)
        let options = ExportOptions(
            granularity: granularity ?? .assignment, assignee: assignee ?? .email, person: person.map { Staff.ID($0) },
            dataset: dataset, solver: GLPKSolver(), includeCost: includeCost)
        let result: ExportOutput
        do {
            result = try to.exporter.export(document, options: options)
        } catch let missing as DatasetMissing {
            throw Failure.datasetMissing(
                missing, hint: dataset == nil ? "pass --dataset DIR" : "check the folder --dataset names")
        }
        switch result {
        case .file(let text): try emit(text, to: output.out ?? "-")
        case .folder(let files): try write(files)
        case .workbook(let workbook): try emit(try XLSXWriter().data(of: workbook), to: output.out ?? "-")
        }
    }

    /// A folder export (ical without --person): one file per entry.
    func write(_ files: ExportFolder) throws {
        let folder = output.out ?? files.defaultName
        guard folder != "-" else {
            throw ValidationError(
                "--to ical writes one file per person: give --out FOLDER, "
                    + "or --person ID for one file")
        }
        // Replaced as a whole, like a plan folder: a folder of calendars allot wrote, or a new one.
        // A calendar is allot's by its content (its PRODID), not by its name: a holidays.ics of
        // the user's own makes the folder not replaceable.
        let replaceable = { (entry: String) in
            entry.hasSuffix(".ics")
                && ICalendarExporter.wroteCalendar(at: (folder as NSString).appendingPathComponent(entry))
        }
        try OutputFolder.replace(folder, replaceable: replaceable) {
            (fresh: String) throws(OutputFile.WriteError) in
            for file in files.files {
                try OutputFile.write(file.text, to: (fresh as NSString).appendingPathComponent(file.name))
            }
        }
        let shown = folder.hasSuffix("/") ? folder : folder + "/"
        Terminal.err("wrote \(files.files.count) \(files.defaultName) into \(shown)")
    }

    func emit(_ bytes: [UInt8], to path: String) throws {
        if path == "-" {
            Terminal.out(bytes)
        } else {
            try OutputFile.write(Data(bytes), to: path)
        }
    }

    func emit(_ text: String, to path: String) throws {
        if path == "-" {
            Terminal.out(text)
        } else {
            try OutputFile.write(text, to: path)
        }
    }
}
