// swift-tools-version: 6.1
import PackageDescription

/// The same settings as the root package's targets: Swift 6 mode with strict concurrency, plus these.
let sharedSwiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// One libFuzzer executable per decoder, each `fuzz-NAME` built from `Sources/fuzz-NAME`.
/// Build with `swift build -c release --sanitize=fuzzer --sanitize=address` (scripts/fuzz.sh does it); a plain
/// `swift build` has no libFuzzer and fails to link. See Docs/FUZZING.md.
func fuzzTarget(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .executableTarget(
        name: "fuzz-\(name)", dependencies: ["FuzzSupport"] + dependencies, swiftSettings: sharedSwiftSettings)
}

let flowgate = "flowgate"

let package = Package(
    name: "flowgate-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: flowgate, path: ".."),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // MARK: - Shared

        /// Input framing (topic lines, records), the fixed clock, and the synthetic site the engine is fuzzed on.
        .target(
            name: "FuzzSupport",
            dependencies: [
                .product(name: "Airspace", package: flowgate),
                .product(name: "AirspaceFixtures", package: flowgate),
                .product(name: "Compliance", package: flowgate),
                .product(name: "Gateway", package: flowgate),
                .product(name: "Pipeline", package: flowgate),
                .product(name: "Geo", package: flowgate),
                .product(name: "StrictJSON", package: flowgate),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: sharedSwiftSettings
        ),

        // MARK: - Native formats

        fuzzTarget("json", [.product(name: "StrictJSON", package: flowgate)]),
        fuzzTarget("telemetry", [.product(name: "Compliance", package: flowgate)]),
        fuzzTarget("payload", [.product(name: "Compliance", package: flowgate)]),
        fuzzTarget(
            "router",
            [
                .product(name: "Compliance", package: flowgate), .product(name: "Pipeline", package: flowgate),
                .product(name: "StrictJSON", package: flowgate),
            ]),

        // MARK: - Adapters

        fuzzTarget(
            "dji", [.product(name: "Adapters", package: flowgate), .product(name: "Compliance", package: flowgate)]),
        fuzzTarget("klv", [.product(name: "Adapters", package: flowgate)]),
        fuzzTarget(
            "mavlink",
            [.product(name: "Adapters", package: flowgate), .product(name: "Compliance", package: flowgate)]),
        fuzzTarget(
            "remoteid",
            [
                .product(name: "Adapters", package: flowgate), .product(name: "Compliance", package: flowgate),
                .product(name: "StrictJSON", package: flowgate),
            ]),

        // MARK: - Zone bundles and configuration

        fuzzTarget(
            "ed269", [.product(name: "Airspace", package: flowgate), .product(name: "Geo", package: flowgate)]),
        fuzzTarget(
            "ed318", [.product(name: "Airspace", package: flowgate), .product(name: "Geo", package: flowgate)]),
        fuzzTarget("bundle", [.product(name: "Airspace", package: flowgate)]),
        fuzzTarget(
            "config",
            [
                .product(name: "Compliance", package: flowgate), .product(name: "Gateway", package: flowgate),
                .product(name: "Pipeline", package: flowgate),
            ]),
    ]
)
