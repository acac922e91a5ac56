/// The most locked hours that can count against demand at once: a maximum
/// flow from the pools (project, skill, period; their held hours) to the
/// demand cells they match (each up to what it asks). SPEC: locked hours
/// count against the matching demand, so every plan serves this much with
/// them (`LockedPools`, row `lockedserved`); without that row a plan with
/// `min_hours_per_assignment` could leave locked hours serving nothing and
/// give their room to someone's block of at least H hours.
///
/// Pools share a cell only through a `total_hours` line that spans several
/// periods, so most pools are alone in their component and take
/// min(hours, what their cells ask); a component of several pools runs
/// Edmonds-Karp (shortest augmenting paths) on its own small graph.
struct LockedFlow {
    /// Hours of pool k that count against cell c, per (pool, cell) edge in
    /// the order of `edges`.
    let flow: [Double]
    /// (pool, cell) pairs: pool k may serve cell c.
    let edges: [(pool: Int, cell: Int)]
    /// Pools joined by the cells they share, each in pool order, by first pool.
    let components: [[Int]]
    let poolCount: Int
    let cellCount: Int

    var total: Double { flow.reduce(0, +) }

    /// The hours each pool serves.
    var served: [Double] {
        var served = [Double](repeating: 0, count: poolCount)
        for (e, v) in zip(edges, flow) { served[e.pool] += v }
        return served
    }

    /// The locked hours the flow puts on each cell.
    var onCell: [Double] {
        var onCell = [Double](repeating: 0, count: cellCount)
        for (e, v) in zip(edges, flow) { onCell[e.cell] += v }
        return onCell
    }

    /// Residual amounts below this count as nothing (hours carry 2 decimals
    /// in the data; 1e-9 h is far below any output).
    static let epsilon = 1e-9

    init(pools: [(hours: Double, cells: [Int])], asked: [Double]) {
        var edges: [(pool: Int, cell: Int)] = []
        for (k, pool) in pools.enumerated() { for c in pool.cells { edges.append((k, c)) } }
        var flow = [Double](repeating: 0, count: edges.count)
        // Components: pools joined by the cells they share.
        var parent = Array(pools.indices)
        func root(_ k: Int) -> Int {
            var k = k
            while parent[k] != k {
                parent[k] = parent[parent[k]]
                k = parent[k]
            }
            return k
        }
        var poolOfCell: [Int: Int] = [:]
        for e in edges {
            if let other = poolOfCell[e.cell] {
                let (a, b) = (root(other), root(e.pool))
                if a != b { parent[max(a, b)] = min(a, b) }
            } else {
                poolOfCell[e.cell] = e.pool
            }
        }
        var members: [Int: [Int]] = [:]
        for k in pools.indices { members[root(k), default: []].append(k) }
        var edgesOf = [[Int]](repeating: [], count: pools.count)
        for (i, e) in edges.enumerated() { edgesOf[e.pool].append(i) }
        for k in pools.indices where root(k) == k {
            let group = members[k]!
            if group.count == 1 {
                // One pool: its cells in order, each up to what it asks.
                var left = pools[k].hours
                for i in edgesOf[k] where left > LockedFlow.epsilon {
                    let v = min(left, asked[edges[i].cell])
                    if v > 0 {
                        flow[i] = v
                        left -= v
                    }
                }
            } else {
                LockedFlow.augment(group, pools: pools, asked: asked, edges: edges, edgesOf: edgesOf, flow: &flow)
            }
        }
        self.flow = flow
        self.edges = edges
        self.components = pools.indices.filter { root($0) == $0 }.map { members[$0]! }
        self.poolCount = pools.count
        self.cellCount = asked.count
    }

    /// Edmonds-Karp on one component: source -> pool (its hours) -> cell
    /// (unbounded) -> sink (what the cell asks); each round finds a
    /// shortest path with room left, in a fixed order (deterministic).
    private static func augment(
        _ group: [Int], pools: [(hours: Double, cells: [Int])], asked: [Double],
        edges: [(pool: Int, cell: Int)], edgesOf: [[Int]], flow: inout [Double]
    ) {
        var poolLeft: [Int: Double] = [:]
        var cellTaken: [Int: Double] = [:]
        var edgesOfCell: [Int: [Int]] = [:]
        for k in group {
            poolLeft[k] = pools[k].hours
            for i in edgesOf[k] {
                cellTaken[edges[i].cell] = 0
                edgesOfCell[edges[i].cell, default: []].append(i)
            }
        }
        enum Node: Hashable { case pool(Int), cell(Int) }
        while true {
            // BFS from every pool with hours left; a cell reached may go
            // back to a pool along an edge that carries flow.
            var came: [Node: (from: Node, edge: Int)] = [:]
            var queue: [Node] = group.filter { poolLeft[$0]! > epsilon }.map { .pool($0) }
            var seen = Set(queue)
            var end: Int?
            var head = 0
            search: while head < queue.count {
                let node = queue[head]
                head += 1
                switch node {
                case .pool(let k):
                    for i in edgesOf[k] {
                        let next = Node.cell(edges[i].cell)
                        guard !seen.contains(next) else { continue }
                        seen.insert(next)
                        came[next] = (node, i)
                        if asked[edges[i].cell] - cellTaken[edges[i].cell]! > epsilon {
                            end = edges[i].cell
                            break search
                        }
                        queue.append(next)
                    }
                case .cell(let c):
                    for i in edgesOfCell[c] ?? [] where flow[i] > epsilon {
                        let next = Node.pool(edges[i].pool)
                        guard !seen.contains(next) else { continue }
                        seen.insert(next)
                        came[next] = (node, i)
                        queue.append(next)
                    }
                }
            }
            guard let last = end else { return }
            // The path back to its pool, and how much it can carry.
            var path: [(edge: Int, forward: Bool)] = []
            var node = Node.cell(last)
            var amount = asked[last] - cellTaken[last]!
            while let step = came[node] {
                let forward: Bool
                if case .cell = node { forward = true } else { forward = false }
                path.append((step.edge, forward))
                if !forward { amount = min(amount, flow[step.edge]) }
                node = step.from
            }
            guard case .pool(let start) = node else { return }
            amount = min(amount, poolLeft[start]!)
            guard amount > epsilon else { return }
            for step in path { flow[step.edge] += step.forward ? amount : -amount }
            poolLeft[start]! -= amount
            cellTaken[last]! += amount
        }
    }
}
