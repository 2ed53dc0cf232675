/// One JSON object written member by member straight into UTF-8 bytes, with the text ``JSONWriter`` writes for
/// the same members in the same order.
///
/// For messages written for every input (the gateway's normalised telemetry): building a ``JSONValue`` tree
/// first, writing it and freeing it cost more than deciding about the message.
public struct JSONObjectWriter {
    private var out: [UInt8]
    private var hasMembers = false

    /// - Parameter capacity: bytes reserved up front, so that a typical message is written without regrowing.
    public init(capacity: Int = 512) {
        out = []
        out.reserveCapacity(capacity)
        out.append(UInt8(ascii: "{"))
    }

    /// Continues in `buffer`, for a nested object.
    private init(continuing buffer: [UInt8]) {
        out = buffer
        out.append(UInt8(ascii: "{"))
    }

    public mutating func member(_ key: String, _ value: JSONValue) {
        name(key)
        JSONWriter.write(value, into: &out)
    }

    public mutating func member(_ key: String, string: String) {
        name(key)
        JSONWriter.writeString(string, into: &out)
    }

    public mutating func member(_ key: String, number: Double) {
        name(key)
        out.append(contentsOf: JSONWriter.format(JSONNumber(number)).utf8)
    }

    public mutating func member(_ key: String, integer: Int) {
        name(key)
        JSONWriter.write(JSONNumber(integer), into: &out)
    }

    /// A nested object, written by `build` into the same buffer.
    public mutating func member(_ key: String, object build: (inout JSONObjectWriter) -> Void) {
        name(key)
        // The buffer moves into the nested writer and back: no copy.
        var nested = JSONObjectWriter(continuing: out)
        out = []
        build(&nested)
        out = nested.finish()
    }

    /// The object's text, closed.
    public consuming func finish() -> [UInt8] {
        out.append(UInt8(ascii: "}"))
        return out
    }

    private mutating func name(_ key: String) {
        if hasMembers { out.append(UInt8(ascii: ",")) }
        hasMembers = true
        JSONWriter.writeString(key, into: &out)
        out.append(UInt8(ascii: ":"))
    }
}
