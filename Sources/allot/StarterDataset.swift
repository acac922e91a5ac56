/// The dataset `allot init` writes: small enough to check by hand (two weeks, six people, three projects), and
/// showing each feature once: a part-timer, a person with the default hours, leave, a holiday, a budget that
/// runs out, hours per week and a total, minimum levels, and a what-if scenario.
enum StarterDataset {
    static let manifest = """
        # allot.yaml: the manifest of an allot dataset. Only `horizon` is required; the
        # other keys show their defaults (name and the scenario are examples).
        # `allot help format allot.yaml` lists every key; README.md explains the CSV files.
        name: Starter portfolio               # a title for the plan summary
        horizon:                              # the days to plan, both inclusive
          start: 2027-01-04                   # YYYY-MM-DD (a Monday)
          end: 2027-01-17                     # two ISO weeks: 2027-W01 and 2027-W02
          period: week                        # week (ISO weeks) or month (calendar months)
        currency: EUR                         # the currency of cost_per_hour and budget
        defaults:                             # values for cells left empty
          hours_per_week: 40                  # for people whose hours_per_week cell is empty
        policies:                             # rules every plan keeps
          overtime:                           # hours above a person's capacity
            max_percent: 0                    # extra hours a person may work, in % of capacity
            premium: 1.5                      # an overtime hour costs this times the hourly rate
            priorities: null                  # only these priorities may use it, e.g. [1, 2] (null: all)
          max_projects_per_person: null       # at most N projects per person (null: no limit)
          min_hours_per_assignment: null      # at least H hours on a project in a period, if any
          stability: 0                        # cost per hour moved away from commitments.csv
        shaping:                              # among plans with the same hours and cost, the steadiest
          enabled: true                       # false: keep the cost stage's plan as it is
          cost_tolerance_percent: 0           # may cost this % more than the least cost to be steadier
        objective: lexicographic              # priority 1 first, then 2, ..., then least cost;
                                              # or weighted: one solve weighing priorities
        solver:                               # GLPK, the solver
          time_limit_s: 60                    # seconds for the whole solve (--time-limit)
          mip_gap: 0.0001                     # when an integer solve may stop (relative gap)
        scenarios:                            # what-ifs: allot plan DIR --scenario NAME,
                                              # or all side by side: allot compare DIR
          - name: more-billing-budget
            description: Billing gets 5500 EUR instead of 5000, enough for all its demand
            changes:                          # leave, add, remove, set or scale, in order
              - {op: set, table: projects, id: billing, field: budget, value: 5500}

        """

    static let staff = """
        id,name,email,cost_per_hour,hours_per_week,skills,start,end
        ana.ortiz,Ana Ortiz,ana.ortiz@example.com,90,40,backend:4;sql:3,,
        ben.carter,Ben Carter,ben.carter@example.com,75,40,backend:2;frontend:3,,
        chloe.martin,Chloe Martin,chloe.martin@example.com,80,20,frontend:4;design:3,,
        dev.patel,Dev Patel,dev.patel@example.com,100,40,sql:5;backend:3,,
        emil.novak,Emil Novak,emil.novak@example.com,60,40,qa:3;frontend:2,,
        fatima.zahra,Fatima Zahra,fatima.zahra@example.com,110,,design:5;frontend:3,,

        """

    static let projects = """
        id,name,priority,start,end,budget
        portal,Customer portal,1,,,
        billing,Billing migration,2,,,5000
        intranet,Intranet refresh,3,,,

        """

    static let demand = """
        project_id,skill,min_level,hours_per_week,total_hours,start,end
        portal,backend,3,30,,,
        portal,frontend,3,20,,,
        billing,sql,4,,40,,
        billing,backend,,10,,,
        intranet,design,4,10,,,
        intranet,qa,,,20,,

        """

    static let leave = """
        staff_id,start,end,hours_per_week
        ben.carter,2027-01-11,2027-01-15,

        """

    static let holidays = """
        date,name
        2027-01-06,Epiphany

        """

    static var readme: String {
        let tables = FormatReference.sections.filter { $0.file != "allot.yaml" && $0.file != "commitments.csv" }
        return """
            # Starter portfolio

            A dataset for `allot`, written by `allot init`: six people, three projects and
            two weeks (2027-01-04 to 2027-01-17). Replace its rows with your own, starting
            with staff.csv, projects.csv and demand.csv, then run:

                allot validate .
                allot plan .

            The plan goes into ./plan (give `--out DIR` to put it elsewhere); allot reads
            only the files below, so the plan folder never changes the dataset.

            What is in it:

            - allot.yaml: the horizon, the policies and one what-if scenario; its comments
              explain each key.
            - staff.csv: Chloe works part time (20 hours a week); Fatima's hours are empty,
              so she has the default 40 from allot.yaml.
            - leave.csv: Ben is away in the second week.
            - holidays.csv: 6 January is a holiday, so the first week has 4 working days.
            - projects.csv: portal comes first (priority 1); billing has a budget of 5000.
            - demand.csv: hours_per_week lines and two total_hours lines, some with min_level.

            Its plan staffs every hour of portal and intranet; billing's budget runs out
            5 hours short of its sql work, and the scenario more-billing-budget
            (`allot plan . --scenario more-billing-budget`) shows what 500 more buys.

            commitments.csv (optional, not here) holds an existing plan; see
            `allot help format commitments`.

            ## The files and their columns

            ```
            \(tables.map { FormatReference.render($0, width: 80).joined(separator: "\n") }.joined(separator: "\n\n"))
            ```

            CSV files cannot hold comments: this file explains them. `allot help format`
            prints the same reference in the terminal, with allot.yaml's keys.

            """
    }

    /// File names and contents, in the order they are written.
    static var files: [(name: String, text: String)] {
        [
            ("allot.yaml", manifest), ("staff.csv", staff), ("projects.csv", projects), ("demand.csv", demand),
            ("leave.csv", leave), ("holidays.csv", holidays), ("README.md", readme),
        ]
    }
}
