// allot-fuzz: feeds mutated CSV tables, allot.yaml files and plan.json files to
// allot's readers (docs/fuzzing.md).
//
// Built plainly (`swift build`), it runs a seeded campaign:
//   allot-fuzz [--reader csv|yaml|plan|all] [--runs N] [--seed S] [--base DATASET]
//              [--memory-mb M] [--corpus FOLDER]...
// Built for libFuzzer (`make fuzz`: -sanitize=fuzzer -D LIBFUZZER), it is a
// libFuzzer binary; ALLOT_FUZZ_READER picks the reader and ALLOT_FUZZ_BASE the
// dataset that stands in for the other files, every argument goes to libFuzzer.
import AllotCore
import AllotFuzzing
import Foundation

#if LIBFUZZER
    @_silgen_name("LLVMFuzzerRunDriver")
    func runLibFuzzer(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    // Read the reader and the base dataset now: a bad ALLOT_FUZZ_READER stops here, before libFuzzer starts.
    _ = LibFuzzer.reader
    _ = LibFuzzer.base

    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(runLibFuzzer(&argc, &argv) { data, size in LibFuzzer.one(data, size) })
#else
    var readers = FuzzReader.allCases
    var runs = 100_000
    var seed: UInt64 = 13
    var basePath = "datasets/tiny"
    var memoryLimitMB = 1024.0
    var corpus: [String] = []
    var arguments = CommandLine.arguments.dropFirst()
    while let flag = arguments.popFirst() {
        guard let value = arguments.popFirst() else { fail("\(flag) needs a value") }
        switch flag {
        case "--reader":
            if value == "all" {
                readers = FuzzReader.allCases
            } else if let r = FuzzReader(rawValue: value) {
                readers = [r]
            } else {
                fail("--reader \(value): expected csv, yaml, plan or all")
            }
        case "--runs":
            guard let n = Int(value), n >= 0 else { fail("--runs \(value): expected a whole number") }
            runs = n
        case "--seed":
            guard let n = UInt64(value) else { fail("--seed \(value): expected a whole number") }
            seed = n
        case "--base": basePath = value
        case "--memory-mb":
            guard let m = Double(value), m > 0 else { fail("--memory-mb \(value): expected a number of MB") }
            memoryLimitMB = m
        case "--corpus": corpus.append(value)
        default: fail("unknown option \(flag)")
        }
    }
    if corpus.isEmpty { corpus = ["datasets"] }
    let base = loadBase(basePath)
    var failed = false
    for reader in readers {
        let seeds = FuzzCorpus.seeds(for: reader, under: corpus)
        guard !seeds.isEmpty else { fail("no \(reader.rawValue) inputs under \(corpus.joined(separator: ", "))") }
        var campaign = FuzzCampaign(reader: reader, seeds: seeds, base: base, seed: seed)
        campaign.hangFile = "allot-fuzz-hang-\(reader.rawValue).bin"
        let report = campaign.run(count: runs) { print("  \($0)") }
        print(report)
        if !report.hangs.isEmpty {
            print("  slow inputs (reproduce with FuzzCampaign.input(at:)): \(report.hangs.prefix(20))")
            failed = true
        }
        if report.residentPeakMB > memoryLimitMB {
            print("  resident memory passed \(format(memoryLimitMB, decimals: 0)) MB")
            failed = true
        }
    }
    exit(failed ? 1 : 0)
#endif
