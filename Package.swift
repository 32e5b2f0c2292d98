// swift-tools-version: 6.2
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "Assay",
    platforms: [.macOS(.v14)],
    products: [
        // One product per module an embedder may want: the whole pipeline, or only its parts.
        .library(name: "Assay", targets: ["Assay"]),
        .library(name: "AssayCore", targets: ["AssayCore"]),
        .library(name: "AssayConfig", targets: ["AssayConfig"]),
        .library(name: "AssaySQLite", targets: ["AssaySQLite"]),
        .library(name: "AssayPostgres", targets: ["AssayPostgres"]),
        .library(name: "AssayReport", targets: ["AssayReport"]),
        .library(name: "AssayStore", targets: ["AssayStore"]),
        .library(name: "AssayDashboard", targets: ["AssayDashboard"]),
        .library(name: "AssayMonitorCore", targets: ["AssayMonitorCore"]),
        .library(name: "AssayAlerting", targets: ["AssayAlerting"]),
        .library(name: "AssayMonitor", targets: ["AssayMonitor"]),
        .library(name: "AssayServer", targets: ["AssayServer"]),
        .library(name: "AssayOpenLineage", targets: ["AssayOpenLineage"]),
        .library(name: "AssayTestSupport", targets: ["AssayTestSupport"]),
        .executable(name: "assay", targets: ["AssayCLI"]),
        .executable(name: "assay-conformance", targets: ["AssayConformanceCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    ],
    targets: [
        // config -> plan -> execute -> evaluate -> present. The core does no I/O.
        .target(name: "AssayCore", dependencies: [.product(name: "Logging", package: "swift-log")], swiftSettings: strict),
        .target(
            name: "AssayConfig",
            dependencies: ["AssayCore", "AssayMonitorCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict),
        .target(
            name: "AssaySQLite",
            dependencies: [
                "AssayCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strict),
        .target(
            name: "AssayPostgres",
            dependencies: [
                "AssayCore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .target(name: "AssayReport", dependencies: ["AssayCore", "AssayMonitorCore"], swiftSettings: strict),
        // The FinanceFlow demo: data with injected defects, its suite, and loading it into PostgreSQL.
        .target(
            name: "AssayDemo",
            dependencies: [
                "AssayCore", "AssayPostgres",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        // The record stage: the history of every run.
        .target(
            name: "AssayStore",
            dependencies: [
                "AssayCore", "AssayMonitorCore", "AssayPostgres", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        // The present stage's HTML: page models and a renderer drawing its own SVG charts; no I/O.
        .target(name: "AssayDashboard", dependencies: ["AssayCore", "AssayMonitorCore", "AssayStore", "AssayReport"], swiftSettings: strict),
        // The react stage's pure logic: schedules, incident and delivery state machines (no I/O, no clock).
        .target(name: "AssayMonitorCore", dependencies: ["AssayCore"], swiftSettings: strict),
        // The react stage's edges: the channels alerts are delivered on.
        .target(
            name: "AssayAlerting",
            dependencies: [
                "AssayMonitorCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        // OpenLineage emission: each run's events (pure builder) and their transports (a JSON-lines file, HTTP).
        .target(
            name: "AssayOpenLineage",
            dependencies: [
                "AssayCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        // The one entry point: load -> open -> run -> render.
        .target(
            name: "Assay",
            dependencies: [
                "AssayCore", "AssayConfig", "AssaySQLite", "AssayPostgres", "AssayReport", "AssayStore", "AssayDashboard",
                "AssayMonitorCore",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        // The monitor's long-running parts: the scheduler and incremental polls, the incidents, the alert outbox.
        .target(
            name: "AssayMonitor",
            dependencies: [
                "AssayCore", "AssayMonitorCore", "AssayStore", "AssayAlerting",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        // The present stage over HTTP: dashboard pages, the JSON API, /metrics (read-only).
        .target(
            name: "AssayServer",
            dependencies: [
                "Assay", "AssayStore", "AssayCore", "AssayMonitorCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "AssayCLI",
            dependencies: ["Assay", "AssayDemo", "AssayServer", "AssayMonitor", "AssayAlerting", "AssayOpenLineage", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                           .product(name: "Logging", package: "swift-log"), .product(name: "AsyncHTTPClient", package: "async-http-client"),
                           .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: strict),
        .target(
            name: "AssayConformance",
            dependencies: [
                "Assay",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "AssayConformanceCLI",
            dependencies: ["AssayConformance", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict),
        .executableTarget(
            name: "AssayBench",
            dependencies: ["Assay", "AssayDemo", .product(name: "GRDB", package: "GRDB.swift")],
            path: "bench/AssayBench",
            swiftSettings: strict),
        // What tests (ours and an embedder's) need: temporary SQLite sources, a manual clock, the CLI as a process.
        .target(
            name: "AssayTestSupport",
            dependencies: ["AssayCore", "AssaySQLite", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),
        .executableTarget(name: "AssayStoreBench", dependencies: ["Assay"], path: "bench/AssayStoreBench", swiftSettings: strict),
        .executableTarget(name: "AssayComplianceBench", dependencies: ["Assay"], path: "bench/AssayComplianceBench", swiftSettings: strict),
        .executableTarget(name: "AssaySoak", dependencies: ["Assay"], path: "bench/AssaySoak", swiftSettings: strict),
        .executableTarget(name: "AssayFixBench", dependencies: ["Assay", "AssayDemo"], path: "bench/AssayFixBench", swiftSettings: strict),
        .testTarget(name: "AssayCoreTests", dependencies: ["AssayCore"], swiftSettings: strict),
        .testTarget(name: "AssayConfigTests", dependencies: ["AssayConfig"], swiftSettings: strict),
        .testTarget(name: "AssayMonitorCoreTests", dependencies: ["AssayMonitorCore"], swiftSettings: strict),
        .testTarget(name: "AssayOpenLineageTests", dependencies: ["AssayOpenLineage", "AssayCore", "AssayTestSupport"], swiftSettings: strict),
        .testTarget(name: "AssayAlertingTests", dependencies: ["AssayAlerting", "AssayMonitorCore", "AssayTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "AssayDemoTests",
            dependencies: ["AssayDemo", "AssayCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict),
        .testTarget(
            name: "AssayPostgresTests",
            dependencies: [
                "Assay", "AssayConformance", "AssayDemo", "AssayTestSupport", "AssayOpenLineage",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "AssayIntegrationTests",
            dependencies: [
                "Assay", "AssayConformance", "AssayDemo", "AssayTestSupport", "AssayServer", "AssayAlerting", "AssayMonitor", "AssayOpenLineage",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: strict),
    ]
)
