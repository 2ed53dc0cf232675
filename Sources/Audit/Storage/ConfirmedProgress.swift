import Foundation
import GRDB

/// Per drone, the highest telemetry `seq` up to which every message the gateway took in is safe (its records
/// committed, its publications acknowledged by the consumers' broker): a table beside the chain, written as
/// the gateway goes (``AuditLog/noteProgress(_:)``) and read at the next start after a crash, whose `gap` record
/// copies it into the chain. The gaps the next run sees between these and each drone's next `seq` are then
/// recorded as `seq_gap` events.
///
/// Not part of the hash chain: it is a hint for finding what a crash lost, not evidence; what it says becomes
/// evidence only when the `gap` record copies it.
enum ConfirmedProgress {
    static let table = "audit_progress"

    static func createSchema(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS \(table) (
                    drone TEXT PRIMARY KEY,
                    seq INTEGER NOT NULL,
                    time TEXT NOT NULL
                )
                """)
    }

    static func store(_ confirmed: [String: UInt64], at time: Date, in db: Database) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO \(table) (drone, seq, time) VALUES (?, ?, ?)
                ON CONFLICT(drone) DO UPDATE SET seq = excluded.seq, time = excluded.time
                """)
        let stamp = RecordTime.text(time)
        // SQLite integers are signed 64-bit: a larger `seq` is stored as the largest it can hold (a lower bound).
        for (drone, seq) in confirmed {
            try statement.execute(arguments: [drone, Int64(clamping: seq), stamp])
        }
    }

    static func read(_ db: Database) throws -> [String: UInt64] {
        guard try db.tableExists(table) else { return [:] }
        var confirmed: [String: UInt64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT drone, seq FROM \(table)") {
            let seq: Int64 = row["seq"]
            confirmed[row["drone"]] = UInt64(max(0, seq))
        }
        return confirmed
    }
}
