import GRDB

/// Plain SQL on a record file, the way someone tampering with it would: no flowgate code involved.
enum RawSQL {
    static func execute(_ path: String, _ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: sql) }
        try queue.close()
    }
}
