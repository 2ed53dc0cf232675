import Airspace
import Foundation
import StrictJSON

/// The two ways `zones query` runs: batch after batch on this thread, or batches on worker threads.
enum QueryRun {
    /// Reads, answers and writes one batch after another, into the same output buffer each time.
    static func answerInline(
        reader: QueryLineReader, output: QueryOutput, index: AirspaceIndex, format: ZonesQuery.OutputFormat
    ) throws -> QueryTotals {
        var reader = reader
        var totals = QueryTotals()
        var lines = JSONLinesWriter(capacity: 1 << 20)
        while let batch = try reader.nextBatch() {
            totals.add(batch.answer(into: &lines, index: index, format: format))
            try lines.withBytes { bytes throws(QueryOutputError) in try output.writeAll(bytes) }
            lines.removeAll()
        }
        return totals
    }

    /// What a worker hands back for a batch: its answers' bytes, in a buffer that goes back to ``Buffers``.
    struct Answers: Sendable {
        var output: [UInt8]
        var totals: QueryTotals
    }

    /// A reader thread queues batches, `jobs` worker threads answer them, and this thread writes the answers in
    /// input order. At most two batches per worker are read and not yet written.
    static func answerOnWorkers(
        _ jobs: Int, reader: QueryLineReader, output: QueryOutput, index: AirspaceIndex,
        format: ZonesQuery.OutputFormat
    ) throws -> QueryTotals {
        let batches = OrderedBatches<QueryLineBatch, Answers>(capacity: 2 * jobs)
        let buffers = Buffers()
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
                var lines = JSONLinesWriter(capacity: 1 << 20)
                while let (sequence, batch) = batches.take() {
                    let totals = batch.answer(into: &lines, index: index, format: format)
                    var output = buffers.take()
                    lines.withBytes { output.append(contentsOf: $0) }
                    lines.removeAll()
                    batches.complete(sequence, with: Answers(output: output, totals: totals))
                }
            }.start()
        }
        var totals = QueryTotals()
        while var answers = batches.next() {
            totals.add(answers.totals)
            try answers.output.withUnsafeBufferPointer { bytes throws(QueryOutputError) in
                try output.writeAll(bytes)
            }
            buffers.giveBack(&answers.output)
        }
        if let error = readFailure.error { throw error }
        return totals
    }
}

/// Output buffers written and handed back for the next batch: copying a batch's answers into memory already in
/// use costs far less than into fresh pages. `@unchecked Sendable`: ``free`` is used only under ``lock``.
private final class Buffers: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [[UInt8]] = []

    /// An empty buffer, with the capacity of one used before when there is one.
    func take() -> [UInt8] {
        lock.withLock { free.popLast() } ?? []
    }

    /// Takes `buffer` (leaving it empty) for a later ``take()``; the only reference to it, its memory is kept.
    func giveBack(_ buffer: inout [UInt8]) {
        var kept: [UInt8] = []
        swap(&kept, &buffer)
        kept.removeAll(keepingCapacity: true)
        lock.withLock { free.append(kept) }
    }
}

/// The reader thread's error, for the thread that reports it. `@unchecked Sendable`: guarded by ``lock``.
private final class ReadFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: QueryInputError?

    func record(_ error: QueryInputError) { lock.withLock { stored = error } }
    var error: QueryInputError? { lock.withLock { stored } }
}
