/// The hours columns of one row of the plan: a person, project, skill and
/// period, with the locked hours already in it. Stability and compare's
/// closeness measure the plan by these rows.
public struct AssignmentGroup: Sendable {
    public var staff: String
    public var project: String
    public var skill: String
    public var period: String
    public var columns: [Int]
    public var locked: Double

    /// `staff|project|skill|period` by ids and period name (built on use:
    /// a large portfolio has millions of groups).
    public var key: String { AssignmentGroup.key(staff, project, skill, period) }
    public var name: String { "\(staff),\(project),\(skill),\(period)" }

    public static func key(_ staff: String, _ project: String, _ skill: String, _ period: String) -> String {
        staff + "|" + project + "|" + skill + "|" + period
    }

    /// The plan's rows in order of first appearance: hours columns first
    /// (in column order), then locked hours.
    static func all(_ instance: Instance, hours: HoursColumns) -> [AssignmentGroup] {
        struct GroupKey: Hashable { var staff: Int, project: Int, period: Int, skill: String }
        var groupIndex: [GroupKey: Int] = [:]
        var groups: [AssignmentGroup] = []
        func group(_ s: Int, _ p: Int, _ skill: String, _ t: Int) -> Int {
            let key = GroupKey(staff: s, project: p, period: t, skill: skill)
            if let g = groupIndex[key] { return g }
            groupIndex[key] = groups.count
            groups.append(
                AssignmentGroup(
                    staff: instance.staff[s].id.rawValue,
                    project: instance.projects[p].id.rawValue,
                    skill: skill, period: instance.periods[t].name, columns: [], locked: 0))
            return groups.count - 1
        }
        for (j, h) in hours.enumerated {
            let cell = instance.cells[h.cell]
            groups[group(h.staff, cell.project, cell.skill, h.period)].columns.append(j)
        }
        for l in instance.locked where l.held > 0 {
            groups[group(l.staff, l.project, l.commitment.skill, l.period)].locked += l.held
        }
        return groups
    }
}
