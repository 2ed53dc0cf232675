public import Foundation
import GRDB

/// Which records to read: every condition given must hold. Times are `[from, to)`.
public struct RecordFilter: Sendable, Equatable {
    public var drone: String?
    public var mission: String?
    public var from: Date?
    public var to: Date?
    /// Only these kinds; `nil` for all.
    public var kinds: Set<AuditKind>?

    public init(
        drone: String? = nil, mission: String? = nil, from: Date? = nil, to: Date? = nil, kinds: Set<AuditKind>? = nil
    ) {
        self.drone = drone
        self.mission = mission
        self.from = from
        self.to = to
        self.kinds = kinds
    }
}

/// Read-only access to a log for review: records in `seq` order, filtered in SQL on the indexed columns.
public final class AuditReader: Sendable {
    public let path: String
    private let database: DatabaseQueue

    /// Opens `path` read-only.
    /// - Throws: ``AuditError`` when it is missing or not an audit log.
    public init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw AuditError.notAnAuditLog(path: path, problem: "no such file")
        }
        self.path = path
        do {
            database = try AuditDatabase.open(path: path, readOnly: true)
        } catch let error as AuditError {
            throw error
        } catch {
            throw AuditError.notAnAuditLog(path: path, problem: "\(error)")
        }
    }

    /// The records that match `filter`, oldest first.
    public func records(_ filter: RecordFilter = RecordFilter()) throws -> [AuditRecord] {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let drone = filter.drone {
            conditions.append("drone = ?")
            arguments.append(drone)
        }
        if let mission = filter.mission {
            conditions.append("mission = ?")
            arguments.append(mission)
        }
        if let from = filter.from {
            conditions.append("time >= ?")
            arguments.append(RecordTime.text(from))
        }
        if let to = filter.to {
            conditions.append("time < ?")
            arguments.append(RecordTime.text(to))
        }
        if let kinds = filter.kinds {
            let sorted = kinds.map(\.rawValue).sorted()
            conditions.append("kind IN (\(Array(repeating: "?", count: sorted.count).joined(separator: ", ")))")
            arguments += sorted.map { $0 as (any DatabaseValueConvertible)? }
        }
        let condition = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT \(AuditDatabase.columns) FROM \(AuditDatabase.table)\(condition) ORDER BY seq"
        return try database.read { db in
            try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map(AuditDatabase.record)
        }
    }

    /// The most recent record of `kind`, whatever the filters (for example the last `config_load`).
    public func last(_ kind: AuditKind) throws -> AuditRecord? {
        try database.read { db in
            try Row.fetchOne(
                db,
                sql: "SELECT \(AuditDatabase.columns) FROM \(AuditDatabase.table) WHERE kind = ? ORDER BY seq DESC",
                arguments: [kind.rawValue]
            ).map(AuditDatabase.record)
        }
    }

    /// Rows in the file, for quick progress checks.
    public func count() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(AuditDatabase.table)") ?? 0 }
    }
}
