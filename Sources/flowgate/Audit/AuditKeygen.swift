import ArgumentParser
import Audit
import Foundation

struct AuditKeygen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Make an Ed25519 key pair for signed checkpoints: FILE (private, mode 0600) and FILE.pub.",
        discussion: """
            Keep the private key with the gateway (audit.checkpoint.key_file in its configuration) and give the \
            public key to whoever verifies the record: `flowgate audit verify DB --public-key FILE.pub`. Also \
            prints the key as a signed-note verifier key, for tools that read the published checkpoints.
            """
    )

    @Option(help: "Where to write the private key; the public key goes to the same path with .pub added.")
    var out: String

    @Flag(help: "Replace existing key files.")
    var force = false

    func run() throws {
        let verifier = try Self.generate(out: out, force: force)
        print("wrote \(out) (private) and \(out).pub (public), key id \(verifier.keyID)")
        print("signed-note verifier key: \(verifier.noteVerifierKey)")
    }

    /// Writes the key pair `out` and `out.pub` (the demo makes its key here too); returns the public key.
    static func generate(out: String, force: Bool) throws -> CheckpointVerifier {
        let publicPath = out + ".pub"
        for path in [out, publicPath] where !force && FileManager.default.fileExists(atPath: path) {
            throw ValidationError("'\(path)' exists; pass --force to replace it")
        }
        if force {
            // Written afresh, so the private key gets its 0600 mode even where an older file had another.
            for path in [out, publicPath] { try? FileManager.default.removeItem(atPath: path) }
        }
        // The folder (keys/ in the example configuration) is made, readable by its owner alone.
        let folder = URL(fileURLWithPath: out).deletingLastPathComponent()
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try CheckpointSigner.generateKeyPair(privateKeyFile: out, publicKeyFile: publicPath)
        return try CheckpointVerifier(publicKeyFile: publicPath)
    }
}
