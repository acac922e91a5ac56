/// What changed in the assignments between two plans, per person, project,
/// skill and period.
public struct AssignmentDiff: Sendable {
    public struct Change: Sendable, Hashable {
        public enum Kind: String, Sendable { case added, removed, changed }
        public var kind: Kind
        public var staff: String
        public var project: String
        public var skill: String
        public var period: Period
        public var before: Double
        public var after: Double
        public var delta: Double { after - before }
    }

    public var changes: [Change]

    public var added: Int { changes.filter { $0.kind == .added }.count }
    public var removed: Int { changes.filter { $0.kind == .removed }.count }
    public var changed: Int { changes.filter { $0.kind == .changed }.count }
    /// Sum over person, project, skill and period of |scenario - base| hours.
    public var hoursMoved: Double { changes.reduce(0) { $0 + abs($1.delta) } }

    public init(from base: Plan, to other: Plan) {
        struct Key: Hashable, Comparable {
            var staff: String, project: String, skill: String, period: Int
            static func < (a: Key, b: Key) -> Bool {
                (a.staff, a.project, a.skill, a.period) < (b.staff, b.project, b.skill, b.period)
            }
        }
        var periods: [Int: Period] = [:]
        var before: [Key: Double] = [:], after: [Key: Double] = [:]
        for a in base.assignments {
            before[Key(staff: a.staff.rawValue, project: a.project.rawValue, skill: a.skill, period: a.period.id)] =
                a.hours
            periods[a.period.id] = a.period
        }
        for a in other.assignments {
            after[Key(staff: a.staff.rawValue, project: a.project.rawValue, skill: a.skill, period: a.period.id)] =
                a.hours
            periods[a.period.id] = a.period
        }
        changes = Set(before.keys).union(after.keys).sorted().compactMap { k in
            let b = before[k] ?? 0, a = after[k] ?? 0
            guard abs(a - b) >= Plan.reportable else { return nil }
            let kind: Change.Kind = before[k] == nil ? .added : (after[k] == nil ? .removed : .changed)
            return Change(
                kind: kind, staff: k.staff, project: k.project, skill: k.skill, period: periods[k.period]!, before: b,
                after: a)
        }
    }
}
