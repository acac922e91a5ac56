import Foundation
import GLPK

@testable import AllotCore

/// Small datasets written to a temporary folder, planned through the whole
/// pipeline (load, validate, calendar, formulate, solve, interpret).
enum PlanFixture {
    /// One ISO week, Monday 2027-01-04 to Sunday 2027-01-10: 5 working days.
    static let oneWeek = "horizon: {start: 2027-01-04, end: 2027-01-10, period: week}\n"
    /// Two ISO weeks, 2027-W01 and 2027-W02: 10 working days.
    static let twoWeeks = "horizon: {start: 2027-01-04, end: 2027-01-17, period: week}\n"

    static let staffHeader = "id,name,email,cost_per_hour,hours_per_week,skills,start,end\n"
    static let projectsHeader = "id,name,priority,start,end,budget\n"
    static let demandHeader = "project_id,skill,min_level,hours_per_week,total_hours,start,end\n"

    /// Writes the files into a fresh folder and returns its path.
    static func folder(_ files: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("allot-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return dir.path
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A commitments.csv of these rows, for `plan`'s `extra`.
    static func commitments(_ rows: String) -> [String: String] {
        ["commitments.csv": "staff_id,project_id,skill,start,end,hours_per_week,locked\n" + rows]
    }

    /// Plans a dataset given as file texts. `manifest` defaults to one week.
    static func plan(
        manifest: String = oneWeek, staff: String, projects: String, demand: String,
        extra: [String: String] = [:], options: Planner.Options = Planner.Options(solver: GLPKSolver())
    ) throws -> Plan {
        var files = extra
        files["allot.yaml"] = manifest
        files["staff.csv"] = staffHeader + staff
        files["projects.csv"] = projectsHeader + projects
        files["demand.csv"] = demandHeader + demand
        let path = try folder(files)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let dataset = try Dataset.load(from: path)
        switch dataset.validate() {
        case .failure(let e): throw Failure(description: "invalid test dataset:\n\(e)")
        case .success(let portfolio): return try Planner.plan(portfolio, options: options).plan
        }
    }
}

extension Plan {
    func staffed(_ priority: Int) -> Double { coverage.first { $0.priority == priority }?.staffed ?? 0 }
    func unmet(_ priority: Int) -> Double { coverage.first { $0.priority == priority }?.unmet ?? 0 }

    func hours(_ staff: String, _ project: String) -> Double {
        assignments.filter { $0.staff.rawValue == staff && $0.project.rawValue == project }.reduce(0) { $0 + $1.hours }
    }

    func conflicts(_ kind: Conflict.Kind) -> [Conflict] { conflicts.filter { $0.kind == kind } }
}

func close(_ a: Double, _ b: Double, tolerance: Double = 1e-4) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}
