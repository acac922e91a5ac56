import Foundation

/// Peak resident memory of this process so far (getrusage; Linux reports
/// KiB), for the phase figures of `allot plan --profile` (bench/).
public func peakResidentMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}
