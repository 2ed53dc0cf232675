import Foundation

/// Compact JSON text, members in their order. Never writes NaN or infinity: ``JSONNumber`` from the parser is
/// always finite, and a non-finite one built in code is written as `null`.
public enum JSONWriter {
    public static func write(_ value: JSONValue) -> String {
        var out = ""
        write(value, into: &out)
        return out
    }

    public static func write(_ value: JSONValue, into out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += format(n)
        case .string(let s): writeString(s, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item, into: &out)
            }
            out += "]"
        case .object(let object):
            out += "{"
            for (i, member) in object.members.enumerated() {
                if i > 0 { out += "," }
                writeString(member.key, into: &out)
                out += ":"
                write(member.value, into: &out)
            }
            out += "}"
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

    static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
