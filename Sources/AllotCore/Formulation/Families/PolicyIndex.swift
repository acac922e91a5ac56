/// What the integer policies share: the hours columns per (person, project,
/// period), and the pairs and triples that locked hours already fix. Built
/// only when a policy is on (a large portfolio has millions of entries).
struct PolicyIndex: Sendable {
    /// Hours columns per (person, project, period).
    let columnsSPT: [SPT: [Int]]
    /// The keys of `columnsSPT`, sorted.
    let triples: [SPT]
    /// (person, project) pairs and (person, project, period) triples that
    /// locked hours already put a person on.
    let lockedSP: Set<SP>
    let lockedSPT: Set<SPT>

    /// Empty when neither max_projects_per_person nor min_hours_per_assignment is set.
    init(_ instance: Instance, hours: HoursColumns, lockedOnCell: [Double]) {
        let settings = instance.settings
        var columnsSPT: [SPT: [Int]] = [:]
        if settings.usesIntegerPolicies {
            for (j, h) in hours.enumerated {
                let key = SPT(staff: h.staff, project: instance.cells[h.cell].project, period: h.period)
                columnsSPT[key, default: []].append(j)
            }
        }
        var lockedSP = Set<SP>(), lockedSPT = Set<SPT>()
        for l in instance.locked where l.held > 0 {
            lockedSP.insert(SP(staff: l.staff, project: l.project))
            lockedSPT.insert(SPT(staff: l.staff, project: l.project, period: l.period))
        }
        let cellsSPT = columnsSPT.mapValues { columns in Set(columns.map { hours[column: $0].cell }).sorted() }
        self.demand = cellsSPT.mapValues { cells in cells.reduce(0.0) { $0 + instance.cells[$1].requested } }
        self.open = cellsSPT.mapValues { cells in
            max(0, cells.reduce(0.0) { $0 + instance.cells[$1].requested - lockedOnCell[$1] })
        }
        self.columnsSPT = columnsSPT
        self.triples = columnsSPT.keys.sorted()
        self.lockedSP = lockedSP
        self.lockedSPT = lockedSPT
    }

    /// D of (s, p, t): the project's demand in t that s may serve, the cells
    /// of s's columns there (a total_hours cell with its whole total). Hours
    /// of s on p in t never exceed it. Computed once, for both policies.
    let demand: [SPT: Double]
    /// The part of D that locked hours leave open (they count against the
    /// matching demand first, `LockedPools.onCell`): the D of min(H, D), so
    /// that what locked hours leave of a demand can still be staffed, by
    /// one person, in one piece (10 h asked, 6 h locked: a block of 4 h).
    let open: [SPT: Double]

    /// Big-M of the linking rows: the person's hours left in that period
    /// (the rows use the smaller of this and the demand D they may serve).
    static func room(_ instance: Instance, _ s: Int, _ t: Int) -> Double {
        max(0, instance.maxHours(s, t) - instance.lockedLoad[s][t])
    }
}

/// A (person, project) key.
struct SP: Hashable, Comparable, Sendable {
    var staff: Int, project: Int
    static func < (a: SP, b: SP) -> Bool { (a.staff, a.project) < (b.staff, b.project) }
}

/// A (person, project, period) key.
struct SPT: Hashable, Comparable, Sendable {
    var staff: Int, project: Int, period: Int
    static func < (a: SPT, b: SPT) -> Bool { (a.staff, a.project, a.period) < (b.staff, b.project, b.period) }
}
