public import Foundation
import HummingbirdBcrypt

/// The operators who may log in to the console: a file of `name:bcrypt-hash` lines (blank lines and `#`
/// comments allowed), as `flowgate console passwd` writes them. Names are short and plain because they end up
/// in the release order's operator field.
public struct OperatorDirectory: Sendable {
    /// Why the file cannot be used.
    public struct FileError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var line: Int?
        public var problem: String
        public var description: String { "\(path)\(line.map { ":\($0)" } ?? ""): \(problem)" }
    }

    private let hashes: [String: String]
    /// Verified against when the name is unknown, so that a wrong name takes as long as a wrong password.
    private static let decoy = Bcrypt.hash("flowgate-decoy", cost: 10)

    public init(hashes: [String: String]) { self.hashes = hashes }

    public static func load(_ url: URL) throws(FileError) -> OperatorDirectory {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw FileError(path: url.path, problem: "cannot be read")
        }
        var hashes: [String: String] = [:]
        for (index, raw) in String(decoding: data, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false
        ).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw FileError(path: url.path, line: index + 1, problem: "expected name:bcrypt-hash")
            }
            let name = String(line[..<colon])
            let hash = String(line[line.index(after: colon)...])
            guard isValidName(name) else {
                throw FileError(
                    path: url.path, line: index + 1,
                    problem: "operator name '\(name)' must be 1 to 32 letters, digits, '.', '_' or '-'")
            }
            guard hash.hasPrefix("$2") else {
                throw FileError(path: url.path, line: index + 1, problem: "the password must be a bcrypt hash ($2…)")
            }
            guard hashes[name] == nil else {
                throw FileError(path: url.path, line: index + 1, problem: "operator '\(name)' is listed twice")
            }
            hashes[name] = hash
        }
        return OperatorDirectory(hashes: hashes)
    }

    /// Whether `password` is the operator's; bcrypt's own constant-time comparison.
    public func verify(_ name: String, password: String) -> Bool {
        guard let hash = hashes[name] else {
            _ = Bcrypt.verify(password, hash: Self.decoy)
            return false
        }
        return Bcrypt.verify(password, hash: hash)
    }

    public func contains(_ name: String) -> Bool { hashes[name] != nil }

    /// A line of the file for a new operator.
    public static func line(name: String, password: String, cost: UInt8 = 12) -> String {
        "\(name):\(Bcrypt.hash(password, cost: cost))"
    }

    public static func isValidName(_ name: String) -> Bool {
        (1...32).contains(name.count)
            && name.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                    || "._-".unicodeScalars.contains($0)
            }
    }
}
