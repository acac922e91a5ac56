import Foundation

/// `allot report`: a plan or compare folder read and turned into one HTML
/// page (docs/report.md).
public enum Report {
    public enum Kind: String, Sendable {
        case plan, compare
    }

    /// What the folder holds: compare.json makes it a compare folder,
    /// plan.json a plan folder; nil when neither is there.
    public static func kind(of folder: String) -> Kind? {
        let manager = FileManager.default
        if manager.fileExists(atPath: (folder as NSString).appendingPathComponent("compare.json")) { return .compare }
        if manager.fileExists(atPath: (folder as NSString).appendingPathComponent("plan.json")) { return .plan }
        return nil
    }

    /// The page for a plan or compare folder. Throws `PlanDocument.ReadError`
    /// when the folder holds neither or a file cannot be read, and
    /// `PlanReport.MissingFields` for a plan written before the report.
    /// With `hires`, the path of a suggestions.json, the plan page shows its "Hiring suggestions (checked)"
    /// (`PlanReport.adding(hires:path:plan:)` throws `PlanDocument.SourceError` for another dataset's,
    /// `SuggestionsFile.read` a `PlanDocument.ReadError`); give it only for a plan folder.
    public static func html(of folder: String, hires: String? = nil) throws -> (kind: Kind, html: String) {
        switch kind(of: folder) {
        case .compare:
            precondition(hires == nil, "--hires is for a plan folder")
            return (.compare, try CompareReport.read(from: folder).html())
        case .plan:
            var report = try PlanReport.read(from: folder)
            if let hires {
                let plan = (folder as NSString).appendingPathComponent("plan.json")
                report = try report.adding(hires: try SuggestionsFile.read(from: hires), path: hires, plan: plan)
            }
            return (.plan, report.html())
        case nil: throw nothingIn(folder)
        }
    }

    static func nothingIn(_ folder: String) -> PlanDocument.ReadError {
        PlanDocument.ReadError(
            path: folder,
            reason: "no plan or comparison here (expected plan.json, written by `allot plan DATASET --out "
                + "\(suggestedOut(folder, fallback: "PLAN_DIR"))`, or compare.json, written by `allot compare DATASET --out "
                + "\(suggestedOut(folder, fallback: "COMPARE_DIR"))`)")
    }

    /// Reads the folder and writes the page into it as `report.html`, under
    /// the folder's lock: a `plan` or `compare` replacing the folder at the
    /// same time waits, so the page always describes the files beside it.
    /// Returns the page's path and what the folder held.
    public static func writeInside(_ folder: String, hires: String? = nil) throws -> (path: String, kind: Kind) {
        guard kind(of: folder) != nil else { throw nothingIn(folder) }
        return try OutputFolder.whileLocked(folder) {
            let (kind, html) = try html(of: folder, hires: hires)
            let path = (folder as NSString).appendingPathComponent(OutputFolder.reportFile)
            try OutputFile.write(html, to: path)
            return (path, kind)
        }
    }
}

extension OutputFolder {
    /// Runs `body` holding the lock that `replace` takes for `folder`.
    static func whileLocked<T>(_ folder: String, _ body: () throws -> T) throws -> T {
        let target = URL(fileURLWithPath: folder).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let lock = try Lock(parent.appendingPathComponent(".\(target.lastPathComponent).allot-lock").path)
        defer { lock.release() }
        return try body()
    }
}
