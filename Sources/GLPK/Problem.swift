import CGLPK
import CGLPKGuard
import Foundation
import LinearModel

/// A GLPK problem owned by one solver thread. Not `Sendable`; made only by
/// `GLPKSession.makeProblem`. Every call checks the thread and that no
/// earlier GLPK error has freed the problem, validates its arguments in Swift,
/// and goes through the C guard.
public final class Problem: SubsetEngine {
    private unowned let session: GLPKSession
    private var pointer: OpaquePointer?
    private let generation: UInt
    public private(set) var rowCount: Int
    public private(set) var columnCount: Int
    /// The names of the rows and columns, kept only when GLPK holds them
    /// (`names: true`): they are checked against new names only then.
    public private(set) var rowNames: [String]
    public private(set) var columnNames: [String]
    private var integerColumns: Set<Int>
    /// Whether GLPK holds the names too (its writers and messages use them;
    /// solving does not, and a large model saves ~50 bytes a column).
    private let namesInGLPK: Bool
    /// The solution the last solve produced.
    public private(set) var lastSolution: SolutionKind = .basic

    init(session: GLPKSession, model: LinearProblem, names: Bool) throws(GLPKError) {
        self.session = session
        self.namesInGLPK = names
        self.generation = UInt(gw_generation())
        self.rowCount = model.rows.count
        self.columnCount = model.columns.count
        self.rowNames = names ? model.rows.map(\.name) : []
        self.columnNames = names ? model.columns.map(\.name) : []
        self.integerColumns = Set(model.columns.indices.filter { model.columns[$0].kind != .continuous })
        var p: OpaquePointer?
        try Problem.check(gw_create_prob(&p))
        pointer = p
        try load(model)
    }

    deinit { free() }

    /// Frees the GLPK problem, but only from its own thread and only while the
    /// thread's environment still owns it; otherwise it is already gone.
    func free() {
        guard let p = pointer else { return }
        pointer = nil
        guard pthread_equal(pthread_self(), session.owner) != 0,
            UInt(gw_generation()) == generation
        else { return }
        _ = gw_delete_prob(p)
    }

    private func live() throws(GLPKError) -> OpaquePointer {
        try session.checkThread()
        guard let p = pointer, UInt(gw_generation()) == generation else { throw .invalidated }
        return p
    }

    static func check(_ rc: Int32) throws(GLPKError) {
        guard rc != 0 else { return }
        let message = String(cString: gw_last_error())
        if message.contains("memory allocation limit exceeded") || message.contains("no memory available") {
            throw .outOfMemory(message: message)
        }
        throw .backend(message: "GLPK error: " + (message.isEmpty ? "(no message)" : message))
    }

    private func guarded(_ rc: Int32) throws(GLPKError) {
        do { try Problem.check(rc) } catch {
            pointer = nil  // freed by the guard's glp_free_env
            throw error
        }
    }

    // MARK: - Loading

    private func load(_ model: LinearProblem) throws(GLPKError) {
        let p = try live()
        // Names only when GLPK keeps them: on bench tier XL (2.4M columns)
        // the buffer and its offsets took 110 MB at the run's peak.
        var names = NameBuffer()
        let rowOff = namesInGLPK ? model.rows.map { names.append($0.name) } : []
        let colOff = namesInGLPK ? model.columns.map { names.append($0.name) } : []
        let rowTypes = model.rows.map { Problem.boundType($0.lower, $0.upper) }
        let colTypes = model.columns.map { Problem.boundType($0.lower, $0.upper) }
        let rowLB = model.rows.map { $0.lower.isFinite ? $0.lower : 0 }
        let rowUB = model.rows.map { $0.upper.isFinite ? $0.upper : 0 }
        let colLB = model.columns.map { $0.lower.isFinite ? $0.lower : 0 }
        let colUB = model.columns.map { $0.upper.isFinite ? $0.upper : 0 }
        let cost = model.columns.map(\.cost)
        let kind: [Int32] = model.columns.map {
            switch $0.kind {
            case .continuous: return GLP_CV
            case .integer: return GLP_IV
            case .binary: return GLP_BV
            }
        }
        // 1-based triplets with an unused element 0 (docs/solver-notes.md §1.7).
        let nz = model.coefficients.count
        var ia = [Int32](repeating: 0, count: nz + 1)
        var ja = [Int32](repeating: 0, count: nz + 1)
        var ar = [Double](repeating: 0, count: nz + 1)
        for (k, c) in model.coefficients.enumerated() {
            ia[k + 1] = Int32(c.row + 1)
            ja[k + 1] = Int32(c.column + 1)
            ar[k + 1] = c.value
        }
        let rc = names.bytes.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) { chars in
                gw_load(
                    p, model.name, model.sense == .maximize ? GLP_MAX : GLP_MIN, model.objectiveConstant,
                    Int32(model.rows.count), rowTypes, rowLB, rowUB,
                    Int32(model.columns.count), colTypes, colLB, colUB, cost, kind,
                    namesInGLPK ? chars.baseAddress : nil, rowOff, colOff, Int32(nz), ia, ja, ar)
            }
        }
        try guarded(rc)
    }

    static func boundType(_ lower: Double, _ upper: Double) -> Int32 {
        switch (lower.isFinite, upper.isFinite) {
        case (false, false): return GLP_FR
        case (true, false): return GLP_LO
        case (false, true): return GLP_UP
        case (true, true): return lower == upper ? GLP_FX : GLP_DB
        }
    }

    // MARK: - Editing (warm starts keep the basis: docs/solver-notes.md §5.1)

    /// Appends rows with their coefficients (0-based column indices).
    /// Adding rows keeps the basis valid: new rows start basic.
    @discardableResult
    public func addRows(_ rows: [LinearProblem.Row], coefficients: [[(column: Int, value: Double)]]) throws(GLPKError)
        -> Int
    {
        let p = try live()
        guard rows.count == coefficients.count else {
            throw .invalidArgument("\(rows.count) rows but \(coefficients.count) coefficient lists")
        }
        let packed = try Problem.pack(
            names: rows.map(\.name), coefficients: coefficients.map { $0.map { ($0.column, $0.value) } },
            what: "row", existing: namesInGLPK ? rowNames : nil, indexWhat: "column", indexCount: columnCount
        ) { k throws(GLPKError) in try EditRule.check(row: rows[k]) }
        if rows.isEmpty { return rowCount }
        let types = rows.map { Problem.boundType($0.lower, $0.upper) }
        let lb = rows.map { $0.lower.isFinite ? $0.lower : 0 }
        let ub = rows.map { $0.upper.isFinite ? $0.upper : 0 }
        var first: Int32 = 0
        let rc = packed.names.bytes.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) { chars in
                gw_add_rows(
                    p, Int32(rows.count), types, lb, ub, namesInGLPK ? chars.baseAddress : nil,
                    packed.offsets, packed.start, packed.ind, packed.val, &first)
            }
        }
        try guarded(rc)
        let index = rowCount
        rowCount += rows.count
        if namesInGLPK { rowNames += rows.map(\.name) }
        return index
    }

    /// Appends continuous columns with their coefficients (0-based row
    /// indices). New columns are non-basic at a bound: the basis stays valid.
    @discardableResult
    public func addColumns(_ columns: [LinearProblem.Column], coefficients: [[(row: Int, value: Double)]])
        throws(GLPKError) -> Int
    {
        let p = try live()
        guard columns.count == coefficients.count else {
            throw .invalidArgument("\(columns.count) columns but \(coefficients.count) coefficient lists")
        }
        let packed = try Problem.pack(
            names: columns.map(\.name), coefficients: coefficients.map { $0.map { ($0.row, $0.value) } },
            what: "column", existing: namesInGLPK ? columnNames : nil, indexWhat: "row", indexCount: rowCount
        ) { k throws(GLPKError) in try EditRule.check(column: columns[k]) }
        if columns.isEmpty { return columnCount }
        let types = columns.map { Problem.boundType($0.lower, $0.upper) }
        let lb = columns.map { $0.lower.isFinite ? $0.lower : 0 }
        let ub = columns.map { $0.upper.isFinite ? $0.upper : 0 }
        let cost = columns.map(\.cost)
        var first: Int32 = 0
        let rc = packed.names.bytes.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) { chars in
                gw_add_cols(
                    p, Int32(columns.count), types, lb, ub, cost, namesInGLPK ? chars.baseAddress : nil,
                    packed.offsets, packed.start, packed.ind, packed.val, &first)
            }
        }
        try guarded(rc)
        let index = columnCount
        columnCount += columns.count
        if namesInGLPK { columnNames += columns.map(\.name) }
        return index
    }

    /// Names and coefficients of rows or columns to append, packed as
    /// gw_add_rows and gw_add_cols take them.
    private struct PackedVectors {
        var names = NameBuffer()
        var offsets: [Int32] = []
        // Coefficients of item k sit at ind[start[k] ..< start[k+1]]; element 0 is
        // unused, so the C side can hand GLPK the 1-based pointer it expects.
        var start: [Int32] = [1]
        var ind: [Int32] = [0]
        var val: [Double] = [0]
    }

    /// Checks each new row's or column's name (valid, not taken), then what
    /// `check` checks of item k, then its coefficients (indices in range, finite,
    /// none twice), and packs them.
    private static func pack(
        names: [String], coefficients: [[(Int, Double)]], what: String, existing: [String]?,
        indexWhat: String, indexCount: Int,
        check: (Int) throws(GLPKError) -> Void
    ) throws(GLPKError) -> PackedVectors {
        var packed = PackedVectors()
        // Names are checked (and packed) only when they go to GLPK (`existing`
        // given): a set of 2.4M column names cost seconds on tier XL.
        var seenNames = existing.map { Set($0) }
        var indices = RepeatedIndex(count: indexCount)
        for (k, name) in names.enumerated() {
            if seenNames != nil {
                if let reason = NameRule.problem(with: name) {
                    throw .invalidArgument("\(what) '\(name.prefix(40))': \(reason)")
                }
                guard seenNames!.insert(name).inserted else {
                    throw .invalidArgument("\(what) name '\(name)' used twice")
                }
            }
            try check(k)
            try EditRule.check(
                coefficients: coefficients[k], of: "\(what) '\(name)'", indexWhat: indexWhat, indexCount: indexCount,
                seen: &indices)
            for (i, v) in coefficients[k] {
                packed.ind.append(Int32(i + 1))
                packed.val.append(v)
            }
            packed.offsets.append(seenNames != nil ? packed.names.append(name) : -1)
            packed.start.append(Int32(packed.ind.count))
        }
        return packed
    }

    public func setColumnBounds(_ changes: [BoundChange]) throws(GLPKError) {
        let p = try live()
        let (idx, types, lb, ub) = try Problem.boundArrays(changes, count: columnCount, what: "column") { j in
            integerColumns.contains(j)
        }
        try guarded(gw_set_col_bnds(p, Int32(changes.count), idx, types, lb, ub))
    }

    public func setRowBounds(_ changes: [BoundChange]) throws(GLPKError) {
        let p = try live()
        let (idx, types, lb, ub) = try Problem.boundArrays(changes, count: rowCount, what: "row") { _ in false }
        try guarded(gw_set_row_bnds(p, Int32(changes.count), idx, types, lb, ub))
    }

    private static func boundArrays(
        _ changes: [BoundChange], count: Int, what: String,
        integral: (Int) -> Bool
    ) throws(GLPKError) -> ([Int32], [Int32], [Double], [Double]) {
        var idx: [Int32] = [], types: [Int32] = [], lb: [Double] = [], ub: [Double] = []
        for c in changes {
            try EditRule.check(c, count: count, what: what, integral: integral(c.index))
            idx.append(Int32(c.index + 1))
            types.append(boundType(c.lower, c.upper))
            lb.append(c.lower.isFinite ? c.lower : 0)
            ub.append(c.upper.isFinite ? c.upper : 0)
        }
        return (idx, types, lb, ub)
    }

    /// Sets objective coefficients; index -1 is the constant term.
    public func setObjective(_ costs: [(column: Int, cost: Double)]) throws(GLPKError) {
        let p = try live()
        var idx: [Int32] = [], coef: [Double] = []
        for (j, c) in costs {
            try EditRule.check(objective: j, cost: c, columnCount: columnCount)
            idx.append(Int32(j + 1))
            coef.append(c)
        }
        try guarded(gw_set_obj(p, Int32(idx.count), idx, coef))
    }

    public func setSense(_ sense: LinearProblem.Sense) throws(GLPKError) {
        let p = try live()
        try guarded(gw_set_obj_dir(p, sense == .maximize ? GLP_MAX : GLP_MIN))
    }

    /// Turns columns continuous or integer (0-based indices).
    public func setKinds(_ changes: [(column: Int, kind: LinearProblem.Kind)]) throws(GLPKError) {
        let p = try live()
        var idx: [Int32] = [], kinds: [Int32] = []
        for (j, k) in changes {
            guard j >= 0, j < columnCount else { throw .invalidArgument("column \(j) out of range 0..<\(columnCount)") }
            idx.append(Int32(j + 1))
            switch k {
            case .continuous: kinds.append(GLP_CV); integerColumns.remove(j)
            case .integer: kinds.append(GLP_IV); integerColumns.insert(j)
            case .binary: kinds.append(GLP_BV); integerColumns.insert(j)
            }
        }
        try guarded(gw_set_col_kind(p, Int32(idx.count), idx, kinds))
    }

    /// Scales the problem once (glp_simplex does not scale by itself, docs/solver-notes.md §4.1).
    public func scale() throws(GLPKError) {
        let p = try live()
        try guarded(gw_scale(p, GLP_SF_AUTO))
    }

    /// The scale factors in use: GLPK solves R A S with R = diag(rows), S = diag(columns).
    public func scaleFactors() throws(GLPKError) -> (rows: [Double], columns: [Double]) {
        let p = try live()
        var r = [Double](repeating: 1, count: rowCount), c = [Double](repeating: 1, count: columnCount)
        try guarded(gw_get_scale(p, &r, &c))
        return (r, c)
    }

    /// GLPK solves with the factors it holds (`setScaleFactors`).
    public var takesScaleFactors: Bool { true }

    /// Sets scale factors of the rows and columns given (each finite and > 0).
    public func setScaleFactors(rows: [(index: Int, factor: Double)], columns: [(index: Int, factor: Double)])
        throws(GLPKError)
    {
        let p = try live()
        func arrays(_ items: [(index: Int, factor: Double)], count: Int, what: String) throws(GLPKError) -> (
            [Int32], [Double]
        ) {
            var idx: [Int32] = [], val: [Double] = []
            for (i, f) in items {
                try EditRule.check(scaleFactor: f, of: i, count: count, what: what)
                idx.append(Int32(i + 1))
                val.append(f)
            }
            return (idx, val)
        }
        let (ri, rv) = try arrays(rows, count: rowCount, what: "row")
        let (ci, cv) = try arrays(columns, count: columnCount, what: "column")
        try guarded(gw_set_row_scale(p, Int32(ri.count), ri, rv))
        try guarded(gw_set_col_scale(p, Int32(ci.count), ci, cv))
    }

    /// Deletes columns (0-based, distinct); the columns after each move down.
    /// Only non-basic columns may go: the basis stays a basis.
    public func deleteColumns(_ columns: [Int]) throws(GLPKError) {
        let p = try live()
        guard !columns.isEmpty else { return }
        let doomed = try EditRule.doomed(columns, count: columnCount)
        var status = [Int32](repeating: GLP_NL, count: columnCount)
        var rows = [Int32](repeating: GLP_BS, count: rowCount)
        try guarded(gw_get_basis(p, &rows, &status))
        if let j = columns.first(where: { status[$0] == GLP_BS }) {
            throw .invalidArgument("column \(j) is basic: only non-basic columns can be deleted")
        }
        // 1-based with an unused element 0 (docs/solver-notes.md §1.7).
        let num = [Int32(0)] + columns.sorted().map { Int32($0 + 1) }
        try guarded(gw_del_cols(p, Int32(columns.count), num))
        var kept: [Int] = []
        kept.reserveCapacity(columnCount - columns.count)
        for j in 0..<columnCount where !doomed[j] { kept.append(j) }
        var newIndex = [Int](repeating: -1, count: columnCount)
        for (k, j) in kept.enumerated() { newIndex[j] = k }
        integerColumns = Set(integerColumns.compactMap { newIndex[$0] >= 0 ? newIndex[$0] : nil })
        if namesInGLPK { columnNames = kept.map { columnNames[$0] } }
        columnCount = kept.count
    }

    // MARK: - Solving

    public func solveSimplex(_ options: SimplexOptions = SimplexOptions()) throws(GLPKError) -> SolveResult {
        let p = try live()
        try options.checkLimits()
        let meth: Int32 =
            switch options.method {
            case .primal: GLP_PRIMAL
            case .dual: GLP_DUAL
            case .dualThenPrimal: GLP_DUALP
            }
        var rc: Int32 = 0, iterations: Int32 = 0
        let clock = Stopwatch()
        try guarded(
            gw_simplex(
                p, meth, GLP_PT_PSE, options.longStep ? GLP_RT_FLIP : GLP_RT_HAR,
                options.presolve ? GLP_ON : GLP_OFF, (options.timeLimit ?? .infinity).glpkMilliseconds,
                Int32(clamping: options.iterationLimit ?? Int(Int32.max)), session.messageLevel, &rc, &iterations))
        let seconds = clock.seconds
        var status: Int32 = 0, dual: Int32 = 0, obj = 0.0
        try guarded(gw_status(p, GLP_SOL, &status, &dual, &obj))
        let (termination, solution) = StatusTable.simplex(rc: rc, status: status, dual: dual)
        lastSolution = .basic
        if termination == .infeasibleOrUnbounded && options.method != .primal {
            // The dual simplex proved the dual infeasible: the primal is then
            // infeasible or unbounded. Primal simplex from here tells which.
            var r = try solveSimplex(options.primalAfter(seconds))
            r.iterations += Int(iterations)
            r.seconds += seconds
            return r
        }
        return SolveResult(
            method: .simplex, termination: termination, solution: solution,
            objective: solution == .none ? nil : obj, bound: nil, gap: nil,
            iterations: Int(iterations), seconds: seconds)
    }

    /// Interior point. No time limit, no basis: cannot seed warm starts (docs/solver-notes.md §4.4).
    public func solveInterior() throws(GLPKError) -> SolveResult {
        let p = try live()
        var rc: Int32 = 0
        let clock = Stopwatch()
        try guarded(gw_interior(p, session.messageLevel, &rc))
        let seconds = clock.seconds
        var status: Int32 = 0, dual: Int32 = 0, obj = 0.0
        try guarded(gw_status(p, GLP_IPT, &status, &dual, &obj))
        let (termination, solution) = StatusTable.interior(rc: rc, status: status)
        lastSolution = .interior
        return SolveResult(
            method: .interior, termination: termination, solution: solution,
            objective: solution == .none ? nil : obj, bound: nil, gap: nil,
            iterations: 0, seconds: seconds)
    }

    /// Branch and bound. Without presolve GLPK needs the LP optimum first, so
    /// this solves the root LP with dual simplex itself (docs/solver-notes.md §7.1).
    public func solveMIP(_ options: MIPOptions) throws(GLPKError) -> SolveResult {
        let p = try live()
        guard options.timeLimit > 0, options.timeLimit.isFinite else {
            throw .invalidArgument("MIP time limit \(options.timeLimit) s, expected a finite number > 0")
        }
        guard options.gap >= 0, options.gap.isFinite else {
            throw .invalidArgument("MIP gap \(options.gap), expected >= 0")
        }
        let clock = Stopwatch()
        var rootIterations = 0
        if !options.presolve {
            let root = try solveSimplex(SimplexOptions(timeLimit: options.timeLimit))
            rootIterations = root.iterations
            // GLPK checks its time limit only between the steps of its root
            // node (heuristics, cut rounds, each re-solving the LP), so a
            // search given less time than the root LP took overruns it: by
            // 5-6 s on acme-mip (docs/solver-notes.md §7.3). It is not started
            // then; the root LP's optimum is the bound.
            let rootCost = max(clock.seconds, options.rootEstimate ?? 0)
            let tooShort = root.termination == .optimal && options.timeLimit - clock.seconds < rootCost
            guard root.termination == .optimal, !tooShort else {
                var r = root
                r.method = .mip
                r.seconds = clock.seconds
                // No search ran, so there is no integer solution: a root LP
                // stopped by the limit only has a fractional plan.
                (r.solution, r.objective) = (.none, nil)
                if tooShort { (r.termination, r.bound) = (.timeLimit, root.objective) }
                lastSolution = .mip
                return r
            }
        }
        let remaining = max(0.001, options.timeLimit - clock.seconds)
        let box = options.progress.map { ProgressBox($0, offset: options.gapOffset) }
        var params = gw_mip_params()
        params.tm_lim_ms = remaining.glpkMilliseconds
        params.mip_gap = options.gap
        params.gap_offset = options.gapOffset
        params.presolve = options.presolve ? GLP_ON : GLP_OFF
        params.gmi_cuts = options.gomoryCuts ? GLP_ON : GLP_OFF
        params.mir_cuts = options.mirCuts ? GLP_ON : GLP_OFF
        params.cov_cuts = options.coverCuts ? GLP_ON : GLP_OFF
        params.clq_cuts = options.cliqueCuts ? GLP_ON : GLP_OFF
        params.fp_heur = options.feasibilityPump ? GLP_ON : GLP_OFF
        params.msg_lev = session.messageLevel
        params.out_frq_ms = 5000
        params.progress_interval_s = max(0, options.progressInterval)
        var rc: Int32 = 0
        var last = gw_mip_progress()
        // GLPK takes a start without checking it (docs/solver-notes.md): only
        // a point that satisfies the problem is offered, 1-based.
        let start = try options.start.flatMap { x throws(GLPKError) -> [Double]? in
            guard x.count == columnCount else {
                throw .invalidArgument("MIP start of \(x.count) values for \(columnCount) columns")
            }
            let oneBased = [0] + x
            var worst = 0.0
            try guarded(gw_point_violation(p, oneBased, &worst))
            return worst <= options.startTolerance ? oneBased : nil
        }
        let result: Int32 = (start ?? []).withUnsafeBufferPointer { startBuffer in
            if start != nil {
                params.start = startBuffer.baseAddress
                params.start_len = Int32(startBuffer.count)
            }
            guard let box else { return gw_intopt(p, &params, &rc, &last) }
            params.progress = { info, progress in
                guard let info, let progress else { return 0 }
                let box = Unmanaged<ProgressBox>.fromOpaque(info).takeUnretainedValue()
                return box.handler(MIPProgress(progress.pointee, offset: box.offset)) ? 1 : 0
            }
            return withExtendedLifetime(box) {
                params.progress_info = Unmanaged.passUnretained(box).toOpaque()
                return gw_intopt(p, &params, &rc, &last)
            }
        }
        try guarded(result)
        var status: Int32 = 0, dual: Int32 = 0, obj = 0.0
        try guarded(gw_status(p, GLP_MIP, &status, &dual, &obj))
        var (termination, solution) = StatusTable.mip(rc: rc, status: status)
        // The callback stopped it at the gap asked for (gw_mip_params.mip_gap).
        if termination == .stopped, last.gap_reached != 0, solution != .none { termination = .gapReached }
        lastSolution = .mip
        var gap: Double?
        var bound: Double?
        if solution != .none {
            if termination == .optimal {
                gap = 0
                bound = obj
            } else if last.has_bound != 0 && abs(last.bound) < 1e300 {
                bound = last.bound
                gap = SolveResult.relativeGap(obj, bound: last.bound, offset: options.gapOffset)
            }
        }
        var outcome = SolveResult(
            method: .mip, termination: termination, solution: solution,
            objective: solution == .none ? nil : obj, bound: bound, gap: gap,
            iterations: rootIterations, seconds: clock.seconds)
        outcome.startAccepted = last.start_accepted != 0
        return outcome
    }

    // MARK: - Reading

    public func columnValues(_ kind: SolutionKind? = nil) throws(GLPKError) -> [Double] {
        let p = try live()
        var x = [Double](repeating: 0, count: columnCount)
        if columnCount > 0 { try guarded(gw_col_values(p, (kind ?? lastSolution).glpk, &x, nil)) }
        return x
    }

    /// Reduced costs of the basic or interior-point solution.
    public func reducedCosts(_ kind: SolutionKind = .basic) throws(GLPKError) -> [Double] {
        guard kind != .mip else {
            throw .invalidArgument("a MIP solution has no reduced costs; fix the integers and re-solve the LP")
        }
        let p = try live()
        var x = [Double](repeating: 0, count: columnCount)
        var dj = [Double](repeating: 0, count: columnCount)
        if columnCount > 0 { try guarded(gw_col_values(p, kind.glpk, &x, &dj)) }
        return dj
    }

    public func rowActivities(_ kind: SolutionKind? = nil) throws(GLPKError) -> [Double] {
        let p = try live()
        var act = [Double](repeating: 0, count: rowCount)
        if rowCount > 0 { try guarded(gw_row_values(p, (kind ?? lastSolution).glpk, &act, nil)) }
        return act
    }

    /// Row duals (shadow prices) of the basic or interior-point solution.
    public func rowDuals(_ kind: SolutionKind = .basic) throws(GLPKError) -> [Double] {
        guard kind != .mip else {
            throw .invalidArgument("a MIP solution has no duals; fix the integers and re-solve the LP")
        }
        let p = try live()
        var act = [Double](repeating: 0, count: rowCount)
        var pi = [Double](repeating: 0, count: rowCount)
        if rowCount > 0 { try guarded(gw_row_values(p, kind.glpk, &act, &pi)) }
        return pi
    }

    // MARK: - Basis (warm starts)

    public func basis() throws(GLPKError) -> Basis {
        let p = try live()
        var r = [Int32](repeating: GLP_BS, count: rowCount)
        var c = [Int32](repeating: GLP_NL, count: columnCount)
        try guarded(gw_get_basis(p, &r, &c))
        return Basis(
            rows: r.map { Basis.Status(rawValue: $0) ?? .basic },
            columns: c.map { Basis.Status(rawValue: $0) ?? .lower })
    }

    /// Restores a saved basis. A basis that does not fit the current rows and
    /// columns is refused; an unsuitable one makes the next solve fall back to
    /// an advised basis inside GLPK.
    public func setBasis(_ basis: Basis) throws(GLPKError) {
        let p = try live()
        let isBasis = try EditRule.isBasis(basis, rowCount: rowCount, columnCount: columnCount)
        let r = basis.rows.map(\.rawValue), c = basis.columns.map(\.rawValue)
        try guarded(gw_set_basis(p, r, c))
        if !isBasis {
            // Not a basis (wrong number of basic variables): start from an advised one.
            try guarded(gw_adv_basis(p))
        }
    }

    /// Builds GLPK's advised starting basis (a cold start).
    public func resetBasis() throws(GLPKError) {
        let p = try live()
        try guarded(gw_adv_basis(p))
    }

    // MARK: - Writing

    /// The problem in CPLEX LP format (GLPK rewrites some characters of names).
    public func cplexLP() throws(GLPKError) -> String { try write(mps: false) }

    /// The problem in free MPS format (numbers limited to 12 significant digits).
    public func freeMPS() throws(GLPKError) -> String { try write(mps: true) }

    private func write(mps: Bool) throws(GLPKError) -> String {
        let p = try live()
        // GLPK writes to a path; give it a private temporary file, never a
        // caller's path (it would replace a device node, docs/solver-notes.md §8.1).
        let dir = FileManager.default.temporaryDirectory
        let url = dir.appendingPathComponent(
            "allot-glpk-\(ProcessInfo.processInfo.globallyUniqueString).\(mps ? "mps" : "lp")")
        defer { try? FileManager.default.removeItem(at: url) }
        var rc: Int32 = 0
        try guarded(mps ? gw_write_mps(p, url.path, &rc) : gw_write_lp(p, url.path, &rc))
        guard rc == 0, let data = FileManager.default.contents(atPath: url.path),
            let text = String(data: data, encoding: .utf8)
        else {
            throw .io("GLPK could not write the problem: \(session.takeLog().suffix(300))")
        }
        return text
    }

    /// Misuses the GLPK API on purpose inside the guard, to test recovery.
    /// Afterwards this problem (and every other one of this thread) is gone.
    public func triggerGLPKErrorForTesting() throws(GLPKError) {
        let p = try live()
        try guarded(gw_debug_misuse(p))
    }
}

/// Collects names into one NUL-separated buffer for the C side.
struct NameBuffer {
    var bytes: [UInt8] = []

    mutating func append(_ name: String) -> Int32 {
        let offset = Int32(bytes.count)
        bytes.append(contentsOf: name.utf8)
        bytes.append(0)
        return offset
    }
}

private final class ProgressBox {
    let handler: @Sendable (MIPProgress) -> Bool
    let offset: Double
    init(_ h: @escaping @Sendable (MIPProgress) -> Bool, offset: Double) {
        handler = h
        self.offset = offset
    }
}

extension MIPProgress {
    init(_ p: gw_mip_progress, offset: Double) {
        // Before the first node GLPK's bound is +-DBL_MAX: no bound yet.
        let known = p.has_bound != 0 && abs(p.bound) < 1e300
        self.init(
            elapsed: p.elapsed_s, incumbent: p.has_incumbent != 0 ? p.incumbent : nil,
            bound: known ? p.bound : nil,
            // Measured as the stage reports it (GLPK's own divides by
            // |incumbent| + DBL_EPSILON: astronomical for an incumbent of 0).
            gap: (p.has_incumbent != 0 && known)
                ? SolveResult.relativeGap(p.incumbent, bound: p.bound, offset: offset) : nil,
            activeNodes: Int(p.active_nodes), totalNodes: Int(p.total_nodes))
    }
}

/// Monotonic wall-clock timer.
struct Stopwatch {
    let start = DispatchTime.now().uptimeNanoseconds
    var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}
