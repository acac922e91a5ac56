/// The manifest rules of docs/dataset-format.md: only `horizon` is required, everything else
/// has a default.
extension Validator {
    /// Keys the manifest may hold, by dotted path; anything else is warned about.
    static let manifestKeys: [String: Set<String>] = [
        "": ["name", "horizon", "currency", "defaults", "policies", "shaping", "objective", "solver", "scenarios"],
        "shaping": ["enabled", "cost_tolerance_percent"],
        "horizon": ["start", "end", "period"],
        "defaults": ["hours_per_week"],
        "policies": ["overtime", "max_projects_per_person", "min_hours_per_assignment", "stability"],
        "policies.overtime": ["max_percent", "premium", "priorities"],
        "solver": ["time_limit_s", "mip_gap"],
    ]

    static let fallbackHorizon = DayRange(Day(year: 2027, month: 1, day: 4)!, Day(year: 2027, month: 1, day: 10)!)

    mutating func readSettings(_ root: ManifestNode) -> Settings {
        guard case .mapping = root else {
            error(root.location, found: root.kindDescription, expected: "a YAML mapping with at least `horizon:`")
            horizonKnown = false
            return defaultSettings(horizon: Validator.fallbackHorizon)
        }
        checkKeys(root, path: "")
        let (horizon, period, horizonOK) = readHorizon(root)
        if !horizonOK { horizonKnown = false }
        var s = defaultSettings(horizon: horizon)
        s.period = period
        if let n = root["name"], !n.isNull { s.name = manifestString(n, "name") }
        if let c = root["currency"], !c.isNull { s.currency = manifestString(c, "currency") ?? s.currency }
        readDefaults(root, into: &s)
        readPolicies(root, into: &s)
        readObjective(root, into: &s)
        readShaping(root, into: &s)
        readSolver(root, into: &s)
        checkScenarios(root)
        return s
    }

    /// `horizon` (required): its days and period kind, and whether it is usable.
    mutating func readHorizon(_ root: ManifestNode) -> (DayRange, PeriodKind, Bool) {
        var horizonOK = false
        // horizon (required)
        var horizon = Validator.fallbackHorizon
        var period = PeriodKind.week
        if let h = root["horizon"] {
            if case .mapping = h {
                checkKeys(h, path: "horizon")
                let start = manifestDate(h["start"], "horizon.start", required: true, parent: h)
                let end = manifestDate(h["end"], "horizon.end", required: true, parent: h)
                if let start, let end {
                    if end < start {
                        error(
                            h["end"]!.location, found: "horizon.end \(end) before horizon.start \(start)",
                            expected: "an end on or after the start (both inclusive)")
                    } else {
                        horizon = DayRange(start, end)
                        horizonOK = true
                        if start.distance(to: end) > 366 * 5 {
                            warning(
                                h["end"]!.location,
                                found: "a horizon of \(formatGrouped(Double(start.distance(to: end) + 1))) days",
                                expected: "a horizon of at most 5 years (large horizons make large models)")
                        }
                    }
                }
                if let p = h["period"], !p.isNull {
                    if case .scalar(let s, _, _) = p, let kind = PeriodKind(rawValue: s) {
                        period = kind
                    } else {
                        error(p.location, found: "horizon.period \(p.kindDescription)", expected: "week or month")
                    }
                }
            } else {
                error(
                    h.location, found: "horizon \(h.kindDescription)",
                    expected: "a mapping such as {start: 2027-01-04, end: 2027-06-27, period: week}")
            }
        } else {
            error(
                root.location, found: "no horizon",
                expected: "`horizon: {start: YYYY-MM-DD, end: YYYY-MM-DD, period: week}` (the only required key)")
        }

        return (horizon, period, horizonOK)
    }

    mutating func readDefaults(_ root: ManifestNode, into s: inout Settings) {
        if let d = root["defaults"], !d.isNull {
            if case .mapping = d {
                checkKeys(d, path: "defaults")
                s.defaultHoursPerWeek =
                    manifestNumber(d["hours_per_week"], DatasetLimits.defaultHoursPerWeek)
                    ?? s.defaultHoursPerWeek
            } else {
                error(
                    d.location, found: "defaults \(d.kindDescription)",
                    expected: "a mapping such as {hours_per_week: 40}")
            }
        }
    }

    mutating func readPolicies(_ root: ManifestNode, into s: inout Settings) {
        if let p = root["policies"], !p.isNull {
            if case .mapping = p {
                checkKeys(p, path: "policies")
                if let o = p["overtime"], !o.isNull {
                    if case .mapping = o {
                        checkKeys(o, path: "policies.overtime")
                        s.overtimeMaxPercent =
                            manifestNumber(o["max_percent"], DatasetLimits.overtimeMaxPercent)
                            ?? s.overtimeMaxPercent
                        s.overtimePremium =
                            manifestNumber(o["premium"], DatasetLimits.overtimePremium)
                            ?? s.overtimePremium
                        if let list = o["priorities"], !list.isNull {
                            s.overtimePriorities = overtimePriorities(list)
                        }
                    } else {
                        error(
                            o.location, found: "policies.overtime \(o.kindDescription)",
                            expected: "a mapping such as {max_percent: 10, premium: 1.5}")
                    }
                }
                if let m = p["max_projects_per_person"], !m.isNull {
                    s.maxProjectsPerPerson = manifestInteger(m, DatasetLimits.maxProjectsPerPerson)
                }
                if let m = p["min_hours_per_assignment"], !m.isNull {
                    s.minHoursPerAssignment = manifestNumber(m, DatasetLimits.minHoursPerAssignment)
                }
                s.stability = manifestNumber(p["stability"], DatasetLimits.stability) ?? s.stability
            } else {
                error(
                    p.location, found: "policies \(p.kindDescription)",
                    expected: "a mapping (see docs/dataset-format.md)")
            }
        }
    }

    mutating func readObjective(_ root: ManifestNode, into s: inout Settings) {
        if let o = root["objective"], !o.isNull {
            if case .scalar(let text, _, _) = o, let objective = Settings.Objective(rawValue: text) {
                s.objective = objective
            } else {
                error(o.location, found: "objective \(o.kindDescription)", expected: "lexicographic or weighted")
            }
        }
    }

    mutating func readShaping(_ root: ManifestNode, into s: inout Settings) {
        if let shaping = root["shaping"], !shaping.isNull {
            if case .mapping = shaping {
                checkKeys(shaping, path: "shaping")
                if let e = shaping["enabled"], !e.isNull {
                    if case .scalar(let text, _, _) = e, let on = ["true": true, "false": false][text] {
                        s.shapingEnabled = on
                    } else {
                        error(e.location, found: "shaping.enabled \(e.kindDescription)", expected: "true or false")
                    }
                }
                s.shapingCostTolerancePercent =
                    manifestNumber(
                        shaping["cost_tolerance_percent"],
                        DatasetLimits.shapingCostTolerance)
                    ?? s.shapingCostTolerancePercent
            } else {
                error(
                    shaping.location, found: "shaping \(shaping.kindDescription)",
                    expected: "a mapping such as {enabled: true, cost_tolerance_percent: 0}")
            }
        }
    }

    mutating func readSolver(_ root: ManifestNode, into s: inout Settings) {
        if let solver = root["solver"], !solver.isNull {
            if case .mapping = solver {
                checkKeys(solver, path: "solver")
                s.timeLimit = manifestNumber(solver["time_limit_s"], DatasetLimits.timeLimit) ?? s.timeLimit
                s.mipGap = manifestNumber(solver["mip_gap"], DatasetLimits.mipGap) ?? s.mipGap
            } else {
                error(
                    solver.location, found: "solver \(solver.kindDescription)",
                    expected: "a mapping such as {time_limit_s: 60, mip_gap: 0.0001}")
            }
        }
    }

    mutating func checkScenarios(_ root: ManifestNode) {
        if let sc = root["scenarios"], !sc.isNull {
            if case .sequence = sc {
            } else {
                error(
                    sc.location, found: "scenarios \(sc.kindDescription)",
                    expected: "a list of scenarios (see docs/scenarios.md)"
                )
            }
        }
    }

    func defaultSettings(horizon: DayRange) -> Settings {
        Settings(
            name: nil, horizon: horizon, period: .week, currency: "EUR", defaultHoursPerWeek: 40,
            overtimeMaxPercent: 0, overtimePremium: 1.5, maxProjectsPerPerson: nil, minHoursPerAssignment: nil,
            stability: 0, objective: .lexicographic, timeLimit: 60, mipGap: 0.0001)
    }

    mutating func checkKeys(_ node: ManifestNode, path: String) {
        guard let known = Validator.manifestKeys[path] else { return }
        for entry in node.entries where !known.contains(entry.key) {
            let full = path.isEmpty ? entry.key : path + "." + entry.key
            warning(
                entry.keyLocation, found: "an unknown key \(quoted(full))",
                expected:
                    "one of \(known.sorted().joined(separator: ", "))\(suggestion(entry.key, among: Array(known))) (the key is ignored)"
            )
        }
    }

    mutating func manifestString(_ node: ManifestNode, _ what: String) -> String? {
        guard case .scalar(let s, _, _) = node else {
            error(node.location, found: "\(what) \(node.kindDescription)", expected: "a text value")
            return nil
        }
        return s
    }

    mutating func manifestDate(_ node: ManifestNode?, _ what: String, required: Bool, parent: ManifestNode) -> Day? {
        guard let node, !node.isNull else {
            if required { error(parent.location, found: "no \(what)", expected: "\(what) as a date YYYY-MM-DD") }
            return nil
        }
        guard case .scalar(let s, _, _) = node, let d = Day(iso: s) else {
            var text = ""
            if case .scalar(let s, _, _) = node { text = s }
            error(node.location, found: "\(what) \(node.kindDescription)", expected: Validator.dateExpectation(text))
            return nil
        }
        return d
    }

    /// A number in `range`, or an error quoting the value as written (1e-300
    /// is reported as 1e-300, not as a rounded 0).
    mutating func manifestNumber(_ node: ManifestNode?, _ range: ValueRange) -> Double? {
        guard let node, !node.isNull else { return nil }
        guard case .scalar(let s, _, _) = node, let v = Validator.parseNumber(s) else {
            error(node.location, found: "\(range.field) \(node.kindDescription)", expected: range.text)
            return nil
        }
        guard range.contains(v) else {
            error(node.location, found: "\(range.field) \(quoted(s))", expected: range.text)
            return nil
        }
        return v
    }

    /// policies.overtime.priorities: a list of priorities, e.g. [1, 2].
    mutating func overtimePriorities(_ node: ManifestNode) -> [Int]? {
        guard case .sequence(let items, _) = node else {
            error(
                node.location, found: "policies.overtime.priorities \(node.kindDescription)",
                expected: "a list of priorities such as [1, 2], or null for every priority")
            return nil
        }
        let values = items.compactMap { manifestInteger($0, DatasetLimits.priority) }
        return values.count == items.count ? Array(Set(values)).sorted() : nil
    }

    mutating func manifestInteger(_ node: ManifestNode, _ range: ValueRange) -> Int? {
        // Whole numbers as the tables read them: 3, 3.0 or 3e0 (a YAML float
        // such as 3.0 was refused here while projects.csv took priority 1.0).
        guard case .scalar(let s, _, _) = node, let v = Int(s).map(Double.init) ?? Validator.parseNumber(s),
            range.contains(v)
        else {
            error(node.location, found: "\(range.field) \(node.kindDescription)", expected: "\(range.text), or null")
            return nil
        }
        return Int(v)
    }
}
