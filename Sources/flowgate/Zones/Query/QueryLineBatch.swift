import Airspace
import StrictJSON

/// Whole lines of `zones query` input, read together and answered together: a worker's unit of work.
struct QueryLineBatch: Sendable {
    /// The lines' bytes, line ends included.
    var bytes: [UInt8]
    /// Where each line ends: the offset of its `\n`, or `bytes.count` for a last line without one.
    var lineEnds: [Int]
    /// The number of the first line in the input, from 1.
    var firstLineNumber: Int

    /// Reads and assesses every line that is not blank, and appends the answers to `lines` in `format`.
    /// - Returns: how many query lines there were, and how many of them could not be read.
    func answer(
        into lines: inout JSONLinesWriter, index: borrowing AirspaceIndex, format: ZonesQuery.OutputFormat
    ) -> QueryTotals {
        var totals = QueryTotals()
        bytes.withUnsafeBufferPointer { all in
            var start = 0
            for (offset, end) in lineEnds.enumerated() {
                defer { start = end + 1 }
                let line = Self.content(
                    of: UnsafeBufferPointer(rebasing: all[start..<end]), endsWithNewline: end < all.count)
                guard !QueryLine.isBlank(line) else { continue }
                let answer = QueryAnswer(line: line, number: firstLineNumber + offset, index: index)
                totals.count(answer)
                switch format {
                case .json: lines.object { answer.write(into: &$0) }
                case .text: lines.line(answer.text)
                }
            }
        }
        return totals
    }

    /// The line without its line end, as `readLine` strips it: a `\r` goes with the `\n` that follows it, but
    /// not on a last line without `\n`.
    private static func content(of line: UnsafeBufferPointer<UInt8>, endsWithNewline: Bool)
        -> UnsafeBufferPointer<UInt8>
    {
        guard endsWithNewline, line.last == UInt8(ascii: "\r") else { return line }
        return UnsafeBufferPointer(rebasing: line.dropLast())
    }
}
