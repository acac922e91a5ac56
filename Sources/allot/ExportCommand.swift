import AllotCore
import ArgumentParser
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a plan folder to Jira, Asana, MS Project, calendars, JSON Lines, LP/MPS or MathProg data.",
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
                         re-solve with another solver
              mathprog   the instance as data for models/allocation.mod, to
                         re-solve every stage with glpsol (models/solve-stages.sh)
            jira-csv and asana-csv assign by email: people without one are listed and
            the export fails, unless --assignee id.

            Examples:
              allot plan datasets/acme --out plan/acme
              allot export plan/acme --to jira-csv --out jira.csv
              allot export plan/acme --to asana-csv --assignee id > asana.csv
              allot export plan/acme --to mspdi --out acme.xml
              allot export plan/acme --to ical --out calendars/
              allot export plan/acme --to ical --person heike.vogel --out heike.ics
              allot export plan/acme --to lp --out acme.lp && glpsol --lp acme.lp
              allot export plan/acme --to mathprog --out acme.dat && models/solve-stages.sh acme.dat

            Exit codes: 0 written, 64 usage, 65 people without email (or the dataset
            changed, for lp/mps/mathprog), 66 no plan in PLAN_DIR, 73 cannot write.
            """
    )

    @Argument(help: "A plan folder written by `allot plan` (holding plan.json).")
    var planDir: String

    @Option(help: "jsonl, jira-csv, asana-csv, mspdi, ical, lp, mps or mathprog.")
    var to: ExportFormat

    @Option(name: .long, help: "Output file, or - for stdout (default); for ical without --person, a folder (default ./calendars).")
    var out: String?

    @Option(help: "jira-csv: one issue per assignment (person and project) or per period.")
    var granularity: ExportOptions.Granularity = .assignment

    @Option(help: "jira-csv, asana-csv: assign by email (default) or by staff id.")
    var assignee: ExportOptions.Assignee = .email

    @Option(help: "ical: only this person's calendar, as one file.")
    var person: String?

    @Option(help: "lp, mps, mathprog: the dataset folder, when it is not where the plan was made from.")
    var dataset: String?

    func run() throws {
        let document: PlanDocument
        do { document = try PlanDocument.read(from: planDir) } catch {
            Terminal.errorLine(error.description)
            throw Exit.datasetMissing
        }
        let options = ExportOptions(granularity: granularity, assignee: assignee, person: person.map { Staff.ID($0) },
                                    dataset: dataset)
        let output: ExportOutput
        do {
            output = try to.exporter.export(document, options: options)
        } catch let e as DatasetMissing {
            Terminal.errorLine("\(e.description) (pass --dataset DIR)")
            throw Exit.datasetMissing
        } catch let e as DatasetError {
            printDiagnostics(e.diagnostics, toStdout: false)
            throw Exit.invalidDataset
        } catch let e as PlanDocument.SourceError {
            Terminal.errorLine(e.description)
            throw Exit.invalidDataset
        } catch let error as ExportError {
            Terminal.errorLine(error.description)
            throw Exit.invalidDataset
        }
        switch output {
        case .file(let text): try emit(text, to: out ?? "-")
        case .folder(let files): try write(files)
        }
    }

    /// A folder export (ical without --person): one file per entry.
    func write(_ files: ExportFolder) throws {
        let folder = out ?? files.defaultName
        guard folder != "-" else { throw ValidationError("--to ical writes one file per person: give --out FOLDER, or --person ID for one file") }
        do throws(OutputFile.WriteError) {
            try OutputFile.makeFolder(folder)
            for file in files.files {
                try OutputFile.write(file.text, to: (folder as NSString).appendingPathComponent(file.name))
            }
        } catch {
            Terminal.errorLine(error.description)
            throw Exit.cannotWrite
        }
        Terminal.err("wrote \(files.files.count) \(files.defaultName) into \(folder)/")
    }

    func emit(_ text: String, to path: String) throws {
        if path == "-" {
            Terminal.out(text)
            return
        }
        do { try OutputFile.write(text, to: path) } catch {
            Terminal.errorLine(error.description)
            throw Exit.cannotWrite
        }
    }
}

extension ExportFormat: ExpressibleByArgument {}
extension Planner.Pricing: ExpressibleByArgument {}
extension ExportOptions.Granularity: ExpressibleByArgument {}
extension ExportOptions.Assignee: ExpressibleByArgument {}
