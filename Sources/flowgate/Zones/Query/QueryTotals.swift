import Airspace

/// How many query lines were answered, and how many of them could not be read: what the exit status and the
/// message on standard error say.
struct QueryTotals: Sendable {
    var queries = 0
    var failures = 0

    mutating func count(_ answer: QueryAnswer) {
        queries += 1
        if answer.isFailure { failures += 1 }
    }

    mutating func add(_ other: QueryTotals) {
        queries += other.queries
        failures += other.failures
    }
}
