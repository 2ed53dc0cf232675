import Foundation
import TestSupport

/// A copy of the demo bundle in a fresh temporary folder, for tests that break it.
struct TemporaryBundle {
    /// The temporary folder that holds the copy (and is removed afterwards).
    let root: URL
    /// The copied bundle folder.
    let url: URL

    var path: String { url.path }

    /// Copies the demo bundle into a new temporary folder, runs `body` on it, and removes the folder.
    /// - Parameter name: the bundle folder's name inside the temporary folder.
    static func withDemoCopy<T>(
        named name: String = "bundle", _ body: (TemporaryBundle) async throws -> T
    ) async throws -> T {
        let fileManager = FileManager.default
        let root = fileManager.temporaryDirectory.appendingPathComponent("flowgate-cli-\(UUID().uuidString)")
        try fileManager.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? fileManager.removeItem(at: root) }
        let url = root.appendingPathComponent(name, isDirectory: true)
        try fileManager.copyItem(
            at: FlowgateProcess.packageRoot.appendingPathComponent(FlowgateProcess.demoBundle), to: url)
        return try await body(TemporaryBundle(root: root, url: url))
    }

    func read(_ file: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(file), encoding: .utf8)
    }

    func write(_ file: String, _ text: String) throws {
        try Data(text.utf8).write(to: url.appendingPathComponent(file))
    }

    func remove(_ file: String) throws {
        try FileManager.default.removeItem(at: url.appendingPathComponent(file))
    }

    /// Replaces every occurrence of `old` in `file`.
    /// - Throws: ``FlowgateProcessError`` when `old` does not occur, so that a changed demo bundle cannot
    ///   silently turn a test of a broken bundle into a test of a valid one.
    func replace(in file: String, _ old: String, with new: String) throws {
        let text = try read(file)
        guard text.contains(old) else {
            throw FlowgateProcessError("\(file) of the demo bundle no longer contains \(String(reflecting: old))")
        }
        try write(file, text.replacingOccurrences(of: old, with: new))
    }

    /// Removes every line of `file` that contains `marker`.
    func removeLines(in file: String, containing marker: String) throws {
        let lines = try read(file).split(separator: "\n", omittingEmptySubsequences: false)
        let kept = lines.filter { !$0.contains(marker) }
        guard kept.count < lines.count else {
            throw FlowgateProcessError(
                "\(file) of the demo bundle has no line containing \(String(reflecting: marker))")
        }
        try write(file, kept.joined(separator: "\n"))
    }
}
