// swift-tools-version: 6.1
import PackageDescription

/// One settings list for every Swift target: Swift 6 mode with strict concurrency is the package default;
/// these add the checks we want everywhere.
let sharedSwiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "flowgate",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "flowgate", targets: ["flowgate"]),
        .executable(name: "flowgate-bench", targets: ["flowgate-bench"]),
        .executable(name: "flowgate-gateway-bench", targets: ["flowgate-gateway-bench"]),
        .executable(name: "flowgate-audit-bench", targets: ["flowgate-audit-bench"]),
        .executable(name: "flowgate-null-bridge", targets: ["flowgate-null-bridge"]),
        .library(name: "Geo", targets: ["Geo"]),
        .library(name: "Airspace", targets: ["Airspace"]),
        // For the fuzzing package in Fuzz/, which can depend only on products.
        .library(name: "StrictJSON", targets: ["StrictJSON"]),
        .library(name: "Compliance", targets: ["Compliance"]),
        .library(name: "Adapters", targets: ["Adapters"]),
        .library(name: "Pipeline", targets: ["Pipeline"]),
        .library(name: "Gateway", targets: ["Gateway"]),
        .library(name: "AirspaceFixtures", targets: ["AirspaceFixtures"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // Test-only: the browser test's DevTools-protocol client talks to headless Chromium over a WebSocket.
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
    ],
    targets: [
        // MARK: - C libraries

        .systemLibrary(
            name: "CMosquitto",
            pkgConfig: "libmosquitto",
            providers: [.apt(["libmosquitto-dev"])]
        ),

        /// A cache-line prefetch hint for the zone engine's query loop (Swift has no prefetch of its own).
        .target(name: "CPrefetch"),

        // MARK: - Pure core

        .target(
            name: "StrictJSON",
            swiftSettings: sharedSwiftSettings
        ),
        /// Bytes as lowercase hex: digests, nonces and generated passwords.
        .target(
            name: "HexEncoding",
            swiftSettings: sharedSwiftSettings
        ),
        .target(
            name: "Geo",
            dependencies: ["CPrefetch"],
            swiftSettings: sharedSwiftSettings
        ),
        .target(
            name: "Airspace",
            dependencies: ["CPrefetch", "Geo", "StrictJSON"],
            swiftSettings: sharedSwiftSettings
        ),

        .target(
            name: "Compliance",
            dependencies: [
                "Airspace", "Geo", "HexEncoding", "StrictJSON", .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: sharedSwiftSettings
        ),

        /// Native-format decoders for real fleets (DJI Cloud API, MAVLink JSON, Remote ID, MISB KLV): each turns its
        /// wire format into the observations the compliance engine already judges.
        .target(
            name: "Adapters",
            dependencies: ["Compliance", "Geo", "StrictJSON"],
            swiftSettings: sharedSwiftSettings
        ),

        /// The tamper-evident record: the only module that touches the SQLite database.
        .target(
            name: "Audit",
            dependencies: [
                "HexEncoding", "StrictJSON",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        /// Post-incident review over the record: summaries, timelines, exports and the HTML map report.
        .target(
            name: "Review",
            dependencies: ["Airspace", "Audit", "Geo", "StrictJSON"],
            swiftSettings: sharedSwiftSettings
        ),

        .target(
            name: "MQTT",
            dependencies: ["CMosquitto"],
            swiftSettings: sharedSwiftSettings
        ),
        /// One way through for every message, live and in replay: each format's reader makes observations, the
        /// engine decides each. Pure: no I/O, time is an argument.
        .target(
            name: "Pipeline",
            dependencies: [
                "Adapters", "Compliance", "Geo", "HexEncoding", "StrictJSON",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        /// The gateway's I/O: MQTT clients, the service, metrics, the record.
        .target(
            name: "Gateway",
            dependencies: [
                "Airspace", "Audit", "Compliance", "Geo", "HexEncoding", "MQTT", "Pipeline", "StrictJSON",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: sharedSwiftSettings
        ),

        /// The live console: a web page served by the gateway process (map, feed, cards, four-eyes release), fed
        /// from snapshots taken off the message path.
        .target(
            name: "LiveConsole",
            dependencies: [
                "Airspace", "Compliance", "Gateway", "Geo", "HexEncoding", "StrictJSON",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: sharedSwiftSettings
        ),

        /// Training exercises: scenarios, the crowd model, scripted faults, ground truth and publishing.
        .target(
            name: "Simulation",
            dependencies: [
                "Airspace", "Geo", "HexEncoding", "MQTT", "StrictJSON",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: sharedSwiftSettings
        ),

        /// Seeded synthetic bundles for benchmarks and property tests.
        .target(
            name: "AirspaceFixtures",
            dependencies: ["Airspace", "Geo", "StrictJSON"],
            swiftSettings: sharedSwiftSettings
        ),

        // MARK: - Command line

        .executableTarget(
            name: "flowgate",
            dependencies: [
                "Adapters",
                "Airspace",
                "Audit",
                "Compliance",
                "Gateway",
                "Geo",
                "HexEncoding",
                "LiveConsole",
                "MQTT",
                "Pipeline",
                "Review",
                "Simulation",
                "StrictJSON",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: sharedSwiftSettings
        ),

        // MARK: - Benchmarks

        .executableTarget(
            name: "flowgate-bench",
            dependencies: [
                "Airspace",
                "AirspaceFixtures",
                "Geo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/ZoneBench",
            swiftSettings: sharedSwiftSettings
        ),

        .executableTarget(
            name: "flowgate-gateway-bench",
            dependencies: [
                "Airspace", "AirspaceFixtures", "Compliance", "Gateway", "Geo", "LiveConsole", "MQTT", "StrictJSON",
                "flowgate-null-bridge",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Benchmarks/GatewayBench",
            swiftSettings: sharedSwiftSettings
        ),

        /// The audit record's writer: records per second with batching, and bytes per drone-hour.
        .executableTarget(
            name: "flowgate-audit-bench",
            dependencies: [
                "Audit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/AuditBench",
            swiftSettings: sharedSwiftSettings
        ),

        /// The do-nothing bridge in C that the gateway's throughput is measured against.
        .executableTarget(
            name: "flowgate-null-bridge",
            dependencies: ["CMosquitto"],
            path: "Benchmarks/NullBridge"
        ),

        // MARK: - Tests

        .testTarget(
            name: "GeoTests",
            dependencies: [
                "AirspaceFixtures", "Geo",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: sharedSwiftSettings
        ),
        .testTarget(
            name: "StrictJSONTests",
            dependencies: [
                "AirspaceFixtures",
                "StrictJSON",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        .testTarget(
            name: "AirspaceTests",
            dependencies: [
                "Airspace",
                "AirspaceFixtures",
                "StrictJSON",
                "Geo",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        .testTarget(
            name: "ComplianceTests",
            dependencies: [
                "Airspace", "AirspaceFixtures", "Compliance", "Geo", "StrictJSON",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            // Read through #filePath, so that `flowgate replay` tests can use the same corpus.
            exclude: ["Payload/payload-corpus.jsonl"],
            swiftSettings: sharedSwiftSettings
        ),
        .testTarget(
            name: "AdapterTests",
            dependencies: ["Adapters", "Compliance", "Geo", "StrictJSON"],
            swiftSettings: sharedSwiftSettings
        ),
        .testTarget(
            name: "AuditTests",
            dependencies: [
                "Audit", "Review", "StrictJSON", "Airspace", "Geo", "TestSupport",
                // The crash test kills the benchmark's writer (--write-until-killed) mid-stream.
                "flowgate-audit-bench",
                .product(name: "GRDB", package: "GRDB.swift"),
                // To check published checkpoints against the signed-note specification independently of Audit.
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        .testTarget(
            name: "ReviewTests",
            dependencies: [
                "Airspace", "Audit", "Review", "StrictJSON", "TestSupport",
                // Plain SQL on a record file, as someone tampering with it would.
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        .testTarget(
            name: "SimulationTests",
            dependencies: [
                "Simulation", "Airspace", "Geo", "StrictJSON", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        /// Helpers shared by the tests that need a real broker.
        .target(
            name: "TestSupport",
            dependencies: ["MQTT", "StrictJSON"],
            path: "Tests/TestSupport",
            swiftSettings: sharedSwiftSettings
        ),
        .testTarget(
            name: "MQTTTests",
            dependencies: ["MQTT", "TestSupport"],
            swiftSettings: sharedSwiftSettings
        ),
        /// The gateway tests' shared site, adapters and mixed-fleet exercise, with and without a broker.
        .target(
            name: "GatewayTestSupport",
            dependencies: [
                "Airspace", "Compliance", "Gateway", "Geo", "Pipeline", "Simulation", "StrictJSON", "TestSupport",
            ],
            path: "Tests/GatewayTestSupport",
            swiftSettings: sharedSwiftSettings
        ),
        /// The gateway without a broker: its configuration, and the pipeline through recordings and replay.
        .testTarget(
            name: "GatewayOfflineTests",
            dependencies: [
                "Airspace", "Audit", "Compliance", "Gateway", "GatewayTestSupport", "Geo", "Pipeline", "Simulation",
                "StrictJSON",
                // Scenario files only: no broker.
                "TestSupport",
            ],
            swiftSettings: sharedSwiftSettings
        ),
        /// The gateway through a real mosquitto started by each test.
        .testTarget(
            name: "GatewayTests",
            dependencies: [
                "Airspace", "Audit", "Compliance", "Gateway", "GatewayTestSupport", "Geo", "MQTT", "Pipeline",
                "Simulation", "StrictJSON", "TestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                // Plain SQL on a record file, as someone tampering with it would.
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        /// The live console over HTTP against a gateway and a real mosquitto, and in headless Chromium.
        .testTarget(
            name: "LiveConsoleTests",
            dependencies: [
                "Airspace", "Compliance", "Gateway", "GatewayTestSupport", "Geo", "LiveConsole", "MQTT", "StrictJSON",
                "TestSupport",
                // A tile server on loopback for the browser test of the map's tiles.
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: sharedSwiftSettings
        ),
        .testTarget(
            name: "FlowgateCLITests",
            dependencies: [
                "flowgate", "Audit", "Compliance", "Gateway", "Geo", "MQTT", "Review", "StrictJSON", "TestSupport",
            ],
            swiftSettings: sharedSwiftSettings
        ),
    ]
)
