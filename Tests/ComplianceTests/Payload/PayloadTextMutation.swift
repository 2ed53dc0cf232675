import AirspaceFixtures

/// Changes to a message's text that no tree can express: numbers spelt another way, escapes, characters outside
/// ASCII, tokens JSON does not have, cut or damaged bytes.
enum PayloadTextMutation {
    /// Where the numbers and the strings' contents (keys too) lie in the text.
    static func tokens(_ text: [UInt8]) -> (numbers: [Range<Int>], strings: [Range<Int>]) {
        var numbers: [Range<Int>] = []
        var strings: [Range<Int>] = []
        var index = 0
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: "\"") {
                var end = index + 1
                while end < text.count, text[end] != UInt8(ascii: "\"") {
                    end += text[end] == UInt8(ascii: "\\") ? 2 : 1
                }
                strings.append((index + 1)..<min(end, text.count))
                index = end + 1
            } else if byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                var end = index + 1
                while end < text.count, Array("0123456789.eE+-".utf8).contains(text[end]) { end += 1 }
                numbers.append(index..<end)
                index = end
            } else {
                index += 1
            }
        }
        return (numbers, strings)
    }

    /// Some integers written as `3.0`, `3e0`, `30e-1` or `3E+0`: the same value to the parser.
    static func respellNumbers(_ text: [UInt8], using rng: inout SeededRandom) -> [UInt8] {
        var text = text
        for range in tokens(text).numbers.reversed() where Bool.random(using: &rng) {
            let token = String(decoding: text[range], as: UTF8.self)
            guard let value = Int(token) else { continue }
            // `00e-1` would be a leading zero: zero is not spelt with one more digit.
            let tenfold = value == 0 ? token + "e1" : token + "0e-1"
            let spelling = [token + ".0", token + "e0", tenfold, token + "E+0", token + ".000"].randomElement(
                using: &rng)!
            text.replaceSubrange(range, with: Array(spelling.utf8))
        }
        return text
    }

    /// Tokens in the place of a number: none is JSON, or none fits any schema.
    static let strangeNumbers = [
        "NaN", "Infinity", "-Infinity", "nan", "1e999", "-1e999", "00", "01", "1.", ".5", "+1", "0x1F", "1e", "-",
        "true", "null", "\"1\"", "[1]", "-0", "1e-400", "123456789012345678901234567890",
    ]

    /// One damage to the text.
    static func damage(_ text: [UInt8], using rng: inout SeededRandom) -> [UInt8] {
        var text = text
        let (numbers, strings) = tokens(text)
        switch Int.random(in: 0..<8, using: &rng) {
        case 0:
            // An escape in a string or a key, spelling the same character (the tree reads it as usual).
            guard let range = strings.filter({ !$0.isEmpty }).randomElement(using: &rng) else { break }
            let byte = text[range.lowerBound]
            let hex = Array("0123456789abcdef".utf8)
            text.replaceSubrange(
                range.lowerBound..<range.lowerBound + 1,
                with: Array(#"\u00"#.utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        case 1:
            guard let range = numbers.randomElement(using: &rng) else { break }
            text.replaceSubrange(range, with: Array(strangeNumbers.randomElement(using: &rng)!.utf8))
        case 2:
            guard let range = strings.randomElement(using: &rng) else { break }
            text.insert(
                contentsOf: Array(["é", "\u{1}", "\t", "\u{7F}"].randomElement(using: &rng)!.utf8), at: range.lowerBound
            )
        case 3:
            text = Array(text.prefix(Int.random(in: 0..<max(1, text.count), using: &rng)))
        case 4:
            guard !text.isEmpty else { break }
            text[Int.random(in: 0..<text.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
        case 5:
            text += Array([" x", "}", "\n", " ", ",", "{}"].randomElement(using: &rng)!.utf8)
        case 6:
            text.insert(contentsOf: Array(["\u{FEFF}", " ", "[", "\n"].randomElement(using: &rng)!.utf8), at: 0)
        default:
            // A member before the first: an envelope key doubled, or an unknown one.
            let member = [#""drone":"D7","#, #""v":1,"#, #""x":1,"#, #""data":{},"#].randomElement(using: &rng)!
            text.insert(contentsOf: Array(member.utf8), at: min(1, text.count))
        }
        return text
    }
}
