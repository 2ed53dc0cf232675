/// JSON objects written one per line into one growing buffer (JSON Lines), each with the text
/// ``JSONObjectWriter`` writes for it.
///
/// For output of many small objects (`flowgate zones query` answers millions of lines): a writer, its buffer and
/// an array of its bytes for every line cost more than the line's text, and one large write per batch of lines
/// costs far fewer system calls than one per line.
public struct JSONLinesWriter {
    private var out: JSONByteBuffer

    /// - Parameter capacity: bytes reserved up front, so that a typical batch is written without regrowing.
    public init(capacity: Int = 1 << 16) {
        out = JSONByteBuffer(capacity: capacity)
    }

    /// One object, written by `build`, and its line end.
    public mutating func object(_ build: (inout JSONObjectWriter) -> Void) {
        // A copy of this writer shares the bytes until one of the two writes: then this one gets its own.
        out.prepare()
        var object = JSONObjectWriter(taking: &out)
        build(&object)
        object.close(into: &out)
        out.append(UInt8(ascii: "\n"))
    }

    /// A line of text as it is (no JSON escaping), and its line end: for output that mixes in other lines.
    public mutating func line(_ text: String) {
        out.prepare()
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
        out.append(UInt8(ascii: "\n"))
    }

    /// Every line written, in order, without a copy.
    public func withBytes<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        try out.withUnsafeBytes(body)
    }

    /// Forgets the lines written and keeps the memory for the next ones: a writer reused for every batch of a
    /// long output touches the same pages rather than fresh ones.
    public mutating func removeAll() {
        out.removeAll()
    }

    /// Every line written, in order.
    public consuming func finish() -> [UInt8] {
        out.bytes()
    }
}
