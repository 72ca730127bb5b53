// swift-tools-version:6.0
// ccsim — discrete-event contact-center simulator. The targets follow DESIGN.md and each
// names every module it imports. Arrows point down: Stochastic (the only importer of
// CGSL), SimKernel, Measures → ContactCenter → Experiments (with Staffing, Rostering) →
// Calibration (over ScenarioFiles, the scenario reader and writer, which imports only the model) →
// Workflows (each command's work, returning values) and Reporting (every file) → ccsim
// (parses, calls, prints).
import PackageDescription

/// The simulation core is compiled with optimisation in debug builds too: the statistical
/// tests simulate millions of calls, which unoptimised code runs about 50 times slower.
/// Everything else (readers, commands, tests) stays unoptimised for debugging.
let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "ccsim",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ccsim", targets: ["ccsim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // MARK: - C library
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),

        // GLPK (libglpk-dev ships no pkg-config file: header and library found by name).
        .systemLibrary(
            name: "CGLPK",
            providers: [.apt(["libglpk-dev"])]
        ),

        // MARK: - Foundations (no simulator knowledge)
        .target(name: "Stochastic", dependencies: ["CGSL"], swiftSettings: optimisedInDebug),
        .target(name: "SimKernel", swiftSettings: optimisedInDebug),
        .target(name: "Measures", dependencies: ["Stochastic"], swiftSettings: optimisedInDebug),

        // MARK: - The model
        .target(name: "ContactCenter", dependencies: ["SimKernel", "Stochastic", "Measures"], swiftSettings: optimisedInDebug),

        // MARK: - Input: YAML scenario → validated model (the only reader of user input)
        .target(name: "ScenarioFiles", dependencies: ["ContactCenter", "Rostering", "Stochastic", .product(name: "Yams", package: "Yams")]),

        // MARK: - Formulas (never import the simulator)
        .target(name: "Staffing"),
        // Shift scheduling: the integer program of a roster (the only module that imports CGLPK).
        .target(name: "Rostering", dependencies: ["CGLPK"]),

        // MARK: - Experiments: replications, aggregation, parallel execution
        .target(name: "Experiments", dependencies: ["ContactCenter", "Measures", "Stochastic", "Staffing", "Rostering"],
                swiftSettings: optimisedInDebug),

        // MARK: - Calibration: call logs → fitted scenario parameters; backtest
        .target(name: "Calibration", dependencies: ["ScenarioFiles", "Experiments", "ContactCenter", "Measures", "Stochastic"],
                swiftSettings: optimisedInDebug),

        // MARK: - Workflows: each command's work as a library function returning values
        .target(name: "Workflows", dependencies: ["ScenarioFiles", "Experiments", "Calibration", "ContactCenter", "Staffing", "Measures",
                                                  "Stochastic"]),

        // MARK: - Output: JSON, CSV, terminal tables (the only writer of files)
        .target(name: "Reporting", dependencies: ["Experiments", "Calibration", "ContactCenter", "Rostering", "Measures", "Stochastic",
                                                  "CFileExchange"]),
        // Atomic exchange of two paths (renameat2), for replacing a results folder as a whole.
        .target(name: "CFileExchange"),
        .target(name: "CBuildID"),

        // MARK: - Command line (thin)
        .executableTarget(
            name: "ccsim",
            dependencies: [
                "Experiments", "ScenarioFiles", "Staffing", "Rostering", "Calibration", "ContactCenter", "Measures", "Reporting", "Workflows",
                "CBuildID",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Benchmarks (release builds; `make bench`; never part of the tests)
        .executableTarget(
            name: "ccsim-bench",
            dependencies: ["ContactCenter", "ScenarioFiles", "Stochastic"],
            path: "Benchmarks/ccsim-bench"
        ),

        // MARK: - Tests (one per source target) and shared helpers
        .target(name: "TestSupport", dependencies: ["Measures", "Stochastic"], path: "Tests/TestSupport"),
        .testTarget(name: "StochasticTests", dependencies: ["Stochastic", "TestSupport"]),
        .testTarget(name: "SimKernelTests", dependencies: ["SimKernel"]),
        .testTarget(name: "MeasuresTests", dependencies: ["Measures", "Stochastic", "TestSupport"]),
        .testTarget(name: "ContactCenterTests", dependencies: ["ContactCenter", "Staffing", "Stochastic", "Experiments", "TestSupport"]),
        .testTarget(name: "StaffingTests", dependencies: ["Staffing", "Stochastic"]),
        .testTarget(name: "RosteringTests", dependencies: ["Rostering"]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "ContactCenter", "ScenarioFiles", "Staffing", "Rostering", "TestSupport"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "Experiments", "ContactCenter"]),
        .testTarget(name: "ScenarioFilesTests", dependencies: ["ScenarioFiles", "ContactCenter", "Experiments", "Stochastic"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "CalibrationTests", dependencies: ["Calibration", "ScenarioFiles", "Experiments", "Reporting", "ContactCenter",
                                                             "Measures", "Stochastic", "TestSupport"]),
        .testTarget(name: "ccsimTests", dependencies: ["ccsim"]),
    ]
)
