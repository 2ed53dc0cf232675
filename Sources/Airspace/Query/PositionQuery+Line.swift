import Foundation
import StrictJSON

extension PositionQuery {
    /// Reads one query line from its bytes (without the line end): the line a ``JSONParser`` tree gives to
    /// ``init(json:)``, with the same answer and the same errors, but a plainly valid line is read straight from
    /// its bytes (``PositionQueryScan``): `flowgate zones query` reads millions of them.
    /// - Throws: ``QueryLineError``: "malformed JSON: …" with the parser's line and column, or the first field
    ///   that is missing, mistyped or out of range.
    public init(line: UnsafeBufferPointer<UInt8>) throws(QueryLineError) {
        if let query = PositionQueryScan.query(in: line) {
            self = query
            return
        }
        // Repaired as `readLine` repairs invalid UTF-8 (U+FFFD), which is how the lines were read before: the
        // parser then answers exactly as it did.
        let text = String(decoding: line, as: UTF8.self)
        let json: JSONValue
        do {
            json = try JSONParser.parse(text)
        } catch {
            throw QueryLineError(field: nil, problem: "malformed JSON: \(error)")
        }
        try self.init(json: json)
    }
}
