import AllotCore
import Foundation

/// A seeded fuzzing run: mutants of the corpus fed to one reader, each timed,
/// with the process's resident memory sampled as it goes. The same seed gives
/// the same inputs on every machine. A watchdog ends the process when one
/// input runs past `hangSeconds`, after writing that input to `hangFile`.
public struct FuzzCampaign: Sendable {
    public var reader: FuzzReader
    public var seeds: [[UInt8]]
    public var base: FuzzBase
    public var seed: UInt64
    public var mutator = Mutator()
    /// An input taking more CPU than this (on its thread, so other work on
    /// the machine does not count) is a hang in the report.
    public var slowSeconds = 2.0
    /// An input slower than this ends the process (a loop that never ends).
    public var hangSeconds = 30.0
    /// Where the watchdog writes the input that hung.
    public var hangFile = "allot-fuzz-hang.bin"

    public init(reader: FuzzReader, seeds: [[UInt8]], base: FuzzBase, seed: UInt64) {
        precondition(!seeds.isEmpty, "a fuzzing campaign needs at least one seed input")
        self.reader = reader
        self.seeds = seeds
        self.base = base
        self.seed = seed
    }

    /// What a run found.
    public struct Report: Sendable, CustomStringConvertible {
        public var reader: FuzzReader
        public var inputs = 0
        public var accepted = 0
        public var refused = 0
        /// Inputs slower than `slowSeconds` of CPU, with their index (seeds: -1, -2, ...).
        public var hangs: [Int] = []
        /// The most CPU seconds one input took.
        public var slowestSeconds = 0.0
        public var seconds = 0.0
        /// Resident memory (MB) after the seeds ran, and the largest sample after that.
        public var residentAtStartMB = 0.0
        public var residentPeakMB = 0.0

        public var description: String {
            "\(reader.rawValue): \(inputs) inputs (\(accepted) accepted, \(refused) refused), "
                + "\(hangs.count) hangs, slowest \(format(slowestSeconds * 1000, decimals: 1)) ms of CPU, "
                + "resident \(format(residentAtStartMB, decimals: 0)) MB at start, "
                + "\(format(residentPeakMB, decimals: 0)) MB peak, \(format(seconds, decimals: 1)) s"
        }
    }

    /// Runs the seeds unchanged, then `count` mutants.
    public func run(count: Int, progress: ((Report) -> Void)? = nil) -> Report {
        var report = Report(reader: reader)
        var generator = SeededGenerator(seed: seed)
        let watchdog = Watchdog(limit: hangSeconds, file: hangFile, reader: reader)
        let started = Date()
        func feed(_ input: [UInt8], index: Int) {
            watchdog.begin(input)
            let t0 = threadCPUSeconds()
            switch reader.run(input, base: base) {
            case .accepted: report.accepted += 1
            case .refused: report.refused += 1
            }
            let t = threadCPUSeconds() - t0
            watchdog.end()
            report.inputs += 1
            report.slowestSeconds = max(report.slowestSeconds, t)
            if t > slowSeconds { report.hangs.append(index) }
        }
        for (i, s) in seeds.enumerated() { feed(s, index: -1 - i) }
        report.residentAtStartMB = residentMegabytes()
        report.residentPeakMB = report.residentAtStartMB
        for i in 0..<count {
            let parent = seeds[generator.below(seeds.count)]
            feed(mutator.mutate(parent, others: seeds, using: &generator), index: i)
            if i % 256 == 255 {
                report.residentPeakMB = max(report.residentPeakMB, residentMegabytes())
                report.seconds = Date().timeIntervalSince(started)
                if i % 8192 == 8191 { progress?(report) }
            }
        }
        report.residentPeakMB = max(report.residentPeakMB, residentMegabytes())
        report.seconds = Date().timeIntervalSince(started)
        watchdog.stop()
        return report
    }

    /// The mutant number `index` of a run with this seed (to reproduce a report's input).
    public func input(at index: Int) -> [UInt8] {
        var generator = SeededGenerator(seed: seed)
        var input: [UInt8] = []
        for _ in 0...index {
            let parent = seeds[generator.below(seeds.count)]
            input = mutator.mutate(parent, others: seeds, using: &generator)
        }
        return input
    }
}

/// CPU seconds this thread has used.
func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Resident memory of this process now, in MB (/proc/self/statm; 0 where there is none).
public func residentMegabytes() -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Double(fields[1]) else { return 0 }
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
}

/// Ends the process when one input runs too long, after saving the input: a
/// reader that loops forever cannot be stopped from inside.
final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var current: (input: [UInt8], since: Date)?
    private var running = true

    init(limit: Double, file: String, reader: FuzzReader) {
        Thread { [self] in
            while true {
                Thread.sleep(forTimeInterval: 0.1)
                lock.lock()
                let (alive, current) = (running, current)
                lock.unlock()
                guard alive else { return }
                if let current, Date().timeIntervalSince(current.since) > limit {
                    _ = FileManager.default.createFile(atPath: file, contents: Data(current.input))
                    let message = "allot-fuzz: the \(reader.rawValue) reader ran past \(limit) s on one input, "
                    FileHandle.standardError.write(Data((message + "saved to \(file)\n").utf8))
                    exit(3)
                }
            }
        }.start()
    }

    func begin(_ input: [UInt8]) {
        lock.lock()
        current = (input, Date())
        lock.unlock()
    }

    func end() {
        lock.lock()
        current = nil
        lock.unlock()
    }

    func stop() {
        lock.lock()
        running = false
        lock.unlock()
    }
}
