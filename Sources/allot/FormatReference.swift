import AllotCore

/// The dataset format for the terminal: every key of allot.yaml and every column of the CSV tables, with what
/// the validator accepts (type, range, unit, default). `allot help format` prints it; `allot init` writes the
/// CSV part into the starter dataset's README.md.
enum FormatReference {
    /// A key of allot.yaml or a column of a table.
    struct Field {
        var name: String
        var required: Bool
        /// The type with its allowed values: a range of `DatasetLimits` (what validation checks), "week or month".
        var type: String
        var unit: String? = nil
        /// What an empty cell or an absent key means.
        var defaultValue: String? = nil
        var meaning: String
    }

    /// allot.yaml or one CSV table.
    struct Section {
        var file: String
        var required: Bool
        var summary: String
        var fields: [Field]
        /// Rules that concern several fields.
        var notes: [String] = []
    }

    static let general = """
        A dataset is a folder with allot.yaml and CSV tables. CSV files are UTF-8, comma-separated (quote cells \
        that hold commas), with a header row; header names are case-insensitive and unknown columns are ignored \
        with a warning. An empty cell means "not given". Dates are written YYYY-MM-DD and every start-end pair \
        includes both days. Numbers are plain decimals such as 40 or 37.5. Ids are letters, digits, '.', '_' and \
        '-', start with a letter or digit, are at most 64 characters long and are unique within their table.
        """

    static let id = "id (letters, digits, . _ -)"
    static let date = "date YYYY-MM-DD"
    /// A range that may also be null: "null, 0, or a number from 0.01 to 840".
    static func orNull(_ range: ValueRange) -> String {
        "null, " + (range.smallestNonZero == nil ? "or " : "") + range.text
    }

    static let sections: [Section] = [
        Section(
            file: "allot.yaml", required: true, summary: "the manifest: horizon, policies, solver, scenarios",
            fields: [
                Field(
                    name: "name", required: false, type: "text", defaultValue: "none",
                    meaning: "A title shown at the top of the plan summary."),
                Field(
                    name: "horizon.start", required: true, type: date,
                    meaning: "The first day planned (horizon: {start: ..., end: ..., period: ...})."),
                Field(
                    name: "horizon.end", required: true, type: "\(date), on or after horizon.start",
                    meaning: "The last day planned (inclusive). A horizon over 5 years draws a warning."),
                Field(
                    name: "horizon.period", required: false, type: "week or month", defaultValue: "week",
                    meaning: "week: ISO weeks, Monday to Sunday, named 2027-W01; month: calendar months, named "
                        + "2027-01. The first and last period count only the days inside the horizon."),
                Field(
                    name: "currency", required: false, type: "text", defaultValue: "EUR",
                    meaning: "The currency of costs, budgets and reports (no conversion)."),
                Field(
                    name: "defaults.hours_per_week", required: false, type: DatasetLimits.defaultHoursPerWeek.text,
                    unit: "hours per week",
                    defaultValue: "40", meaning: "The capacity of a person whose hours_per_week cell is empty."),
                Field(
                    name: "policies.overtime.max_percent", required: false, type: DatasetLimits.overtimeMaxPercent.text,
                    unit: "percent", defaultValue: "0 (no overtime)",
                    meaning: "A person may work up to capacity x (1 + max_percent/100) in a period."),
                Field(
                    name: "policies.overtime.premium", required: false,
                    type: "\(DatasetLimits.overtimePremium.text), a factor",
                    defaultValue: "1.5",
                    meaning: "Hours above capacity cost premium x the hourly rate in the total cost; budgets count "
                        + "them at the base rate."),
                Field(
                    name: "policies.overtime.priorities", required: false, type: "list of priorities, or null",
                    defaultValue: "null (every priority)",
                    meaning: "The priorities that hours above capacity may serve, e.g. [1, 2]: the others stay "
                        + "within capacity. Overtime is a decision of the plan, not a conflict."),
                Field(
                    name: "policies.max_projects_per_person", required: false,
                    type: orNull(DatasetLimits.maxProjectsPerPerson),
                    defaultValue: "null (no limit)",
                    meaning: "A person works on at most this many projects over the horizon. Makes the model a "
                        + "mixed-integer program (slower on large datasets)."),
                Field(
                    name: "policies.min_hours_per_assignment", required: false,
                    type: orNull(DatasetLimits.minHoursPerAssignment), unit: "hours", defaultValue: "null (no minimum)",
                    meaning: "A person who works on a project in a period works at least this many hours on it, "
                        + "or all of that project's demand they may serve then, when it is smaller. Makes the "
                        + "model a mixed-integer program."),
                Field(
                    name: "policies.stability", required: false, type: DatasetLimits.stability.text,
                    unit: "currency per hour", defaultValue: "0",
                    meaning: "The cost of each hour by which the plan differs from the unlocked rows of "
                        + "commitments.csv: keeps the plan close to the existing one."),
                Field(
                    name: "shaping.enabled", required: false, type: "true or false", defaultValue: "true",
                    meaning: "After the cost stage, a closing stage picks, among the plans with the same staffed "
                        + "hours and cost, the steadiest: few projects per person, few people per project, "
                        + "steady hours from week to week."),
                Field(
                    name: "shaping.cost_tolerance_percent", required: false,
                    type: DatasetLimits.shapingCostTolerance.text,
                    unit: "percent", defaultValue: "0",
                    meaning: "How far above its optimum the cost may go for a steadier plan. Staffed hours "
                        + "never change."),
                Field(
                    name: "objective", required: false, type: "lexicographic or weighted",
                    defaultValue: "lexicographic",
                    meaning: "lexicographic: staff as many priority-1 hours as possible, then (holding that) "
                        + "priority 2, and so on, then the least cost. weighted: one solve that weighs unmet hours "
                        + "by priority, plus cost. --objective overrides it."),
                Field(
                    name: "solver.time_limit_s", required: false, type: DatasetLimits.timeLimit.text, unit: "seconds",
                    defaultValue: "60",
                    meaning: "Time for the whole solve, shared by its stages; --time-limit overrides it. A solve that "
                        + "hits it still writes the best plan found, with its gap."),
                Field(
                    name: "solver.mip_gap", required: false, type: DatasetLimits.mipGap.text, defaultValue: "0.0001",
                    meaning: "The relative gap at which a mixed-integer solve stops."),
                Field(
                    name: "scenarios", required: false, type: "list", defaultValue: "[] (none)",
                    meaning: "What-ifs, planned with `allot plan DIR --scenario NAME` or side by side with "
                        + "`allot compare DIR`. Each has a name, an optional description, an optional base (a "
                        + "scenario it builds on) and changes, applied in order:"),
            ],
            notes: [
                "{op: leave, staff: ID, start: DATE, end: DATE, hours_per_week: H}: adds a leave row (end defaults to "
                    + "the end of the plan, hours_per_week to 0)",
                "{op: add, table: TABLE, row: {column: value, ...}}: appends a row",
                "{op: remove, table: TABLE, id: ID}: drops the row and every row that refers to it",
                "{op: set, table: TABLE, id: ID, field: COLUMN, value: V}: changes one cell (without id: the column "
                    + "in every row)",
                "{op: set, path: policies.overtime.max_percent, value: V}: changes a value of allot.yaml",
                "{op: scale, table: TABLE, id: ID, field: COLUMN, factor: F}: multiplies a number (without id: in "
                    + "every row; empty cells stay empty)",
            ]),
        Section(
            file: "staff.csv", required: true, summary: "one row per person",
            fields: [
                Field(
                    name: "id", required: true, type: id,
                    meaning: "The person, as leave.csv and commitments.csv name them."),
                Field(name: "name", required: false, type: "text", meaning: "Shown in reports and exports."),
                Field(
                    name: "email", required: false, type: "text with an @ (else a warning)",
                    meaning: "Jira and Asana exports assign work by email."),
                Field(
                    name: "cost_per_hour", required: true, type: DatasetLimits.costPerHour.text,
                    unit: "currency per hour",
                    meaning: "What one hour of this person costs: the total cost and the budgets use it."),
                Field(
                    name: "hours_per_week", required: false, type: DatasetLimits.staffHoursPerWeek.text,
                    unit: "hours per week",
                    defaultValue: "defaults.hours_per_week in allot.yaml",
                    meaning: "Capacity in a normal week; each working day (Monday to Friday, not a holiday) gets "
                        + "a fifth of it."),
                Field(
                    name: "skills", required: true, type: "skill:level pairs joined by ;",
                    meaning: "What the person can do and how well, e.g. swift:4;sql:3. A skill name is written "
                        + "like an id; a level is a whole number from 1 to 5; each skill once."),
                Field(
                    name: "start", required: false, type: date, defaultValue: "employed from the horizon's start",
                    meaning: "The first day employed: no capacity before it."),
                Field(
                    name: "end", required: false, type: "\(date), on or after start",
                    defaultValue: "employed to the horizon's end", meaning: "The last day employed (inclusive)."),
                Field(
                    name: "paid", required: false, type: "hours or capacity", defaultValue: "hours",
                    meaning: "hours: paid per hour worked (freelancers). capacity: paid for every hour of capacity, "
                        + "worked or not (salaried staff, contracted hires): cost_per_hour x capacity in every "
                        + "period; only overtime adds to it. Budgets charge every planned hour either way."),
            ]),
        Section(
            file: "projects.csv", required: true, summary: "one row per project",
            fields: [
                Field(
                    name: "id", required: true, type: id,
                    meaning: "The project, as demand.csv and commitments.csv name it."),
                Field(name: "name", required: false, type: "text", meaning: "Shown in reports and exports."),
                Field(
                    name: "priority", required: true, type: DatasetLimits.priority.text,
                    meaning: "1 = most important. No hour of a higher priority is given up to staff a lower one."),
                Field(
                    name: "start", required: false, type: date, defaultValue: "the horizon's start",
                    meaning: "The first day of the project: the default window of its demand lines."),
                Field(
                    name: "end", required: false, type: "\(date), on or after start",
                    defaultValue: "the horizon's end", meaning: "The last day of the project (inclusive)."),
                Field(
                    name: "budget", required: false, type: DatasetLimits.budget.text, unit: "currency",
                    defaultValue: "unlimited",
                    meaning: "The most the project may spend over the horizon: planned hours x the people's "
                        + "cost_per_hour."),
            ]),
        Section(
            file: "demand.csv", required: true, summary: "what each project needs, one row per skill and window",
            fields: [
                Field(
                    name: "project_id", required: true, type: "an id from projects.csv",
                    meaning: "The project that needs the work."),
                Field(
                    name: "skill", required: true, type: "skill name (written like an id)",
                    meaning: "The skill needed; a skill nobody has draws a warning (it cannot be staffed)."),
                Field(
                    name: "min_level", required: false, type: DatasetLimits.minLevel.text, defaultValue: "1",
                    meaning: "Only people with the skill at this level or above may do the work."),
                Field(
                    name: "hours_per_week", required: false, type: DatasetLimits.demandHoursPerWeek.text,
                    unit: "hours per week",
                    meaning: "A steady need: every period of the window asks for a fifth of it per working day."),
                Field(
                    name: "total_hours", required: false, type: DatasetLimits.totalHours.text, unit: "hours",
                    meaning: "An effort: this many hours in total, in any periods that overlap the window."),
                Field(
                    name: "start", required: false, type: date, defaultValue: "the project's start, else the horizon's",
                    meaning: "The first day of the window."),
                Field(
                    name: "end", required: false, type: "\(date), on or after start",
                    defaultValue: "the project's end, else the horizon's",
                    meaning: "The last day of the window (inclusive). The window must overlap the horizon."),
            ], notes: ["Each row gives exactly one of hours_per_week and total_hours."]),
        Section(
            file: "leave.csv", required: false, summary: "absences and reduced hours, one row per stretch",
            fields: [
                Field(name: "staff_id", required: true, type: "an id from staff.csv", meaning: "Who is away."),
                Field(name: "start", required: true, type: date, meaning: "The first day of leave."),
                Field(
                    name: "end", required: true, type: "\(date), on or after start",
                    meaning: "The last day of leave (inclusive)."),
                Field(
                    name: "hours_per_week", required: false, type: DatasetLimits.leaveHoursPerWeek.text,
                    unit: "hours per week",
                    defaultValue: "0 (absent)",
                    meaning: "Capacity during the leave, e.g. 20 for half days. On a day two rows cover, the lower "
                        + "applies (and a warning says so)."),
            ]),
        Section(
            file: "holidays.csv", required: false, summary: "days nobody works",
            fields: [
                Field(
                    name: "date", required: true, type: date,
                    meaning: "A non-working day for everyone; a date given twice draws a warning."),
                Field(
                    name: "name", required: false, type: "text",
                    meaning: "What the day is, for people reading the file."),
            ]),
        Section(
            file: "commitments.csv", required: false,
            summary: "the existing plan, one row per person, project, "
                + "skill and stretch",
            fields: [
                Field(name: "staff_id", required: true, type: "an id from staff.csv", meaning: "Who is committed."),
                Field(
                    name: "project_id", required: true, type: "an id from projects.csv", meaning: "To which project."),
                Field(
                    name: "skill", required: true, type: "skill name",
                    meaning: "For which skill (one the person lacks draws a warning; the hours still count)."),
                Field(name: "start", required: true, type: date, meaning: "The first day of the commitment."),
                Field(
                    name: "end", required: true, type: "\(date), on or after start",
                    meaning: "The last day (inclusive). A commitment outside the horizon is ignored, with a warning."),
                Field(
                    name: "hours_per_week", required: true, type: DatasetLimits.commitmentHoursPerWeek.text,
                    unit: "hours per week",
                    meaning: "The committed hours in a normal week."),
                Field(
                    name: "locked", required: false, type: "true or false (also yes/no, y/n, 1/0)",
                    defaultValue: "false",
                    meaning: "true: the plan must hold these hours (what capacity cannot hold is reported as a "
                        + "conflict). false: a baseline that policies.stability keeps the plan close to."),
            ]),
    ]

    /// The section a user named: allot.yaml (or allot, yaml, manifest), or a table with or without .csv.
    static func section(named name: String) -> Section? {
        let key = name.lowercased()
        if ["allot", "yaml", "manifest"].contains(key) { return sections[0] }
        return sections.first { $0.file == key || $0.file == key + ".csv" }
    }

    /// The reference, whole or for one section, wrapped to `width` columns.
    static func text(_ only: Section? = nil, width: Int = 80) -> String {
        var lines: [String] = []
        if only == nil {
            lines += wrap(general, width: width, indent: "")
            lines.append("")
        }
        for section in only.map({ [$0] }) ?? sections {
            lines += render(section, width: width)
            lines.append("")
        }
        return lines.dropLast().joined(separator: "\n") + "\n"
    }

    static let nameWidth = 20

    static func render(_ section: Section, width: Int) -> [String] {
        let title = "\(section.file) (\(section.required ? "required" : "optional") file): \(section.summary)"
        var lines = wrap(title, width: width, indent: "    ", first: "")
        let indent = String(repeating: " ", count: nameWidth + 2)
        for field in section.fields {
            var attributes = (field.required ? "required" : "optional") + ", " + field.type
            if let unit = field.unit { attributes += ", in \(unit)" }
            if let value = field.defaultValue { attributes += "; default: \(value)" }
            let name = "  " + field.name
            if name.count < nameWidth + 2 {
                let head = name.padding(toLength: nameWidth + 2, withPad: " ", startingAt: 0)
                lines += wrap(attributes, width: width, indent: indent, first: head)
            } else {
                lines.append(name)
                lines += wrap(attributes, width: width, indent: indent)
            }
            lines += wrap(field.meaning, width: width, indent: indent + "  ")
        }
        for note in section.notes {
            lines += wrap(note, width: width, indent: "      ", first: "    - ")
        }
        return lines
    }

    static func wrap(_ text: String, width: Int, indent: String, first: String? = nil) -> [String] {
        wrapped(text, width: width, indent: indent, first: first)
    }
}
