import ArgumentParser
import Audit
import Foundation
import Geo
import Review

/// The database and the filters every review subcommand takes.
struct ReviewOptions: ParsableArguments {
    @Argument(help: "The audit database (SQLite).", completion: .file())
    var database: String

    @Option(help: "Only this drone.")
    var drone: String?

    @Option(help: "Only this mission.")
    var mission: String?

    @Option(help: "Only records at or after this time (RFC 3339).")
    var from: String?

    @Option(help: "Only records before this time (RFC 3339).")
    var to: String?

    func filter() throws -> RecordFilter {
        func time(_ text: String?, _ option: String) throws -> Date? {
            guard let text else { return nil }
            do {
                return try RFC3339.parse(text)
            } catch {
                throw ValidationError("--\(option): \(error)")
            }
        }
        return RecordFilter(drone: drone, mission: mission, from: try time(from, "from"), to: try time(to, "to"))
    }

    /// The filtered records (of `kinds` only, when given), or a clear message and exit status 2 when the file is
    /// not an audit log.
    func load(kinds: Set<AuditKind>? = nil) throws -> (AuditReader, RecordedRun) {
        var filter = try filter()
        filter.kinds = kinds
        do {
            let reader = try AuditReader(path: database)
            return (reader, try RecordedRun(reader: reader, filter: filter))
        } catch {
            StandardError.print("\(error)")
            throw ExitCode.cannotRun
        }
    }

    /// A line saying what was selected.
    var scope: String {
        let parts = [
            drone.map { "drone \($0)" }, mission.map { "mission \($0)" }, from.map { "from \($0)" },
            to.map { "to \($0)" },
        ].compactMap { $0 }
        return "\(database)" + (parts.isEmpty ? ", all records" : ", " + parts.joined(separator: ", "))
    }

    /// Writes `text` to `path`, or to standard output without one.
    static func emit(_ text: String, to path: String?) throws {
        guard let path else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw CommandFailure("cannot write '\(path)': \(error.localizedDescription)")
        }
    }
}
