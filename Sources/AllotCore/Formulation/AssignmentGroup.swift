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
    /// Keyed by integers (the skill by its number here) and built in place:
    /// on bench tier XL (2.4M groups) a String in the key and the array's
    /// doublings took 4.8 s and 350 MB at the build's peak.
    static func all(_ instance: Instance, hours: HoursColumns) -> [AssignmentGroup] {
        struct GroupKey: Hashable { var staff: Int32, project: Int32, period: Int32, skill: Int32 }
        var skills: [String: Int32] = [:]
        func number(_ skill: String) -> Int32 {
            if let k = skills[skill] { return k }
            skills[skill] = Int32(skills.count)
            return Int32(skills.count - 1)
        }
        let most = hours.count + instance.locked.count
        var groupIndex: [GroupKey: Int] = [:]
        groupIndex.reserveCapacity(most)
        var groups: [AssignmentGroup] = []
        groups.reserveCapacity(most)
        func group(_ s: Int, _ p: Int, _ skill: String, _ t: Int, number k: Int32) -> Int {
            let key = GroupKey(staff: Int32(s), project: Int32(p), period: Int32(t), skill: k)
            if let g = groupIndex[key] { return g }
            groupIndex[key] = groups.count
            groups.append(
                AssignmentGroup(
                    staff: instance.staff[s].id.rawValue,
                    project: instance.projects[p].id.rawValue,
                    skill: skill, period: instance.periods[t].name, columns: [], locked: 0))
            return groups.count - 1
        }
        let skillOfCell = instance.cells.map { number($0.skill) }
        for (j, h) in hours.enumerated {
            let cell = instance.cells[h.cell]
            groups[group(h.staff, cell.project, cell.skill, h.period, number: skillOfCell[h.cell])].columns.append(j)
        }
        for l in instance.locked where l.held > 0 {
            let k = number(l.commitment.skill)
            groups[group(l.staff, l.project, l.commitment.skill, l.period, number: k)].locked += l.held
        }
        return groups
    }
}
