import Foundation
import StrictJSON

/// What was found wrong with a record when it was opened, and the file the record goes on in instead. The
/// successor file's first record (kind `incident`) says all of it, so the break is itself on the record.
public struct RecordIncident: Sendable, Equatable, CustomStringConvertible {
    /// The broken file, kept as it was found.
    public var previousFile: String
    /// The last record of the broken file that the checks at open could vouch for (0 when none): the chain
    /// verifies up to it; when what follows the last signed checkpoint is in doubt, that checkpoint.
    public var lastGoodSeq: Int64
    /// Its hash, in lowercase hex (the genesis hash, 32 zero bytes, when none).
    public var lastGoodHash: String
    /// The first problem found.
    public var problem: ChainProblem
    /// Where the record goes on.
    public var successorFile: String

    public var description: String {
        "\(previousFile) is broken (seq \(problem.seq): \(problem.kind.rawValue): \(problem.detail)); its last good "
            + "record is seq \(lastGoodSeq) (hash \(lastGoodHash)). It is kept as found and not extended; the record "
            + "goes on in \(successorFile)"
    }

    /// The successor's first record.
    func entry(time: Date) -> AuditEntry {
        AuditEntry(
            time: time, kind: .incident,
            fields: [
                "previous_file": .string(previousFile), "previous_last_good_seq": .number(Int(lastGoodSeq)),
                "previous_last_good_hash": .string(lastGoodHash), "problem": .string(problem.kind.rawValue),
                "problem_seq": .number(Int(problem.seq)), "detail": .string(problem.detail),
            ])
    }
}
