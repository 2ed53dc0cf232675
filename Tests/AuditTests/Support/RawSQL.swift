import Foundation
import GRDB

/// Plain SQL on a log file, the way someone tampering with it would: no flowgate code involved.
enum RawSQL {
    static func execute(_ path: String, _ sql: String, _ arguments: StatementArguments = StatementArguments()) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: sql, arguments: arguments) }
        try queue.close()
    }

    static func row(_ path: String, seq: Int64) throws -> Row? {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM audit_record WHERE seq = ?", arguments: [seq])
        }
    }

    static func seqs(_ path: String, kind: String) throws -> [Int64] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            try Int64.fetchAll(db, sql: "SELECT seq FROM audit_record WHERE kind = ? ORDER BY seq", arguments: [kind])
        }
    }
}
