import Foundation

/// Compact JSON text, members in their order. Never writes NaN or infinity: ``JSONNumber`` from the parser is
/// always finite, and a non-finite one built in code is written as `null`.
///
/// Writes UTF-8 bytes into one growing buffer: the gateway encodes every message it forwards, and appending to
/// a `String` piece by piece cost more than deciding about the message.
public enum JSONWriter {
    public static func write(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    /// The JSON text as UTF-8 bytes, ready to publish.
    public static func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, into: &out)
        return out
    }

    public static func write(_ value: JSONValue, into out: inout String) {
        out += write(value)
    }

    /// Appends the JSON text of `value` to `out`, without a buffer of its own.
    public static func write(_ value: JSONValue, into out: inout [UInt8]) {
        append(value, to: &out)
    }

    /// ``write(_:into:)`` into any sink: an array, or a writer's ``JSONByteBuffer``.
    static func append(_ value: JSONValue, to out: inout some JSONByteSink) {
        switch value {
        case .null: out.append(ascii: "null")
        case .bool(let b): out.append(ascii: b ? "true" : "false")
        case .number(let n): append(n, to: &out)
        case .string(let s): appendString(s, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                append(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            for (i, member) in object.members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                appendString(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                append(member.value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// As ``format(_:)``, integers (counts in a grid, sequence numbers) written digit by digit without a string.
    static func append(_ n: JSONNumber, to out: inout some JSONByteSink) {
        guard n.isInteger, n.double.isFinite, let exact = Int(exactly: n.double) else {
            if n.isInteger { appendText(format(n), to: &out) } else { append(double: n.double, to: &out) }
            return
        }
        appendDigits(exact, to: &out)
    }

    /// The text ``write(_:into:)`` gives `JSONNumber(value)`, without the trip through `Double` for the
    /// integers a `Double` holds exactly (all up to 2^53 in magnitude; beyond, the nearest `Double`'s text).
    public static func write(integer value: Int, into out: inout [UInt8]) {
        append(integer: value, to: &out)
    }

    static func append(integer value: Int, to out: inout some JSONByteSink) {
        guard value.magnitude <= 1 << 53 else {
            append(JSONNumber(value), to: &out)
            return
        }
        appendDigits(value, to: &out)
    }

    /// A piece of text that needs no escaping, such as a number's `format`.
    static func appendText(_ text: String, to out: inout some JSONByteSink) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    private static func appendDigits(_ exact: Int, to out: inout some JSONByteSink) {
        // Most integers written are a grid's small counts: one or two digits, appended directly.
        if exact >= 0, exact < 100 {
            if exact >= 10 { out.append(UInt8(ascii: "0") + UInt8(exact / 10)) }
            out.append(UInt8(ascii: "0") + UInt8(exact % 10))
            return
        }
        if exact < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = exact.magnitude
        // The digits from the right into a small buffer, then appended in one go (a contiguous buffer: a slice
        // of a raw buffer would be appended byte by byte through an iterator).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var start = buffer.count
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start...]))
        }
    }

    /// Integers as exact digits, other numbers in Swift's shortest round-trip form (`2.0`, `-0.0`, `1e+22`), so
    /// that parsing the text gives back the same value and the same integer-ness.
    static func format(_ n: JSONNumber) -> String {
        guard n.double.isFinite else { return "null" }
        guard n.isInteger else { return "\(n.double)" }
        if let exact = Int(exactly: n.double) { return String(exact) }
        // Beyond Int's range an integral Double still has an exact decimal expansion, which printf writes.
        return String(format: "%.0f", n.double)
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Escapes `"`, `\` and control characters; every other byte of the UTF-8 text is copied as it is (bytes of
    /// multi-byte characters are all 0x80 or above, so they never look like a quote or a control character).
    static func appendString(_ s: String, to out: inout some JSONByteSink) {
        out.append(UInt8(ascii: "\""))
        // Most keys and values need no escape at all: copy them in one go (from the string's own storage when it
        // has one, which is much faster than going through its UTF-8 view byte by byte).
        let copied = s.utf8.withContiguousStorageIfAvailable { text -> Bool in
            guard !text.contains(where: needsEscape) else { return false }
            out.append(contentsOf: text)
            return true
        }
        if copied ?? !s.utf8.contains(where: needsEscape) {
            if copied == nil { for byte in s.utf8 { out.append(byte) } }
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(ascii: #"\""#)
            case UInt8(ascii: "\\"): out.append(ascii: #"\\"#)
            case UInt8(ascii: "\n"): out.append(ascii: #"\n"#)
            case UInt8(ascii: "\r"): out.append(ascii: #"\r"#)
            case UInt8(ascii: "\t"): out.append(ascii: #"\t"#)
            case 0..<0x20:
                out.append(ascii: #"\u00"#)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
