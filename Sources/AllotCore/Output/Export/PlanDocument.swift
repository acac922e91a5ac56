import Foundation

/// A plan read back from its folder (plan.json): what `allot export` works
/// from, so a plan can be exported again later without solving.
public struct PlanDocument: Sendable {
    public struct Person: Sendable, Hashable {
        public var id: String
        public var name: String?
        public var email: String?
        public var costPerHour: Double
        public var displayName: String { name ?? id }
    }

    public struct ProjectInfo: Sendable, Hashable {
        public var id: String
        public var name: String?
        public var priority: Int
        public var displayName: String { name ?? id }
    }

    public struct Row: Sendable, Hashable {
        public var staff: String
        public var project: String
        public var skill: String
        public var period: String
        public var start: Day
        public var end: Day
        public var hours: Double
        public var cost: Double
        public var lockedHours: Double
    }

    public var name: String?
    public var currency: String
    public var people: [String: Person]
    public var projects: [String: ProjectInfo]
    public var rows: [Row]
    public var source: PlanSource?
    /// Stage name -> objective (full precision), in stage order.
    public var stageOptima: [(name: String, objective: Double?)]
    public var objective: String

    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// Reads `folder/plan.json`.
    public static func read(from folder: String) throws(ReadError) -> PlanDocument {
        let path = (folder as NSString).appendingPathComponent("plan.json")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(path: folder, reason: "no plan here (expected plan.json, written by `allot plan DATASET --out \(folder)`)")
        }
        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw ReadError(path: path, reason: "not a JSON object; write the plan again with `allot plan`")
        }
        guard let staff = root["staff"] as? [[String: Any]], let projects = root["projects"] as? [[String: Any]],
              let assignments = root["assignments"] as? [[String: Any]] else {
            throw ReadError(path: path, reason: "plan.json lacks staff, projects or assignments (made by an older allot?); plan again")
        }
        func number(_ v: Any?) -> Double { (v as? NSNumber)?.doubleValue ?? 0 }
        var doc = PlanDocument(name: root["name"] as? String, currency: root["currency"] as? String ?? "EUR", people: [:], projects: [:],
                               rows: [], source: nil, stageOptima: [], objective: root["objective"] as? String ?? "lexicographic")
        for s in staff {
            guard let id = s["id"] as? String else { continue }
            doc.people[id] = Person(id: id, name: s["name"] as? String, email: s["email"] as? String, costPerHour: number(s["cost_per_hour"]))
        }
        for p in projects {
            guard let id = p["id"] as? String else { continue }
            doc.projects[id] = ProjectInfo(id: id, name: p["name"] as? String, priority: (p["priority"] as? Int) ?? 0)
        }
        for a in assignments {
            guard let staff = a["staff_id"] as? String, let project = a["project_id"] as? String, let skill = a["skill"] as? String,
                  let period = a["period"] as? String, let start = (a["period_start"] as? String).flatMap(Day.init(iso:)),
                  let end = (a["period_end"] as? String).flatMap(Day.init(iso:)) else {
                throw ReadError(path: path, reason: "an assignment without staff_id, project_id, skill or period dates")
            }
            doc.rows.append(Row(staff: staff, project: project, skill: skill, period: period, start: start, end: end,
                                hours: number(a["hours"]), cost: number(a["cost"]), lockedHours: number(a["locked_hours"])))
        }
        if let src = root["source"] as? [String: Any], let dataset = src["dataset"] as? String, let fp = src["fingerprint"] as? String {
            doc.source = PlanSource(dataset: dataset, scenario: src["scenario"] as? String, fingerprint: fp)
        }
        for s in root["stage_optima"] as? [[String: Any]] ?? [] {
            doc.stageOptima.append((s["name"] as? String ?? "", (s["objective"] as? NSNumber)?.doubleValue))
        }
        return doc
    }

    /// Rows grouped per person and project (the unit of a tracker issue),
    /// sorted by person, then project.
    public var byPersonAndProject: [(staff: String, project: String, rows: [Row])] {
        var groups: [String: [Row]] = [:]
        var order: [(String, String)] = []
        for r in rows {
            let key = r.staff + "\u{0}" + r.project
            if groups[key] == nil { order.append((r.staff, r.project)) }
            groups[key, default: []].append(r)
        }
        return order.sorted { ($0.0.utf8.lexicographicallyPrecedes($1.0.utf8) || ($0.0 == $1.0 && $0.1.utf8.lexicographicallyPrecedes($1.1.utf8))) }
            .map { ($0.0, $0.1, groups[$0.0 + "\u{0}" + $0.1]!) }
    }

    public func person(_ id: String) -> Person { people[id] ?? Person(id: id, name: nil, email: nil, costPerHour: 0) }
    public func project(_ id: String) -> ProjectInfo { projects[id] ?? ProjectInfo(id: id, name: nil, priority: 0) }
}
