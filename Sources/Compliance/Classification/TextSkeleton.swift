import Foundation

/// Attacker-chosen text (a member name, product, sensor kind, stream or mission) brought to the ASCII words it
/// looks like, so that the identification vocabulary can be matched however the text is spelt.
///
/// The steps follow Unicode's skeletons for confusable detection (UTS #39), narrowed to what the vocabulary
/// needs (it is ASCII):
/// 1. compatibility decomposition (NFKD): fullwidth `ｆａｃｅ`, mathematical `𝐟𝐚𝐜𝐞`, ligatures `ﬁ`;
/// 2. combining marks and default-ignorable code points dropped: `fàçe`, zero-width joiners and spaces, soft
///    hyphens, bidirectional controls and variation selectors inside a word;
/// 3. every remaining look-alike of an ASCII letter or digit replaced by it (``ConfusableTable``, from
///    Unicode's confusables.txt): Cyrillic `fасе`, Greek `ΙRIS`, Cherokee, Latin small capitals;
/// 4. words cut at separators, at a rise from small to capital letters (`faceEmbedding`), before the last
///    capital of a run followed by a small letter (`IMSINumber`) and between letters and digits;
/// 5. lower-cased, with the look-alikes that survive inside ASCII folded together: `l` and `i` (`Iris` in a
///    sans-serif font), `rn` and `m`.
///
/// Two views are made: one where digits only separate words (`face2` is `face`), and one where digits and
/// a few symbols stand for the letters they resemble (`f4c3`, `1r1s`, `pl@te`, `$niffer`).
enum TextSkeleton {
    /// The words of `text` in both views: letters only, lower case, folded. Empty words are dropped.
    ///
    /// Each view is made twice: cut at changes of case, and not (a sender who writes `SubJ3CtIds` chooses where
    /// the case changes, and must not choose where words end).
    static func views(_ text: String) -> [[String]] {
        let characters = asciiLookalikes(text)
        var views: [[String]] = []
        for leet in [false, true] {
            for byCase in [true, false] {
                let view = words(characters, leet: leet, byCase: byCase)
                if !views.contains(view) { views.append(view) }
            }
        }
        return views
    }

    /// One character after steps 1 to 3: an ASCII byte, with whether it was written as a capital.
    struct Glyph: Equatable {
        var byte: UInt8
        var isCapital: Bool
    }

    /// Steps 1 to 3. Punctuation and spaces with no ASCII look-alike become a space (they separate words); any
    /// other character without one is dropped.
    static func asciiLookalikes(_ text: String) -> [Glyph] {
        var glyphs: [Glyph] = []
        glyphs.reserveCapacity(text.utf8.count)
        for original in text.unicodeScalars {
            // Look-alikes first, as UTS #39 maps before it decomposes: NFKD would turn `ϲ` (a look-alike of `c`)
            // into the final sigma `ς`, which looks like nothing in ASCII.
            if !original.isASCII, let ascii = ConfusableMap.shared.ascii(for: original) {
                let capital = original.properties.isUppercase
                for (index, byte) in ascii.enumerated() {
                    glyphs.append(Glyph(byte: byte, isCapital: capital && index == 0))
                }
                continue
            }
            let decomposed =
                original.isASCII
                ? [original] : Array(String(original).decomposedStringWithCompatibilityMapping.unicodeScalars)
            for scalar in decomposed { append(scalar, to: &glyphs) }
        }
        return glyphs
    }

    /// One scalar of a decomposed character: ASCII as it is, a look-alike as its letter, marks and
    /// default-ignorable code points dropped, punctuation and spaces as a space.
    private static func append(_ scalar: Unicode.Scalar, to glyphs: inout [Glyph]) {
        if scalar.isASCII {
            let byte = UInt8(scalar.value)
            glyphs.append(Glyph(byte: lower(byte), isCapital: byte >= 0x41 && byte <= 0x5A))
            return
        }
        let properties = scalar.properties
        if properties.isDefaultIgnorableCodePoint { return }
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark, .format: return
        default: break
        }
        let capital = properties.isUppercase
        let lowered = properties.lowercaseMapping.unicodeScalars
        let small = lowered.count == 1 ? lowered.first! : scalar
        if let ascii = ConfusableMap.shared.ascii(for: scalar) ?? ConfusableMap.shared.ascii(for: small) {
            for (index, byte) in ascii.enumerated() {
                glyphs.append(Glyph(byte: byte, isCapital: capital && index == 0))
            }
        } else if let folded = foldedASCII(scalar) ?? latinBase(scalar) ?? latinBase(small) {
            glyphs.append(Glyph(byte: folded, isCapital: capital))
        } else if isSeparator(properties.generalCategory) {
            glyphs.append(Glyph(byte: 0x20, isCapital: false))
        }
        // Any other character (a symbol, an emoji, a letter of a script with no Latin look-alike) is
        // dropped: inserted inside a word, it must not cut it in two.
    }

    /// Punctuation and spaces separate words, as ASCII's do.
    private static func isSeparator(_ category: Unicode.GeneralCategory) -> Bool {
        switch category {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator, .connectorPunctuation, .dashPunctuation,
            .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation, .otherPunctuation,
            .control:
            true
        default: false
        }
    }

    /// A letter with a lower-case form in ASCII (`Ａ` after NFKD is already ASCII; this is for the rest).
    private static func foldedASCII(_ scalar: Unicode.Scalar) -> UInt8? {
        let lowered = scalar.properties.lowercaseMapping.unicodeScalars
        guard lowered.count == 1, let first = lowered.first, first.isASCII else { return nil }
        return UInt8(first.value)
    }

    /// The base letter of a Latin letter with a hook, stroke or tail that has no decomposition and no entry in
    /// the confusables (`ƒ`, `ɠ`, `ꝑ`), from its Unicode name: `LATIN SMALL LETTER F WITH HOOK` is `f`.
    private static func latinBase(_ scalar: Unicode.Scalar) -> UInt8? {
        guard let name = scalar.properties.name else { return nil }
        for prefix in ["LATIN SMALL LETTER ", "LATIN CAPITAL LETTER ", "LATIN LETTER SMALL CAPITAL "]
        where name.hasPrefix(prefix) {
            let letter = name.dropFirst(prefix.count).prefix { $0 != " " }
            guard letter.utf8.count == 1, let byte = letter.utf8.first, byte >= 0x41, byte <= 0x5A else { return nil }
            return byte | 0x20
        }
        return nil
    }

    static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    static func isLetter(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// The letter a digit or symbol stands for in the leet view.
    static func leetLetter(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0"): UInt8(ascii: "o")
        case UInt8(ascii: "1"), UInt8(ascii: "!"), UInt8(ascii: "|"): UInt8(ascii: "i")
        case UInt8(ascii: "2"): UInt8(ascii: "z")
        case UInt8(ascii: "3"): UInt8(ascii: "e")
        case UInt8(ascii: "4"), UInt8(ascii: "@"): UInt8(ascii: "a")
        case UInt8(ascii: "5"), UInt8(ascii: "$"): UInt8(ascii: "s")
        case UInt8(ascii: "6"), UInt8(ascii: "8"): UInt8(ascii: "b")
        case UInt8(ascii: "7"), UInt8(ascii: "+"): UInt8(ascii: "t")
        case UInt8(ascii: "9"): UInt8(ascii: "g")
        default: nil
        }
    }

    /// Step 4 and 5 over the glyphs.
    static func words(_ glyphs: [Glyph], leet: Bool, byCase: Bool = true) -> [String] {
        var words: [String] = []
        var current: [UInt8] = []
        var previousCapital = false
        var previousDigit = false
        // Digits and symbols stand for letters only in a run that touches a letter: `f4ce`, `1m31`, not a
        // date's `2026`.
        var readsAsLetters = [Bool](repeating: false, count: glyphs.count)
        if leet {
            var start = 0
            while start < glyphs.count {
                guard leetLetter(glyphs[start].byte) != nil else {
                    start += 1
                    continue
                }
                var end = start
                while end < glyphs.count, leetLetter(glyphs[end].byte) != nil { end += 1 }
                let touches =
                    start > 0 && isLetter(glyphs[start - 1].byte) || end < glyphs.count && isLetter(glyphs[end].byte)
                if touches { for index in start..<end { readsAsLetters[index] = true } }
                start = end
            }
        }
        func flush() {
            if !current.isEmpty { words.append(fold(current)) }
            current.removeAll(keepingCapacity: true)
        }
        for (index, glyph) in glyphs.enumerated() {
            var byte = glyph.byte
            var isDigit = isDigit(byte)
            var isCapital = glyph.isCapital
            if leet, readsAsLetters[index], let letter = leetLetter(byte) {
                // A digit read as a letter takes the case of the letter before it: `MAINSPE4KER` is one word.
                byte = letter
                isDigit = false
                isCapital = previousCapital
            }
            guard isLetter(byte) || isDigit else {
                flush()
                previousCapital = false
                continue
            }
            if !current.isEmpty {
                let next = index + 1 < glyphs.count ? glyphs[index + 1] : nil
                let caseRise = !previousCapital && !previousDigit && isCapital
                let acronymEnd =
                    previousCapital && isCapital && next.map { isLetter($0.byte) && !$0.isCapital } == true
                if byCase && (caseRise || acronymEnd) || isDigit != previousDigit { flush() }
            }
            previousCapital = isCapital
            previousDigit = isDigit
            current.append(byte)
        }
        flush()
        return words.filter { !$0.isEmpty && $0.utf8.contains(where: isLetter) }
    }

    /// Step 5: `l` is `i`, `rn` is `m`, for the text and the vocabulary alike.
    static func fold(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "n") {
                out.append(UInt8(ascii: "m"))
                index += 2
                continue
            }
            out.append(byte == UInt8(ascii: "l") ? UInt8(ascii: "i") : byte)
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A vocabulary word in the form the text's words take.
    static func folded(_ word: String) -> String { fold(Array(word.lowercased().utf8)) }
}

/// ``ConfusableTable`` parsed once into a dictionary.
struct ConfusableMap: Sendable {
    static let shared = ConfusableMap()

    private let map: [UInt32: [UInt8]]

    init() {
        var map: [UInt32: [UInt8]] = [:]
        for entry in ConfusableTable.entries.joined().split(separator: ",") {
            let parts = entry.split(separator: "=")
            guard parts.count == 2, let point = UInt32(parts[0], radix: 16) else { continue }
            map[point] = Array(parts[1].utf8)
        }
        self.map = map
    }

    func ascii(for scalar: Unicode.Scalar) -> [UInt8]? { map[scalar.value] }
}
