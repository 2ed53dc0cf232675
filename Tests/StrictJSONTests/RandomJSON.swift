import AirspaceFixtures
import PropertyBased
import StrictJSON

/// Random `JSONValue` trees and random, valid, differently spelled JSON texts for them.
struct RandomJSON {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    // MARK: - Values

    mutating func value(depth: Int = 0, maximumDepth: Int = 5) -> JSONValue {
        let containers = depth < maximumDepth
        switch Int.random(in: 0..<(containers ? 8 : 6), using: &rng) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2, 3: return .number(number())
        case 4, 5: return .string(string())
        case 6:
            let count = Int.random(in: 0...4, using: &rng)
            return .array((0..<count).map { _ in value(depth: depth + 1, maximumDepth: maximumDepth) })
        default:
            let count = Int.random(in: 0...4, using: &rng)
            var object = JSONObject()
            // The parser compares keys as Swift strings (canonical equivalence), so uniqueness must too.
            var seen = Set<String>()
            for _ in 0..<count {
                let key = string()
                guard seen.insert(key).inserted else { continue }
                object[key] = value(depth: depth + 1, maximumDepth: maximumDepth)
            }
            return .object(object)
        }
    }

    /// Integers within ±2^53 and finite doubles from every binade.
    ///
    /// Left out on purpose: whole doubles below 1e15 that are not integers (`JSONNumber(2.0)`) and integers above
    /// 2^53; the writer does not keep their integer-ness, see `RoundTripTests.integerFlagSurvivesWriting`.
    mutating func number() -> JSONNumber {
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: return JSONNumber(Int.random(in: -100...100, using: &rng))
        case 1: return JSONNumber(Int.random(in: -(1 << 53)...(1 << 53), using: &rng))
        case 2: return JSONNumber(Double(Int.random(in: -1_000_000...1_000_000, using: &rng)) / 1000 + 0.0005)
        default:
            while true {
                let d = Double(bitPattern: rng.next())
                guard d.isFinite, !(d.rounded() == d && abs(d) < 1e15) else { continue }
                return JSONNumber(d)
            }
        }
    }

    mutating func string() -> String {
        let count = Int.random(in: 0...8, using: &rng)
        var s = String.UnicodeScalarView()
        for _ in 0..<count { s.append(scalar()) }
        return String(s)
    }

    /// Mostly letters, with the characters that need escaping, multi-byte and astral scalars mixed in.
    mutating func scalar() -> Unicode.Scalar {
        let special: [Unicode.Scalar] = [
            "\"", "\\", "/", "\n", "\r", "\t", "\u{8}", "\u{C}", "\u{0}", "\u{1F}", "\u{7F}",
        ]
        switch Int.random(in: 0..<10, using: &rng) {
        case 0...3: return Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &rng))
        case 4: return special.randomElement(using: &rng)!
        case 5: return Unicode.Scalar(UInt8.random(in: 0...0x1F, using: &rng))
        case 6: return Unicode.Scalar(UInt32.random(in: 0x80...0x7FF, using: &rng))!
        case 7:
            // The BMP above U+07FF, stepping over the surrogates.
            let v = UInt32.random(in: 0x800...0xFFFD - 0x800, using: &rng)
            return Unicode.Scalar(v < 0xD800 ? v : v + 0x800)!
        case 8: return Unicode.Scalar(UInt32.random(in: 0x1_0000...0x10_FFFF, using: &rng))!
        default: return ["é", "e", "\u{301}", "😀", "\u{2028}", "\u{FEFF}"].randomElement(using: &rng)!
        }
    }

    // MARK: - Texts

    /// A valid JSON text for `value`: random whitespace between tokens and random, valid spellings of every
    /// string character (`\u` escapes in either case, surrogate pairs, `\/`).
    mutating func text(for value: JSONValue) -> String {
        var out = whitespace()
        render(value, into: &out)
        out += whitespace()
        return out
    }

    private mutating func whitespace() -> String {
        guard Bool.random(using: &rng) else { return "" }
        let characters = [" ", "\t", "\n", "\r", "\r\n", "  "]
        return (0..<Int.random(in: 1...3, using: &rng)).map { _ in characters.randomElement(using: &rng)! }.joined()
    }

    private mutating func render(_ value: JSONValue, into out: inout String) {
        switch value {
        case .null, .bool, .number: out += JSONWriter.write(value)
        case .string(let s): render(string: s, into: &out)
        case .array(let items):
            out += "[" + whitespace()
            for (i, item) in items.enumerated() {
                if i > 0 { out += whitespace() + "," + whitespace() }
                render(item, into: &out)
            }
            out += whitespace() + "]"
        case .object(let object):
            out += "{" + whitespace()
            for (i, member) in object.members.enumerated() {
                if i > 0 { out += whitespace() + "," + whitespace() }
                render(string: member.key, into: &out)
                out += whitespace() + ":" + whitespace()
                render(member.value, into: &out)
            }
            out += whitespace() + "}"
        }
    }

    private mutating func render(string: String, into out: inout String) {
        out += "\""
        for scalar in string.unicodeScalars {
            let mustEscape = scalar.value < 0x20 || scalar == "\"" || scalar == "\\"
            let choice = Int.random(in: 0..<4, using: &rng)
            if !mustEscape, choice > 0 {
                out.unicodeScalars.append(scalar)
            } else if choice < 2, let short = Self.shortEscapes[scalar] {
                out += short
            } else {
                out += unicodeEscape(scalar)
            }
        }
        out += "\""
    }

    private static let shortEscapes: [Unicode.Scalar: String] = [
        "\"": "\\\"", "\\": "\\\\", "/": "\\/", "\u{8}": "\\b", "\u{C}": "\\f", "\n": "\\n", "\r": "\\r",
        "\t": "\\t",
    ]

    private mutating func unicodeEscape(_ scalar: Unicode.Scalar) -> String {
        let upper = Bool.random(using: &rng)
        func hex(_ unit: UInt16) -> String {
            let digits = String(unit, radix: 16, uppercase: upper)
            return "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
        }
        return String(Character(scalar)).utf16.map(hex).joined()
    }
}

/// Seeds for `SplitMix64` and `RandomJSON`: one `UInt64` per property-check case, so a failure's input reproduces it.
let seeds = Gen<UInt64>.value()
