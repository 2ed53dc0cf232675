import Foundation

/// A break found at open: the problem, and the last record before it that the checks accept.
struct RecordBreak {
    var lastGoodSeq: Int64
    var lastGoodHash: Data
    var problem: ChainProblem

    func incident(in previousFile: String, successor: String) -> RecordIncident {
        RecordIncident(
            previousFile: previousFile, lastGoodSeq: lastGoodSeq, lastGoodHash: Hex.encode(lastGoodHash),
            problem: problem, successorFile: successor)
    }
}
