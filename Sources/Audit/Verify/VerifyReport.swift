/// What `verify` found wrong with a log: the first bad record and the kind of damage.
public struct ChainProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// A record's content no longer matches its hash (or was rewritten with a new one).
        case modified
        /// Records are missing from the chain.
        case deleted
        /// A record that the chain does not link to sits in it.
        case inserted
        /// Records are out of their chain order.
        case reordered
        /// A checkpoint's signature does not verify with the given key, or it signs something else.
        case badSignature = "bad signature"
        /// The log stops before its end: records after the last one are gone (or the run never ended).
        case truncatedTail = "truncated tail"
    }

    /// The first bad record (for a truncated tail or deletion: the first missing one).
    public var seq: Int64
    public var kind: Kind
    public var detail: String

    public var description: String { "seq \(seq): \(kind.rawValue): \(detail)" }
}

/// The outcome of ``ChainVerifier/verify(path:options:)``.
public struct VerifyReport: Sendable, Equatable {
    public var records = 0
    public var firstSeq: Int64?
    public var lastSeq: Int64?
    public var firstTime: String?
    public var lastTime: String?
    /// `start` records: one per run of the gateway.
    public var runs = 0
    /// `gap` records: runs that ended without `stop`.
    public var gaps = 0
    public var checkpoints = 0
    /// Checkpoints whose signature was checked with the given key (zero without a key).
    public var verifiedSignatures = 0
    public var lastSignedSeq: Int64?
    /// The seq the signed head names, when it was checked (with a key) and found to name the last record.
    public var signedHeadSeq: Int64?
    /// Checkpoints published outside the record (`--checkpoint`) that were found in it.
    public var publishedCheckpoints = 0
    /// Bodies removed by retention (their rows and hashes remain).
    public var prunedBodies = 0
    /// Whether the log ends with a `stop` record (optionally sealed by a checkpoint).
    public var endsCleanly = false
    /// The first problem; `nil` when the chain is intact.
    public var problem: ChainProblem?

    public var isIntact: Bool { problem == nil }

    /// One line: the verdict and what was checked.
    public var summary: String {
        if let problem { return "NOT INTACT: \(problem)" }
        guard let firstSeq, let lastSeq, let firstTime, let lastTime else { return "intact: the log is empty" }
        var parts = [
            "intact: \(records) records (seq \(firstSeq)-\(lastSeq), \(firstTime) to \(lastTime))",
            "\(runs) run\(runs == 1 ? "" : "s")", "\(gaps) gap\(gaps == 1 ? "" : "s")",
        ]
        if checkpoints > 0 {
            parts.append(
                verifiedSignatures > 0
                    ? "\(checkpoints) checkpoints, \(verifiedSignatures) signatures valid"
                    : "\(checkpoints) checkpoints (signatures not checked: no public key)")
        }
        if let signedHeadSeq { parts.append("signed head at seq \(signedHeadSeq) valid") }
        if publishedCheckpoints > 0 {
            parts.append(
                "\(publishedCheckpoints) published checkpoint\(publishedCheckpoints == 1 ? "" : "s") found in the record"
            )
        }
        if prunedBodies > 0 { parts.append("\(prunedBodies) bodies removed by retention") }
        parts.append(endsCleanly ? "ends with stop" : "open: no stop record yet")
        return parts.joined(separator: ", ")
    }
}
