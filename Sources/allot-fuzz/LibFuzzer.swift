import AllotCore
import AllotFuzzing
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("allot-fuzz: \(message)\n".utf8))
    exit(2)
}

func loadBase(_ folder: String) -> FuzzBase {
    do { return try FuzzBase(folder: folder) } catch { fail("cannot read the base dataset: \(error)") }
}

#if LIBFUZZER
    /// libFuzzer's view: the reader ALLOT_FUZZ_READER names (csv, yaml or plan) and the dataset
    /// ALLOT_FUZZ_BASE names (datasets/tiny by default), read once.
    enum LibFuzzer {
        static let reader: FuzzReader = {
            let name = ProcessInfo.processInfo.environment["ALLOT_FUZZ_READER"] ?? "csv"
            guard let reader = FuzzReader(rawValue: name) else {
                fail("ALLOT_FUZZ_READER is \(name); expected csv, yaml or plan")
            }
            return reader
        }()
        static let base = loadBase(ProcessInfo.processInfo.environment["ALLOT_FUZZ_BASE"] ?? "datasets/tiny")

        static func one(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
            let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
            _ = reader.run(bytes, base: base)
            return 0
        }
    }

    // libFuzzer's own main is replaced by main.swift's; the symbol it calls must still exist.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt { LibFuzzer.one(data, size) }
#endif
