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
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): write(n, into: &out)
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            for (i, member) in object.members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(member.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// As ``format(_:)``, integers (counts in a grid, sequence numbers) written digit by digit without a string.
    static func write(_ n: JSONNumber, into out: inout [UInt8]) {
        guard n.isInteger, n.double.isFinite, let exact = Int(exactly: n.double) else {
            out.append(contentsOf: format(n).utf8)
            return
        }
        writeDigits(exact, into: &out)
    }

    /// The text ``write(_:into:)`` gives `JSONNumber(value)`, without the trip through `Double` for the
    /// integers a `Double` holds exactly (all up to 2^53 in magnitude; beyond, the nearest `Double`'s text).
    public static func write(integer value: Int, into out: inout [UInt8]) {
        guard value.magnitude <= 1 << 53 else {
            write(JSONNumber(value), into: &out)
            return
        }
        writeDigits(value, into: &out)
    }

    private static func writeDigits(_ exact: Int, into out: inout [UInt8]) {
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
    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most keys and values need no escape at all: copy them in one go (from the string's own storage when it
        // has one, which is much faster than going through its UTF-8 view byte by byte).
        let copied = s.utf8.withContiguousStorageIfAvailable { text -> Bool in
            guard !text.contains(where: needsEscape) else { return false }
            out.append(contentsOf: text)
            return true
        }
        if copied ?? !s.utf8.contains(where: needsEscape) {
            if copied == nil { out.append(contentsOf: s.utf8) }
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                out.append(contentsOf: Array(#"\u00"#.utf8))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
