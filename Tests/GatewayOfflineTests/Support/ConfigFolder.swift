import Audit
import Foundation
import Gateway

/// A temporary folder holding a configuration file and, by default, an (empty) `bundle` folder next to it:
/// the reader only checks that the bundle is a folder.
struct ConfigFolder {
    let url: URL

    init(bundle: Bool = true) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        if bundle { try makeFolder("bundle") }
    }

    func makeFolder(_ path: String) throws {
        try FileManager.default.createDirectory(
            at: url.appendingPathComponent(path), withIntermediateDirectories: true)
    }

    func write(_ path: String, _ text: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }

    /// Writes `yaml` as `flowgate.yaml` and loads it.
    func load(_ yaml: String, checkFiles: Bool = true) throws(ConfigError) -> GatewayConfig {
        do {
            try write("flowgate.yaml", yaml)
        } catch {
            fatalError("cannot write the test configuration: \(error)")
        }
        return try ConfigReader.load(file: url.appendingPathComponent("flowgate.yaml"), checkFiles: checkFiles)
    }

    /// The issues loading `yaml` reports (none when it loads).
    func issues(_ yaml: String, checkFiles: Bool = true) -> [ConfigIssue] {
        do {
            _ = try load(yaml, checkFiles: checkFiles)
            return []
        } catch {
            return error.issues
        }
    }

    /// Runs `body` with a fresh folder and removes it afterwards.
    static func with<T>(bundle: Bool = true, _ body: (ConfigFolder) throws -> T) throws -> T {
        let folder = try ConfigFolder(bundle: bundle)
        defer { folder.remove() }
        return try body(folder)
    }
}

/// The smallest valid configuration.
let minimalYAML = """
    bundle: bundle
    ingress:
      host: broker.local
    egress:
      host: broker.local
    """

enum Package {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let exampleConfig = root.appendingPathComponent("Deploy/flowgate.example.yaml")
    static let demoRecording = root.appendingPathComponent("Docs/examples/demo-recording.jsonl")
    static let demoBundle = root.appendingPathComponent("Geofences/berlin-pariser-platz")
}

/// A copy of the shipped example configuration in a temporary `Deploy` folder, with the repository's
/// `Geofences` beside it, so that its relative paths hold; with `key`, the signing key it names is made first,
/// as the example's comment says (`flowgate audit keygen --out Deploy/keys/audit.key`).
struct ExampleConfigCopy {
    let root: URL
    var config: URL { root.appendingPathComponent("Deploy/flowgate.example.yaml") }
    var key: URL { root.appendingPathComponent("Deploy/keys/audit.key") }

    init(key: Bool) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("flowgate-example-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("Deploy/keys"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Package.exampleConfig, to: config)
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("Geofences"),
            withDestinationURL: Package.root.appendingPathComponent("Geofences"))
        if key {
            try CheckpointSigner.generateKeyPair(privateKeyFile: self.key.path, publicKeyFile: self.key.path + ".pub")
        }
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

extension Array where Element == ConfigIssue {
    func issue(_ key: String) -> ConfigIssue? { first { $0.key == key } }
}
