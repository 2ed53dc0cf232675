import Airspace
import Foundation

/// How many query lines were answered, and how many of them could not be read.
struct QueryTotals {
    var queries = 0
    var failures = 0

    mutating func add(_ answers: QueryLineBatch.Answers) {
        queries += answers.queries
        failures += answers.failures
    }
}

/// The two ways `zones query` runs: batch after batch on this thread, or batches on worker threads.
enum QueryRun {
    /// Reads, answers and writes one batch after another.
    static func answerInline(
        reader: QueryLineReader, output: QueryOutput, index: AirspaceIndex, format: ZonesQuery.OutputFormat
    ) throws -> QueryTotals {
        var reader = reader
        var totals = QueryTotals()
        while let batch = try reader.nextBatch() {
            let answers = batch.answers(index: index, format: format)
            totals.add(answers)
            try output.writeAll(answers.output)
        }
        return totals
    }

    /// A reader thread queues batches, `jobs` worker threads answer them, and this thread writes the answers in
    /// input order. At most two batches per worker are read and not yet written.
    static func answerOnWorkers(
        _ jobs: Int, reader: QueryLineReader, output: QueryOutput, index: AirspaceIndex,
        format: ZonesQuery.OutputFormat
    ) throws -> QueryTotals {
        let batches = OrderedBatches<QueryLineBatch, QueryLineBatch.Answers>(capacity: 2 * jobs)
        let readFailure = ReadFailure()
        Thread {
            var reader = reader
            do throws(QueryInputError) {
                while let batch = try reader.nextBatch() { batches.submit(batch) }
            } catch {
                readFailure.record(error)
            }
            batches.close()
        }.start()
        for _ in 0..<jobs {
            Thread {
                while let (sequence, batch) = batches.take() {
                    batches.complete(sequence, with: batch.answers(index: index, format: format))
                }
            }.start()
        }
        var totals = QueryTotals()
        while let answers = batches.next() {
            totals.add(answers)
            try output.writeAll(answers.output)
        }
        if let error = readFailure.error { throw error }
        return totals
    }
}

/// The reader thread's error, for the thread that reports it. `@unchecked Sendable`: guarded by ``lock``.
private final class ReadFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: QueryInputError?

    func record(_ error: QueryInputError) { lock.withLock { stored = error } }
    var error: QueryInputError? { lock.withLock { stored } }
}
