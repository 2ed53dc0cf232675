import AirspaceFixtures
import Foundation

/// Generates the names, spellings and encodings an adversary would use to get identification past the rules:
/// the spec's categories in any case and separator, glued, plural, by synonym, with look-alike letters,
/// digits for letters, invisible characters and accents, between innocent words.
struct IdentificationMutator {
    var random: SeededRandom

    /// Identifying phrases of the spec's categories, as words.
    static let phrases: [[String]] = [
        ["face", "crop"], ["face", "embedding"], ["face", "match"], ["biometric", "template"],
        ["gait", "signature"], ["voice", "print"], ["iris", "template"], ["person", "reid"],
        ["per", "person", "tracks"], ["licence", "plate", "reads"], ["license", "plate"], ["imsi", "capture"],
        ["mac", "address"], ["bluetooth", "scan"], ["emotion", "recognition"], ["device", "identifier"],
        ["track", "id"], ["wifi", "probe"], ["cell", "site", "simulator"], ["imsi", "catcher"], ["anpr"],
        ["re", "identification"], ["pedestrian", "trajectories"], ["speaker", "id"], ["fingerprint"],
        ["facial", "features"], ["number", "plate"], ["stingray"], ["wifi", "sniffer"], ["imei"],
        ["subject", "ids"], ["retina", "scan"], ["vehicle", "registration"], ["sentiment"],
    ]

    static let synonyms: [String: [String]] = [
        "template": ["signature", "print", "vector", "descriptor"], "signature": ["template", "print"],
        "reads": ["reading", "capture", "readings", "captures"], "recognition": ["match", "matching", "recogniser"],
        "capture": ["captures", "grabber", "catcher"], "scan": ["scanner", "sniffer", "scanning"],
        "id": ["ids", "uuid", "identifier"], "tracks": ["tracking", "trajectory", "tracklets"],
    ]

    static let innocent = ["crowd", "data", "extra", "main", "cam", "v", "x", "grid", "meta", "stream"]

    /// Look-alikes of letters from other scripts and compatibility forms.
    static let lookalikes: [Character: [String]] = [
        "a": ["\u{0430}", "\u{FF41}", "\u{1D41A}", "\u{0251}"], "c": ["\u{0441}", "\u{FF43}", "\u{03F2}"],
        "e": ["\u{0435}", "\u{FF45}", "\u{1D41E}"], "i": ["\u{0456}", "\u{FF49}", "\u{0131}", "\u{03B9}"],
        "o": ["\u{043E}", "\u{03BF}", "\u{FF4F}"], "p": ["\u{0440}", "\u{03C1}"], "s": ["\u{0455}", "\u{FF53}"],
        "x": ["\u{0445}"], "y": ["\u{0443}"], "m": ["rn"], "l": ["I", "\u{04CF}"], "t": ["\u{FF54}"],
        "r": ["\u{FF52}", "\u{0433}"], "d": ["\u{0501}", "\u{FF44}"], "g": ["\u{0261}"], "n": ["\u{FF4E}"],
    ]

    static let leet: [Character: String] = ["a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7"]

    static let invisible = ["\u{200B}", "\u{200D}", "\u{00AD}", "\u{2060}", "\u{FE0F}", "\u{200C}"]

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    mutating func pick<T>(_ items: [T]) -> T { items.randomElement(using: &random)! }
    mutating func chance(_ oneIn: Int) -> Bool { Int.random(in: 0..<oneIn, using: &random) == 0 }

    /// An identifying name, mutated. `grammar` keeps it to letters, digits, `-`, `_` and `.` (a topic level).
    mutating func name(grammar: Bool = false) -> String {
        var words = pick(Self.phrases)
        if let last = words.last, let options = Self.synonyms[last], chance(2) {
            words[words.count - 1] = pick(options)
        }
        if chance(3), let last = words.last, !last.hasSuffix("s") { words[words.count - 1] = last + "s" }
        if chance(3) { words.insert(pick(Self.innocent), at: 0) }
        if chance(3) { words.append(pick(Self.innocent)) }
        if !grammar { words = words.map { mutateLetters($0) } } else if chance(2) { words = words.map(leetSpeak) }
        return join(words, grammar: grammar)
    }

    mutating func join(_ words: [String], grammar: Bool) -> String {
        switch Int.random(in: 0..<(grammar ? 5 : 7), using: &random) {
        case 0: return words.joined(separator: "_")
        case 1: return words.joined(separator: "-")
        case 2: return words.joined().uppercased()
        case 3: return words.joined()
        case 4: return words.enumerated().map { $0.offset == 0 ? $0.element : $0.element.capitalized }.joined()
        case 5: return words.joined(separator: " ")
        default: return words.joined(separator: ".")
        }
    }

    /// Some letters replaced by look-alikes, digits, or split by an invisible character or an accent.
    mutating func mutateLetters(_ word: String) -> String {
        guard chance(2) else { return word }
        var out = ""
        for character in word {
            switch Int.random(in: 0..<10, using: &random) {
            case 0: out += Self.lookalikes[character].map { pick($0) } ?? String(character)
            case 1: out += Self.leet[character] ?? String(character)
            case 2: out += String(character) + pick(Self.invisible)
            case 3: out += String(character) + "\u{0301}"
            default: out.append(character)
            }
        }
        return out
    }

    func leetSpeak(_ word: String) -> String {
        String(word.map { Self.leet[$0].map(Character.init) ?? $0 })
    }

    /// A JPEG's first bytes and some more, encoded as an adversary would, to hide in a string.
    mutating func encodedImage() -> String {
        var bytes: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01]
        bytes += (0..<Int.random(in: 8...40, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
        switch Int.random(in: 0..<5, using: &random) {
        case 0: return bytes.map { String(format: "%%%02X", $0) }.joined()
        case 1: return base32(bytes)
        case 2:
            return stride(from: 0, to: bytes.count, by: 4).map { bytes[$0..<min($0 + 4, bytes.count)] }
                .map { $0.map { String(format: "%02x", $0) }.joined() }.joined(separator: pick(["/", ":", "-", "."]))
        case 3: return Data(bytes).base64EncodedString()
        default: return bytes.map { String(format: "%02X", $0) }.joined()
        }
    }

    func base32(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var bits = 0
        var count = 0
        var out = ""
        for byte in bytes {
            bits = (bits << 8) | Int(byte)
            count += 8
            while count >= 5 {
                count -= 5
                out.append(alphabet[(bits >> count) & 31])
            }
        }
        return out
    }

    /// An identifier of a person's device or vehicle, written in one of its usual forms.
    mutating func identifier() -> String {
        let digits = { (count: Int, random: inout SeededRandom) in
            (0..<count).map { _ in String(Int.random(in: 0...9, using: &random)) }.joined()
        }
        switch Int.random(in: 0..<5, using: &random) {
        case 0: return "2" + digits(14, &random)
        case 1: return "35-" + digits(6, &random) + "-" + digits(6, &random) + "-" + digits(1, &random)
        case 2:
            return (0..<6).map { _ in String(format: "%02x", Int.random(in: 0...255, using: &random)) }
                .joined(separator: pick([":", "-"]))
        case 3: return "+49" + digits(10, &random)
        default: return "B-" + pick(["AB", "XY", "KL"]) + "-" + digits(4, &random)
        }
    }
}
