import Foundation
import GRDB

/// Opening the SQLite file and its schema. WAL journal, `synchronous = NORMAL`: a committed transaction survives
/// the process being killed (SIGKILL); only a power cut can lose the last ones (set `durableCommits` for FULL).
enum AuditDatabase {
    static let table = "audit_record"
    static let schemaVersion = "1"

    // Indexes: one per column review filters on by equality (drone, mission, kind), each on that column alone.
    // Within one value SQLite orders index entries by rowid, which is `seq`, so a filtered read comes out in
    // `seq` order without sorting; short keys keep the index cheap to maintain and small on disk. A time range
    // alone is answered by a scan (review reads most of a run anyway). No index on `digest`: 64 random hex
    // characters per decision cost a third of the writer's throughput, and the scorer reads a run's decisions
    // in one pass. Files written before this layout keep their (drone, time), (mission, time), (kind, time)
    // and (time) indexes; they read the same.
    static func open(path: String, readOnly: Bool, durableCommits: Bool = false) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = readOnly
        configuration.busyMode = .timeout(10)
        configuration.label = "flowgate-audit"
        if !readOnly { configuration.journalMode = .wal }
        configuration.prepareDatabase { db in
            guard !readOnly else { return }
            try db.execute(sql: "PRAGMA synchronous = \(durableCommits ? "FULL" : "NORMAL")")
            // Retention removes bodies; secure_delete overwrites the freed bytes instead of leaving them in the file.
            try db.execute(sql: "PRAGMA secure_delete = ON")
            // 16 MiB of page cache (the default is 2 MiB): a batch of 16 384 records changes about 8 MiB of pages;
            // with a smaller cache, SQLite writes pages to the WAL before the commit and reads index pages back.
            try db.execute(sql: "PRAGMA cache_size = -16384")
        }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        if readOnly {
            let exists = try queue.read { db in try db.tableExists(table) }
            guard exists else {
                throw AuditError.notAnAuditLog(path: path, problem: "it has no \(table) table")
            }
        } else {
            try queue.write(createSchema)
        }
        return queue
    }

    private static func createSchema(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS \(table) (
                    seq INTEGER PRIMARY KEY,
                    time TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    drone TEXT,
                    mission TEXT,
                    stream TEXT,
                    digest TEXT,
                    body TEXT,
                    body_hash BLOB NOT NULL,
                    prev_hash BLOB NOT NULL,
                    hash BLOB NOT NULL
                );
                CREATE INDEX IF NOT EXISTS \(table)_drone ON \(table)(drone);
                CREATE INDEX IF NOT EXISTS \(table)_mission ON \(table)(mission);
                CREATE INDEX IF NOT EXISTS \(table)_kind ON \(table)(kind);
                CREATE TABLE IF NOT EXISTS audit_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                INSERT OR IGNORE INTO audit_meta(key, value) VALUES ('schema_version', '\(schemaVersion)');
                INSERT OR IGNORE INTO audit_meta(key, value) VALUES ('last_seq', '0');
                """)
        try ConfirmedProgress.createSchema(db)
        let version = try String.fetchOne(db, sql: "SELECT value FROM audit_meta WHERE key = 'schema_version'")
        guard version == schemaVersion else {
            throw AuditError.notAnAuditLog(
                path: db.configuration.label ?? "", problem: "schema_version is \(version ?? "missing"), expected 1")
        }
    }

    static let columns = "seq, time, kind, drone, mission, stream, digest, body, body_hash, prev_hash, hash"

    static func record(_ row: Row) -> AuditRecord {
        AuditRecord(
            seq: row["seq"], time: row["time"], kind: row["kind"], drone: row["drone"], mission: row["mission"],
            stream: row["stream"], digest: row["digest"], body: row["body"],
            bodyHash: row["body_hash"] ?? Data(), prevHash: row["prev_hash"] ?? Data(), hash: row["hash"] ?? Data())
    }

    /// Inserts `records` in order with one cached statement. The arguments are set unchecked (they are always the
    /// same eleven columns), which skips GRDB's validation and its nested temporary bindings for every row: the
    /// writer inserts every record, and those took about a tenth of its time.
    static func insert(_ records: [AuditRecord], into db: Database) throws {
        let statement = try db.cachedStatement(
            sql: "INSERT INTO \(table) (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        for record in records {
            statement.setUncheckedArguments(StatementArguments(values(of: record)))
            try statement.execute()
        }
    }

    private static func values(of record: AuditRecord) -> [(any DatabaseValueConvertible)?] {
        [
            record.seq, record.time, record.kind, record.drone, record.mission, record.stream, record.digest,
            record.body, record.bodyHash, record.prevHash, record.hash,
        ]
    }

    /// The counter of records ever written, kept beside the table: deleting rows from the end leaves it higher
    /// than the last `seq`, which is how `verify` tells a truncated tail from an unfinished run.
    static func setLastSeq(_ seq: Int64, in db: Database) throws {
        try db.execute(sql: "UPDATE audit_meta SET value = ? WHERE key = 'last_seq'", arguments: [String(seq)])
    }

    /// The counter and, when signing, the signature over the last record: both in the batch's transaction.
    static func setHead(lastSeq: Int64, signed head: SignedHead?, in db: Database) throws {
        try setLastSeq(lastSeq, in: db)
        guard let head else { return }
        try db.execute(
            sql: "INSERT OR REPLACE INTO audit_meta(key, value) VALUES (?, ?)",
            arguments: [SignedHead.metaKey, head.text])
    }

    /// The stored signed head; `nil` when there is none, or it is not in the stored form.
    static func signedHead(_ db: Database) throws -> SignedHead? {
        try String.fetchOne(db, sql: "SELECT value FROM audit_meta WHERE key = ?", arguments: [SignedHead.metaKey])
            .flatMap(SignedHead.init(text:))
    }

    static func lastSeqCounter(_ db: Database) throws -> Int64? {
        try String.fetchOne(db, sql: "SELECT value FROM audit_meta WHERE key = 'last_seq'").flatMap { Int64($0) }
    }

    /// The newest record of `kind`.
    static func last(_ kind: AuditKind, in db: Database) throws -> AuditRecord? {
        try Row.fetchOne(
            db, sql: "SELECT \(columns) FROM \(table) WHERE kind = ? ORDER BY seq DESC LIMIT 1",
            arguments: [kind.rawValue]
        ).map(record)
    }

    /// The last `count` records, oldest first.
    static func tail(_ db: Database, count: Int) throws -> [AuditRecord] {
        try Row.fetchAll(db, sql: "SELECT \(columns) FROM \(table) ORDER BY seq DESC LIMIT ?", arguments: [count])
            .map(record).reversed()
    }
}
