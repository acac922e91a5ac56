/// Finds an index named twice within one of many lists (the columns of each
/// row added, the rows of each column) without hashing: each index keeps the
/// number of the last list that named it. A set per list cost bench tier M
/// about 10 ms of hashing over its pricing rounds and shaping rows.
public struct RepeatedIndex: Sendable {
    private var lastList: [Int32]
    private var list: Int32 = 0

    /// For indices in 0..<count.
    public init(count: Int) { lastList = [Int32](repeating: -1, count: max(0, count)) }

    /// Starts the next list: what the lists before named is forgotten.
    public mutating func nextList() { list += 1 }

    /// Whether `index` (in 0..<count) was named before in this list; records it.
    public mutating func isRepeated(_ index: Int) -> Bool {
        if lastList[index] == list { return true }
        lastList[index] = list
        return false
    }
}
