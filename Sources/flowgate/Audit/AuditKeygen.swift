import ArgumentParser
import Audit
import Foundation

struct AuditKeygen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Make an Ed25519 key pair for signed checkpoints: FILE (private, mode 0600) and FILE.pub.",
        discussion: """
            Keep the private key with the gateway (audit.signing_key in its configuration) and give the public \
            key to whoever verifies the record: `flowgate audit verify DB --public-key FILE.pub`.
            """
    )

    @Option(help: "Where to write the private key; the public key goes to the same path with .pub added.")
    var out: String

    @Flag(help: "Replace existing key files.")
    var force = false

    func run() throws {
        let publicPath = out + ".pub"
        for path in [out, publicPath] where !force && FileManager.default.fileExists(atPath: path) {
            throw ValidationError("'\(path)' exists; pass --force to replace it")
        }
        try CheckpointSigner.generateKeyPair(privateKeyFile: out, publicKeyFile: publicPath)
        let verifier = try CheckpointVerifier(publicKeyFile: publicPath)
        print("wrote \(out) (private) and \(publicPath) (public), key id \(verifier.keyID)")
    }
}
