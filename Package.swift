// swift-tools-version: 6.1
// allot: a command-line optimizer that staffs IT portfolios with GLPK.
import PackageDescription

let package = Package(
    name: "allot",
    products: [
        .executable(name: "allot", targets: ["allot"]),
        .library(name: "AllotCore", targets: ["AllotCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    ],
    targets: [
        // --- GLPK: the C library, the setjmp guard, and the only Swift that touches C.
        // Debian's libglpk-dev ships no pkg-config file: the module map links "glpk".
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK"),
        // C frames that setjmp around every fallible GLPK call (Swift cannot setjmp).
        .target(name: "CGLPKGuard", dependencies: ["CGLPK"], path: "Sources/CGLPKGuard"),
        // The solver seam, no C: the problem description, options, results, basis,
        // and the protocols a solver backend implements. AllotCore sees only this.
        .target(name: "LinearModel", path: "Sources/LinearModel"),
        // The GLPK backend of the seam: validated models, solver threads, status mapping.
        .target(name: "GLPK", dependencies: ["CGLPK", "CGLPKGuard", "LinearModel"], path: "Sources/GLPK"),
        // COIN-OR CLP (Debian's coinor-libclp-dev, no module map needed: only C++ includes it), the LP
        // engine of `--engine clp`: the C++ frames that catch its exceptions, and the backend (GLPK still
        // solves integer problems and writes LP/MPS).
        .target(
            name: "CLPGuard", path: "Sources/CLPGuard",
            linkerSettings: [.linkedLibrary("Clp"), .linkedLibrary("CoinUtils")]),
        .target(name: "CLP", dependencies: ["CLPGuard", "GLPK", "LinearModel"], path: "Sources/CLP"),

        // --- Spreadsheets: the workbook as a value (no C), libxlsxwriter, and the writer between them.
        // Debian's libxlsxwriter-dev ships xlsxwriter.pc, but its `-lz` needs zlib1g-dev, which the
        // shared library does not: the module map links "xlsxwriter" by name, as CGLPK does "glpk".
        .target(name: "Spreadsheet", path: "Sources/Spreadsheet"),
        .systemLibrary(name: "CXlsxWriter", path: "Sources/CXlsxWriter"),
        // The only Swift that touches libxlsxwriter: checks a Workbook against the format's limits, writes it.
        .target(name: "XLSX", dependencies: ["CXlsxWriter", "Spreadsheet"], path: "Sources/XLSX"),

        // --- The domain: load, validate, calendar, formulate, solve, interpret, write.
        .target(
            name: "AllotCore",
            dependencies: [
                "LinearModel",
                "Spreadsheet",
                .product(name: "Yams", package: "Yams"),
            ],
            path: "Sources/AllotCore"
        ),

        // --- The command line: commands, terminal and file I/O, exit codes. Thin: it picks
        // the GLPK backend and hands it to the library.
        .executableTarget(
            name: "allot",
            dependencies: [
                "AllotCore",
                "CLP",
                "GLPK",
                "XLSX",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/allot"
        ),

        // --- Fuzzing: the readers of untrusted bytes (CSV, allot.yaml, plan.json) driven by a seeded
        // mutator (tests, `allot-fuzz`) or by libFuzzer (`make fuzz`), docs/fuzzing.md.
        .target(name: "AllotFuzzing", dependencies: ["AllotCore"], path: "Sources/AllotFuzzing"),
        .executableTarget(name: "allot-fuzz", dependencies: ["AllotCore", "AllotFuzzing"], path: "Sources/allot-fuzz"),

        // --- Tests mirror the targets.
        // Problems with hand-computed optima that the tests of both engines share.
        .target(name: "SolverFixtures", dependencies: ["LinearModel"], path: "Tests/SolverFixtures"),
        .testTarget(name: "GLPKTests", dependencies: ["GLPK", "SolverFixtures"], path: "Tests/GLPKTests"),
        .testTarget(
            name: "CLPTests", dependencies: ["CLP", "CLPGuard", "GLPK", "SolverFixtures"], path: "Tests/CLPTests"),
        .testTarget(name: "XLSXTests", dependencies: ["XLSX", "Spreadsheet"], path: "Tests/XLSXTests"),
        .testTarget(
            name: "AllotCoreTests", dependencies: ["AllotCore", "CLP", "GLPK", "Spreadsheet"],
            path: "Tests/AllotCoreTests"),
        .testTarget(
            name: "AllotCLITests", dependencies: ["AllotCore", "AllotFuzzing", "GLPK"], path: "Tests/AllotCLITests",
            exclude: ["Fixtures", "Golden"]),  // data the tests read by path, not resources
        .testTarget(
            name: "AllotFuzzingTests", dependencies: ["AllotCore", "AllotFuzzing", "GLPK"],
            path: "Tests/AllotFuzzingTests"),
    ]
)
