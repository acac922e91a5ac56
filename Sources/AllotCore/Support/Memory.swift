import Foundation

/// Peak resident memory of this process so far (getrusage; Linux reports
/// KiB), for the phase figures of `allot plan --profile` (bench/).
public func peakResidentMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

extension Array {
    /// A copy whose storage holds its elements and little more. An array
    /// built by appending grows by doubling and keeps that room: on bench
    /// tier XL the model's 2.4M column records sat in room for 4.2M.
    func compacted() -> [Element] {
        var copy: [Element] = []
        copy.reserveCapacity(count)
        copy.append(contentsOf: self)
        return copy
    }
}
