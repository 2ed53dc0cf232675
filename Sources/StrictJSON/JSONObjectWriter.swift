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

    /// Continues in `buffer`, which it takes over (leaving it empty), for a nested object: a buffer shared by
    /// two writers would be copied whole at the next byte written.
    init(taking buffer: inout [UInt8]) {
        out = []
        swap(&out, &buffer)
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
        JSONWriter.write(integer: integer, into: &out)
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
            JSONWriter.write(integer: integer, into: &out)
        } else {
            out.append(contentsOf: "null".utf8)
        }
    }

    /// Closes a nested object and hands the buffer back to `buffer`.
    mutating func close(into buffer: inout [UInt8]) {
        out.append(UInt8(ascii: "}"))
        swap(&out, &buffer)
    }

    public mutating func member(_ key: String, bool: Bool) {
        name(key)
        out.append(contentsOf: (bool ? "true" : "false").utf8)
    }

    /// A string, or `null` for `nil`.
    public mutating func member(_ key: String, stringOrNull string: String?) {
        name(key)
        if let string { JSONWriter.writeString(string, into: &out) } else { out.append(contentsOf: "null".utf8) }
    }

    public mutating func member(_ key: String, strings: [String]) {
        name(key)
        out.append(UInt8(ascii: "["))
        for (index, string) in strings.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONWriter.writeString(string, into: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    public mutating func memberNull(_ key: String) {
        name(key)
        out.append(contentsOf: "null".utf8)
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
