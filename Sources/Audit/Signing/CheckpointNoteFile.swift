import Foundation

/// The text file of published checkpoints (`audit.checkpoint.note_file`): one ``CheckpointNote`` after the
/// other, in the order they were made, each followed by a blank line. The gateway appends to it; an
/// oversight body keeps a copy, and `flowgate audit verify --checkpoint FILE` checks a record against it.
public struct CheckpointNoteFile: Sendable {
    /// One note and the line it starts on.
    public struct Entry: Sendable, Equatable {
        public var note: CheckpointNote
        public var line: Int
    }

    public let path: String
    /// The notes, in the file's order.
    public let entries: [Entry]

    /// Reads the notes in the file at `path`.
    /// - Throws: ``AuditError/checkpointNotes(path:problem:)`` when it cannot be read or a note is malformed.
    public init(path: String) throws(AuditError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AuditError.checkpointNotes(path: path, problem: "cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AuditError.checkpointNotes(path: path, problem: "not UTF-8 text")
        }
        self.path = path
        entries = try CheckpointNoteFile.parse(text, path: path)
    }

    /// The notes in `text`: for each, at least three text lines (origin, tree size, root hash), a blank line
    /// and at least one signature line (`— <key name> <base64>`).
    static func parse(_ text: String, path: String) throws(AuditError) -> [Entry] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func fail(_ index: Int, _ problem: String) -> AuditError {
            AuditError.checkpointNotes(path: path, problem: "line \(index + 1): \(problem)")
        }
        var entries: [Entry] = []
        var index = 0
        while index < lines.count {
            if lines[index].isEmpty {
                index += 1
                continue
            }
            let start = index
            var body: [String] = []
            while index < lines.count, !lines[index].isEmpty {
                if lines[index].hasPrefix(signaturePrefix) { throw fail(index, "a signature line without a note") }
                body.append(lines[index])
                index += 1
            }
            guard body.count >= 3 else { throw fail(start, "a note needs an origin, a tree size and a root hash") }
            guard let size = Int64(body[1]), size >= 0, String(size) == body[1] else {
                throw fail(start + 1, "the tree size is not a decimal number without leading zeroes")
            }
            guard let root = Data(base64Encoded: body[2]), root.count == 32 else {
                throw fail(start + 2, "the root hash is not 32 bytes of base64")
            }
            index += 1  // the blank line
            var signatures: [CheckpointNote.Signature] = []
            while index < lines.count, lines[index].hasPrefix(signaturePrefix) {
                let parts = lines[index].dropFirst(signaturePrefix.count).split(separator: " ")
                guard parts.count == 2, let bytes = Data(base64Encoded: String(parts[1])), bytes.count > 4 else {
                    throw fail(index, "expected '\(signaturePrefix)<key name> <base64 of key ID and signature>'")
                }
                signatures.append(CheckpointNote.Signature(keyName: String(parts[0]), bytes: bytes))
                index += 1
            }
            guard !signatures.isEmpty else { throw fail(index, "the note at line \(start + 1) has no signature") }
            entries.append(
                Entry(
                    note: CheckpointNote(origin: body[0], treeSize: size, rootHash: root, signatures: signatures),
                    line: start + 1))
        }
        return entries
    }

    /// Appends `note` and a blank line, and syncs the file to disk before returning.
    static func append(_ note: CheckpointNote, to path: String) throws(AuditError) {
        let manager = FileManager.default
        if !manager.fileExists(atPath: path),
            !manager.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o644])
        {
            throw AuditError.checkpointNotes(path: path, problem: "cannot be created")
        }
        do {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data((note.signedText + "\n").utf8))
            try handle.synchronize()
        } catch {
            throw AuditError.checkpointNotes(path: path, problem: "cannot be appended to (\(error))")
        }
    }

    /// An em dash and a space: how a signature line begins.
    static let signaturePrefix = "\u{2014} "
}
