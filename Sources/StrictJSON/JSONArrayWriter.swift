/// One JSON array written element by element into the buffer of the ``JSONObjectWriter`` that holds it, with the
/// text ``JSONWriter`` writes for the same elements.
///
/// For the gateway's normalised payload (a grid's counts, a flow grid's cells): a ``JSONValue`` per element, its
/// array and the tree around it cost more than writing the text.
public struct JSONArrayWriter {
    var out: JSONByteBuffer
    private var hasElements = false

    /// Continues in `buffer`, which it takes over (leaving it empty): see ``JSONObjectWriter``.
    init(taking buffer: inout JSONByteBuffer) {
        out = JSONByteBuffer(taking: &buffer)
        out.append(UInt8(ascii: "["))
    }

    public mutating func integer(_ value: Int) {
        separate()
        JSONWriter.append(integer: value, to: &out)
    }

    public mutating func number(_ value: Double) {
        separate()
        JSONWriter.append(double: value, to: &out)
    }

    /// Integers one after another, each written as ``integer(_:)`` writes it, or `null` where `isNull` holds
    /// `true` at its index: a grid's thousands of counts in one call, whose buffer is checked once rather than
    /// once per count.
    public mutating func integers(_ values: [Int], nullWhere isNull: [Bool]? = nil) {
        out.prepare()
        for index in values.indices {
            if hasElements { out.append(UInt8(ascii: ",")) }
            hasElements = true
            if let isNull, index < isNull.count, isNull[index] {
                out.append(ascii: "null")
            } else {
                JSONWriter.append(integer: values[index], to: &out)
            }
        }
    }

    /// Any value, written by ``JSONWriter``.
    public mutating func value(_ value: JSONValue) {
        separate()
        JSONWriter.append(value, to: &out)
    }

    public mutating func null() {
        separate()
        out.append(ascii: "null")
    }

    /// An object element, written by `build` into the same buffer.
    public mutating func object(_ build: (inout JSONObjectWriter) -> Void) {
        separate()
        var nested = JSONObjectWriter(taking: &out)
        build(&nested)
        nested.close(into: &out)
    }

    /// Closes the array and hands the buffer back to `buffer`.
    mutating func close(into buffer: inout JSONByteBuffer) {
        out.prepare()
        out.append(UInt8(ascii: "]"))
        out.handBack(to: &buffer)
    }

    /// Every element starts here, and so its call makes the bytes its writer's own (see ``JSONByteBuffer``).
    private mutating func separate() {
        out.prepare()
        if hasElements { out.append(UInt8(ascii: ",")) }
        hasElements = true
    }
}
