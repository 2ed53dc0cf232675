/// One JSON object written member by member straight into UTF-8 bytes, with the text ``JSONWriter`` writes for
/// the same members in the same order.
///
/// For messages written for every input (the gateway's normalised telemetry): building a ``JSONValue`` tree
/// first, writing it and freeing it cost more than deciding about the message.
public struct JSONObjectWriter {
    /// The bytes, checked once per call rather than once per piece (see ``JSONByteBuffer``).
    private var out: JSONByteBuffer
    private var hasMembers = false

    /// - Parameter capacity: bytes reserved up front, so that a typical message is written without regrowing.
    public init(capacity: Int = 512) {
        out = JSONByteBuffer(capacity: capacity)
        out.append(UInt8(ascii: "{"))
    }

    /// Continues in `buffer`, which it takes over (leaving it empty), for a nested object: a buffer shared by
    /// two writers would be copied whole at the next byte written.
    init(taking buffer: inout JSONByteBuffer) {
        out = JSONByteBuffer(taking: &buffer)
        out.append(UInt8(ascii: "{"))
    }

    public mutating func member(_ key: String, _ value: JSONValue) {
        name(key)
        JSONWriter.append(value, to: &out)
    }

    public mutating func member(_ key: String, string: String) {
        name(key)
        JSONWriter.appendString(string, to: &out)
    }

    public mutating func member(_ key: String, number: Double) {
        name(key)
        JSONWriter.append(double: number, to: &out)
    }

    public mutating func member(_ key: String, integer: Int) {
        name(key)
        JSONWriter.append(integer: integer, to: &out)
    }

    /// A nested object, written by `build` into the same buffer.
    public mutating func member(_ key: String, object build: (inout JSONObjectWriter) -> Void) {
        name(key)
        // The buffer moves into the nested writer and back: no copy.
        var nested = JSONObjectWriter(taking: &out)
        build(&nested)
        nested.close(into: &out)
    }

    /// An array, written by `build` into the same buffer.
    public mutating func memberArray(_ key: String, _ build: (inout JSONArrayWriter) -> Void) {
        name(key)
        var nested = JSONArrayWriter(taking: &out)
        build(&nested)
        nested.close(into: &out)
    }

    /// An integer, or `null` for `nil`.
    public mutating func member(_ key: String, integerOrNull integer: Int?) {
        name(key)
        if let integer {
            JSONWriter.append(integer: integer, to: &out)
        } else {
            out.append(ascii: "null")
        }
    }

    /// Closes a nested object and hands the buffer back to `buffer`.
    mutating func close(into buffer: inout JSONByteBuffer) {
        out.prepare()
        out.append(UInt8(ascii: "}"))
        out.handBack(to: &buffer)
    }

    public mutating func member(_ key: String, bool: Bool) {
        name(key)
        out.append(ascii: bool ? "true" : "false")
    }

    /// A string, or `null` for `nil`.
    public mutating func member(_ key: String, stringOrNull string: String?) {
        name(key)
        if let string { JSONWriter.appendString(string, to: &out) } else { out.append(ascii: "null") }
    }

    public mutating func member(_ key: String, strings: [String]) {
        name(key)
        out.append(UInt8(ascii: "["))
        for (index, string) in strings.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.appendString(string, to: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    public mutating func memberNull(_ key: String) {
        name(key)
        out.append(ascii: "null")
    }

    /// The object's text, closed.
    public consuming func finish() -> [UInt8] {
        out.prepare()
        out.append(UInt8(ascii: "}"))
        return out.bytes()
    }

    /// Every member starts here, and so its call makes the bytes its writer's own (see ``JSONByteBuffer``).
    private mutating func name(_ key: String) {
        out.prepare()
        let comma = hasMembers
        hasMembers = true
        // Nearly every key needs no escape: checked while it is copied, in one pass.
        guard key.utf8.withContiguousStorageIfAvailable({ out.appendPlainKey($0, comma: comma) }) != true else {
            return
        }
        if comma { out.append(UInt8(ascii: ",")) }
        JSONWriter.appendString(key, to: &out)
        out.append(UInt8(ascii: ":"))
    }
}
