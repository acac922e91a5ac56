import AllotCore
import ArgumentParser
import Foundation
import XLSX

/// Exit codes (sysexits.h). 64 (usage) is ArgumentParser's answer to a `ValidationError`.
enum Exit {
    static let conflicts = ExitCode(3)
    static let invalidDataset = ExitCode(65)
    static let datasetMissing = ExitCode(66)
    static let internalError = ExitCode(70)
    static let cannotWrite = ExitCode(73)
    static let ioError = ExitCode(74)
}

/// Why a command stopped, where the library's own error does not say enough: the context that the message
/// needs. `Failure.exitCode(reporting:)` turns these and the library's errors into a message and an exit code.
enum Failure: Error {
    /// --fail-on-conflict and a plan has conflicts. The summary on stdout already shows them.
    case conflicts
    /// The dataset (or a scenario of it) is not valid: its diagnostics on stderr, then `summary` if any.
    /// `validate` passes no diagnostics: it has printed its report on stdout.
    case invalidDataset([Diagnostic], summary: String?)
    /// The dataset an export needs is missing; `hint` says how to point at it.
    case datasetMissing(DatasetMissing, hint: String)
    /// The solver threw.
    case solverFailed(any Error)
    /// The solver ended without a plan (the message says why).
    case noPlan(String)
    /// `init` found files in the folder it was to fill.
    case folderNotEmpty(String, files: [String])
}

extension Failure {
    /// Runs planning work: errors that are the dataset's fault (a scenario that does not apply, a
    /// weighted objective with too many priorities, a model refused as too large; exit 65) pass through;
    /// any other error is the solver's (`solverFailed`, exit 70).
    /// A weighted objective refused at its `objective:` line is a dataset
    /// error in `dataset`, shown with its folder like every other.
    static func planning<T>(in dataset: String, _ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let invalid as DatasetError {
            throw invalid
        } catch let weighted as WeightedObjectiveError {
            guard weighted.origin != nil else { throw weighted }
            throw Failure.invalidDataset(
                [weighted.diagnostic.shown(in: dataset)],
                summary: "\(dataset) is not valid: 1 error; run `allot validate \(shellWord(dataset))` after fixing")
        } catch let large as ModelTooLargeError {
            throw large
        } catch {
            throw Failure.solverFailed(error)
        }
    }

    /// The one map from an error to what the user reads on stderr and the exit code. Returns nil for any
    /// other error, ArgumentParser's own among them (a usage error thrown as `ValidationError` exits 64):
    /// ArgumentParser reports those.
    static func exitCode(reporting error: any Error) -> ExitCode? {
        switch error {
        case let failure as Failure:
            switch failure {
            case .conflicts:
                return Exit.conflicts
            case .invalidDataset(let diagnostics, let summary):
                printDiagnostics(diagnostics, toStdout: false)
                if let summary { Terminal.errorLine(summary) }
                return Exit.invalidDataset
            case .datasetMissing(let missing, let hint):
                Terminal.errorLine("\(missing.description) (\(hint))")
                return Exit.datasetMissing
            case .solverFailed(let error):
                Terminal.errorLine("the solver failed: \(error)")
                return Exit.internalError
            case .noPlan(let message):
                Terminal.errorLine("no plan: \(message)")
                return Exit.internalError
            case .folderNotEmpty(let folder, let files):
                let shown = files.prefix(3).joined(separator: ", ") + (files.count > 3 ? ", ..." : "")
                // A name next to it that is free, to copy as it stands.
                let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
                let free =
                    (2...99).lazy.map { "\(base)-\($0)" }.first {
                        !FileManager.default.fileExists(atPath: $0)
                    } ?? "\(base)-new"
                Terminal.errorLine(
                    "\(folder) is not empty (it holds \(shown)); "
                        + "give a new or empty folder, e.g. allot init \(shellWord(free))")
                return Exit.cannotWrite
            }
        case let missing as DatasetMissing:  // the folder or its allot.yaml
            Terminal.errorLine(missing.description)
            return Exit.datasetMissing
        case let missing as PlanDocument.ReadError:  // no plan.json in the plan folder
            Terminal.errorLine(missing.description)
            return Exit.datasetMissing
        case let missing as PlanReport.MissingFields:  // a plan written before `report`
            Terminal.errorLine(missing.description)
            return Exit.datasetMissing
        case let invalid as DatasetError:
            printDiagnostics(invalid.diagnostics, toStdout: false)
            return Exit.invalidDataset
        case let weighted as WeightedObjectiveError:  // --objective weighted, too many priorities
            Terminal.errorLine(weighted.description)
            return Exit.invalidDataset
        case let large as ModelTooLargeError:  // past --max-columns, refused before building
            Terminal.errorLine(large.description)
            return Exit.invalidDataset
        case let export as ExportError:  // people without email, an unknown --person
            Terminal.errorLine(export.description)
            return Exit.invalidDataset
        case let source as PlanDocument.SourceError:  // the dataset changed since the plan was made
            Terminal.errorLine(source.description)
            return Exit.invalidDataset
        case let xlsx as XLSXError:  // a workbook past the format's limits, or libxlsxwriter failed
            Terminal.errorLine(xlsx.description)
            if case .invalid = xlsx { return Exit.invalidDataset }
            return Exit.cannotWrite
        case let write as OutputFile.WriteError:
            Terminal.errorLine(write.description)
            return Exit.cannotWrite
        default:  // ArgumentParser's own: ValidationError, ExitCode, CleanExit, `allot help`'s request
            return nil
        }
    }
}
