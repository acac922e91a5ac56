/// How steady and concentrated a plan is: the figures a resource manager
/// looks at before handing a plan to the team (docs/how-it-works.md,
/// "Shaping"). All of them come from the assignment rows.
public struct PlanShape: Sendable, Hashable {
    /// Per (person, project) pair with hours: the maximal stretches of
    /// consecutive periods in which the person works on the project.
    public var runsPerPair: Double
    public var mostRuns: Int
    /// Distinct projects per person who has hours.
    public var projectsPerPerson: Double
    public var mostProjects: Int
    /// Distinct people per (project, skill, period) with hours.
    public var peoplePerCell: Double
    /// Assignment rows (person, project, skill, period) under `sliver` hours.
    public var slivers: Int
    public var assignments: Int
    /// The share of assignment rows under `sliver` hours, in percent.
    public var sliverPercent: Double { assignments > 0 ? 100 * Double(slivers) / Double(assignments) : 0 }

    /// Hours below which an assignment is a sliver.
    public static let sliver = 4.0

    public init(_ assignments: [Assignment]) {
        struct Pair: Hashable { var staff: Staff.ID, project: Project.ID }
        struct Cell: Hashable { var project: Project.ID, skill: String, period: Int }
        var periodsOfPair: [Pair: Set<Int>] = [:]
        var projectsOf: [Staff.ID: Set<Project.ID>] = [:]
        var peopleOf: [Cell: Set<Staff.ID>] = [:]
        var slivers = 0, rows = 0
        for a in assignments where a.hours > 0 {
            rows += 1
            // As assignments.csv shows it (2 decimals): 3.9999999 is 4 h.
            if (a.hours * 100).rounded() / 100 < PlanShape.sliver { slivers += 1 }
            periodsOfPair[Pair(staff: a.staff, project: a.project), default: []].insert(a.period.id)
            projectsOf[a.staff, default: []].insert(a.project)
            peopleOf[Cell(project: a.project, skill: a.skill, period: a.period.id), default: []].insert(a.staff)
        }
        let runs = periodsOfPair.values.map { periods -> Int in
            let sorted = periods.sorted()
            return 1 + zip(sorted, sorted.dropFirst()).filter { $1 != $0 + 1 }.count
        }
        func mean(_ values: [Int]) -> Double {
            values.isEmpty ? 0 : Double(values.reduce(0, +)) / Double(values.count)
        }
        runsPerPair = mean(runs)
        mostRuns = runs.max() ?? 0
        projectsPerPerson = mean(projectsOf.values.map(\.count))
        mostProjects = projectsOf.values.map(\.count).max() ?? 0
        peoplePerCell = mean(peopleOf.values.map(\.count))
        self.slivers = slivers
        self.assignments = rows
    }
}
