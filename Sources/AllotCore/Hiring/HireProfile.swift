/// A placeholder person that `suggest-hires` proposes (docs/suggest-hires.md): one skill at one level,
/// some hours per week between two dates, at a rate. It is written as a what-if scenario of allot.yaml
/// (`scenarioYAML`), and checked by planning exactly that scenario.
public struct HireProfile: Sendable, Hashable {
    /// The scenario's name, e.g. `hire-sap-2027-W01`.
    public var scenario: String
    /// The staff id of the placeholder, e.g. `hire.sap.2027-W01`.
    public var id: String
    public var skill: String
    public var level: Int
    public var hoursPerWeek: Double
    /// The employment window, inclusive.
    public var start: Day
    public var end: Day
    public var costPerHour: Double
    public var paid: Staff.Paid
    /// The unmet demand the profile was sized from: the periods, the hours
    /// and the projects they belong to (in id order).
    public var firstPeriod: String
    public var lastPeriod: String
    public var unmetHours: Double
    public var projects: [Project.ID]
    /// The base plan's marginal value of capacity of the skill (`by_skill` in summary.json), summed over
    /// the stretch's periods at the stages of the priorities asked for: the hours of those priorities
    /// that one more hour of every qualified person in every one of these periods would staff. 0 when
    /// nobody has the skill (no capacity, no marginal value).
    public var marginalValue: Double = 0

    /// One line for people, also the scenario's `description:`.
    public var summary: String {
        let pay = paid == .capacity ? "paid for capacity" : "paid per hour"
        return "\(skill) at level \(level), \(format(hoursPerWeek)) h/week from \(start) to \(end), "
            + "\(format(costPerHour))/h, \(pay)"
    }

    /// The scenario as an item of the `scenarios:` list in allot.yaml, indented as in the docs: paste it
    /// under `scenarios:`. Values are written as they would be in staff.csv.
    public var scenarioYAML: String {
        let row = [
            "id: \(id)",
            "name: \(yamlQuoted("\(skill) hire"))",
            "cost_per_hour: \(format(costPerHour))",
            "hours_per_week: \(format(hoursPerWeek))",
            "skills: \(yamlQuoted("\(skill):\(level)"))",
            "start: \(start)",
            "end: \(end)",
            "paid: \(paid.rawValue)",
        ].joined(separator: ", ")
        return """
              - name: \(scenario)
                description: \(yamlQuoted("Suggested hire: " + summary))
                changes:
                  - {op: add, table: staff, row: {\(row)}}

            """
    }
}

/// A double-quoted YAML scalar: backslash and quote escaped, control characters as \uXXXX.
func yamlQuoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case _ where scalar.value < 0x20 || scalar.value == 0x7F:
            let hex = String(scalar.value, radix: 16, uppercase: true)
            out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}
