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
}

/// Every row of the plan (`AssignmentGroup`), held as flat arrays: each
/// group as four numbers and its locked hours, its columns in one shared
/// list. A group is made on use. On bench tier XL (2.4M groups) an array of
/// `AssignmentGroup`s, with four strings and an array of columns each, took
/// about 300 MB for the whole solve.
public struct AssignmentGroups: RandomAccessCollection, Sendable {
    private let staffIDs: [String]
    private let projectIDs: [String]
    private let skillNames: [String]
    private let periodNames: [String]
    private let staff: [Int32]
    private let project: [Int32]
    private let skill: [Int32]
    private let period: [Int32]
    private let lockedHours: [Double]
    /// Group g's columns are `columnList[columnStart[g]..<columnStart[g + 1]]`.
    private let columnStart: [Int32]
    private let columnList: [Int32]

    public var startIndex: Int { 0 }
    public var endIndex: Int { lockedHours.count }

    public subscript(g: Int) -> AssignmentGroup {
        AssignmentGroup(
            staff: staffIDs[Int(staff[g])], project: projectIDs[Int(project[g])], skill: skillNames[Int(skill[g])],
            period: periodNames[Int(period[g])], columns: columns(of: g).map(Int.init), locked: lockedHours[g])
    }

    /// Group g's hours columns, in column order.
    public func columns(of g: Int) -> ArraySlice<Int32> {
        columnList[Int(columnStart[g])..<Int(columnStart[g + 1])]
    }

    public func locked(of g: Int) -> Double { lockedHours[g] }

    /// The plan's rows in order of first appearance: hours columns first
    /// (in column order), then locked hours.
    /// Keyed by integers (the skill by its number here) and built in place:
    /// on bench tier XL (2.4M groups) a String in the key and the array's
    /// doublings took 4.8 s and 350 MB at the build's peak.
    init(_ instance: Instance, hours: HoursColumns) {
        struct GroupKey: Hashable { var staff: Int32, project: Int32, period: Int32, skill: Int32 }
        var skills: [String: Int32] = [:]
        var skillNames: [String] = []
        func number(_ skill: String) -> Int32 {
            if let k = skills[skill] { return k }
            skills[skill] = Int32(skillNames.count)
            skillNames.append(skill)
            return Int32(skillNames.count - 1)
        }
        let most = hours.count + instance.locked.count
        var groupIndex: [GroupKey: Int32] = [:]
        groupIndex.reserveCapacity(most)
        var keys: [GroupKey] = []
        keys.reserveCapacity(most)
        func group(_ s: Int, _ p: Int, _ t: Int, number k: Int32) -> Int32 {
            let key = GroupKey(staff: Int32(s), project: Int32(p), period: Int32(t), skill: k)
            if let g = groupIndex[key] { return g }
            groupIndex[key] = Int32(keys.count)
            keys.append(key)
            return Int32(keys.count - 1)
        }
        let skillOfCell = instance.cells.map { number($0.skill) }
        var groupOfColumn: [Int32] = []
        groupOfColumn.reserveCapacity(hours.count)
        for h in hours.entries {
            let cell = instance.cells[h.cell]
            groupOfColumn.append(group(h.staff, cell.project, h.period, number: skillOfCell[h.cell]))
        }
        var locked: [(group: Int32, hours: Double)] = []
        for l in instance.locked where l.held > 0 {
            locked.append((group(l.staff, l.project, l.period, number: number(l.commitment.skill)), l.held))
        }
        groupIndex = [:]
        // Columns per group, in column order (counting sort).
        var start = [Int32](repeating: 0, count: keys.count + 1)
        for g in groupOfColumn { start[Int(g) + 1] += 1 }
        for g in 0..<keys.count { start[g + 1] += start[g] }
        var next = start
        var list = [Int32](repeating: 0, count: groupOfColumn.count)
        for (k, g) in groupOfColumn.enumerated() {
            list[Int(next[Int(g)])] = Int32(hours.columns.lowerBound + k)
            next[Int(g)] += 1
        }
        var lockedHours = [Double](repeating: 0, count: keys.count)
        for (g, h) in locked { lockedHours[Int(g)] += h }

        staffIDs = instance.staff.map(\.id.rawValue)
        projectIDs = instance.projects.map(\.id.rawValue)
        periodNames = instance.periods.map(\.name)
        self.skillNames = skillNames
        staff = keys.map(\.staff)
        project = keys.map(\.project)
        skill = keys.map(\.skill)
        period = keys.map(\.period)
        self.lockedHours = lockedHours
        columnStart = start
        columnList = list
    }
}
