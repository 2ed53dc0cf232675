/// Why the record could not be opened, written or read. Never carries message content.
public enum AuditError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is not a flowgate audit log (or not one this version reads).
    case notAnAuditLog(path: String, problem: String)
    /// SQLite refused an operation; the log stops taking records (fail closed).
    case storage(path: String, problem: String)
    /// `record` after `close`, or after the writer failed.
    case closed(path: String)
    /// A key file could not be read or is not in the documented format.
    case keyFile(path: String, problem: String)
    /// A file of published checkpoints (C2SP signed notes) could not be read, parsed or appended to.
    case checkpointNotes(path: String, problem: String)

    public var description: String {
        switch self {
        case .notAnAuditLog(let path, let problem): "\(path): not a flowgate audit log: \(problem)"
        case .storage(let path, let problem): "\(path): the audit log cannot be written: \(problem)"
        case .closed(let path): "\(path): the audit log is closed; no more records are accepted"
        case .keyFile(let path, let problem): "\(path): \(problem)"
        case .checkpointNotes(let path, let problem): "\(path): checkpoint notes: \(problem)"
        }
    }
}
