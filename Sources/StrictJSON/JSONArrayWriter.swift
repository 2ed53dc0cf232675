/// One JSON array written element by element into the buffer of the ``JSONObjectWriter`` that holds it, with the
/// text ``JSONWriter`` writes for the same elements.
///
/// For the gateway's normalised payload (a grid's counts, a flow grid's cells): a ``JSONValue`` per element, its
/// array and the tree around it cost more than writing the text.
public struct JSONArrayWriter {
    var out: [UInt8]
    private var hasElements = false

    /// Continues in `buffer`, which it takes over (leaving it empty): see ``JSONObjectWriter``.
    init(taking buffer: inout [UInt8]) {
        out = []
        swap(&out, &buffer)
        out.append(UInt8(ascii: "["))
    }

    public mutating func integer(_ value: Int) {
        separate()
        JSONWriter.write(integer: value, into: &out)
    }

    public mutating func number(_ value: Double) {
        separate()
        out.append(contentsOf: JSONWriter.format(JSONNumber(value)).utf8)
    }

    /// Any value, written by ``JSONWriter``.
    public mutating func value(_ value: JSONValue) {
        separate()
        JSONWriter.write(value, into: &out)
    }

    public mutating func null() {
        separate()
        out.append(contentsOf: "null".utf8)
    }

    /// An object element, written by `build` into the same buffer.
    public mutating func object(_ build: (inout JSONObjectWriter) -> Void) {
        separate()
        var nested = JSONObjectWriter(taking: &out)
        build(&nested)
        nested.close(into: &out)
    }

    /// Closes the array and hands the buffer back to `buffer`.
    mutating func close(into buffer: inout [UInt8]) {
        out.append(UInt8(ascii: "]"))
        swap(&out, &buffer)
    }

    private mutating func separate() {
        if hasElements { out.append(UInt8(ascii: ",")) }
        hasElements = true
    }
}
