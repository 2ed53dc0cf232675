import ArgumentParser
import Audit
import Foundation
import Geo
import Review

/// The database and the filters every review subcommand takes.
struct ReviewOptions: ParsableArguments {
    @Argument(
        help: "The audit database (SQLite); for a cluster, several (one per gateway instance), merged by time.",
        completion: .file())
    var databases: [String]

    @Option(help: "Only this drone.")
    var drone: String?

    @Option(help: "Only this mission.")
    var mission: String?

    @Option(help: "Only records at or after this time (RFC 3339).")
    var from: String?

    @Option(help: "Only records before this time (RFC 3339).")
    var to: String?

    func validate() throws {
        guard !databases.isEmpty else { throw ValidationError("name at least one audit database") }
    }

    /// The only database, for the subcommands that read one.
    var database: String { databases[0] }

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

    /// The filtered records (of `kinds` only, when given) of every database, merged in time order (a tie keeps
    /// the databases' order, then each one's own), with the first database's reader; or a clear message naming
    /// the file and exit status 2 when one is not an audit log.
    func load(kinds: Set<AuditKind>? = nil) throws -> (AuditReader, RecordedRun) {
        var filter = try filter()
        filter.kinds = kinds
        var readers: [AuditReader] = []
        var records: [(file: Int, record: AuditRecord)] = []
        for (index, database) in databases.enumerated() {
            do {
                let reader = try AuditReader(path: database)
                readers.append(reader)
                records += try reader.records(filter).map { (index, $0) }
            } catch {
                StandardError.print("\(database): \(error)")
                throw ExitCode.cannotRun
            }
        }
        guard databases.count > 1 else { return (readers[0], RecordedRun(records: records.map(\.record))) }
        let merged = records.enumerated().sorted { left, right in
            let (a, b) = (left.element, right.element)
            let (timeA, timeB) = (a.record.date ?? .distantPast, b.record.date ?? .distantPast)
            return timeA != timeB ? timeA < timeB : left.offset < right.offset
        }
        return (readers[0], RecordedRun(records: merged.map(\.element.record)))
    }

    /// A line saying what was selected.
    var scope: String {
        let parts = [
            drone.map { "drone \($0)" }, mission.map { "mission \($0)" }, from.map { "from \($0)" },
            to.map { "to \($0)" },
        ].compactMap { $0 }
        return databases.joined(separator: " + ")
            + (parts.isEmpty ? ", all records" : ", " + parts.joined(separator: ", "))
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
