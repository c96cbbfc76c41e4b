// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "ledger",
    products: [
        .library(name: "AccountLedger", targets: ["AccountLedger"]),
        .executable(name: "ledger", targets: ["ledger"]),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CCrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(
            name: "AccountLedger",
            dependencies: ["CSQLite", "CCrypto"],
            resources: [.copy("Schemas")]
        ),
        .executableTarget(
            name: "ledger",
            dependencies: ["AccountLedger"]
        ),
        .target(
            name: "LedgerHarness",
            dependencies: ["AccountLedger"]
        ),
        .target(
            name: "LedgerBenchKit",
            dependencies: ["AccountLedger", "CSQLite", "LedgerHarness"],
            path: "tools/ledger-bench/Sources/LedgerBenchKit"
        ),
        .executableTarget(
            name: "ledger-bench",
            dependencies: ["LedgerBenchKit"],
            path: "tools/ledger-bench/Sources/ledger-bench"
        ),
        .testTarget(
            name: "LedgerBenchTests",
            dependencies: ["LedgerBenchKit"],
            path: "tools/ledger-bench/Tests/LedgerBenchTests"
        ),
        .executableTarget(
            name: "ledger-crash",
            dependencies: ["LedgerHarness"],
            path: "tools/ledger-crash"
        ),
        .executableTarget(
            name: "ledger-differential",
            dependencies: ["LedgerHarness"],
            path: "tools/ledger-differential"
        ),
        .executableTarget(
            name: "ledger-fuzz",
            dependencies: ["LedgerHarness"],
            path: "tools/ledger-fuzz"
        ),
        .testTarget(
            name: "AccountLedgerTests",
            dependencies: ["AccountLedger", "LedgerHarness"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
