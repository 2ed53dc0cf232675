/// Whether a name (a product, sensor kind, member, stream or mission name, or a word of a string) names
/// identification, however it is spelt: ``TextSkeleton`` brings it to ASCII words in two views, and each is
/// matched against ``IdentificationVocabulary``.
///
/// A term counts where it is a whole word, a run of whole words (`re`+`id`, `licence`+`plate`), a part of a
/// glued word that cuts wholly into known words (`PERSONTRACKIDS` is person, track, ids), or, for a term long
/// or distinctive enough, anywhere inside a word, unless an innocent word that contains it covers it there
/// (`surface` covers `face`, `template` covers `plate`). An identifying term decides alone; a subject and a
/// qualifier decide together.
public enum IdentificationClassifier {
    /// What matched: the vocabulary's own words, never the text's, so a finding may quote it.
    public struct Match: Sendable, Hashable, CustomStringConvertible {
        public var term: String
        public var category: String

        public var description: String { "'\(term)' (\(category))" }
    }

    /// The match, or `nil` for a name that does not name identification.
    public static func match(_ text: String) -> Match? {
        guard !text.isEmpty else { return nil }
        for words in TextSkeleton.views(text) where !words.isEmpty {
            if let found = Lexicon.shared.match(words) { return found }
        }
        return nil
    }

    /// Whether the name names identification.
    public static func identifies(_ text: String) -> Bool { match(text) != nil }
}

/// The vocabulary prepared for matching: folded, with plurals, indexed by first letter.
struct Lexicon: Sendable {
    static let shared = Lexicon()

    struct Entry: Sendable {
        var word: String
        var identifying: IdentificationVocabulary.Category?
        var subject: IdentificationVocabulary.Category?
        var isQualifier = false
        var searchedInside = false
        /// An innocent word, which covers a term inside it (`surface` over `face`) even when it has a role.
        var canCover = false
        /// The vocabulary's spelling, for the finding.
        var display: String

        var hasRole: Bool { identifying != nil || subject != nil || isQualifier }
    }

    private var entries: [String: Entry] = [:]
    /// Every known word, by its first byte, longest first.
    private var byFirstByte: [UInt8: [[UInt8]]] = [:]

    init() {
        func add(_ word: String, _ update: (inout Entry) -> Void) {
            for form in Self.forms(of: word) {
                let folded = TextSkeleton.folded(form)
                var entry = entries[folded] ?? Entry(word: folded, display: word)
                update(&entry)
                entries[folded] = entry
            }
        }
        for group in IdentificationVocabulary.groups {
            let inside = { (term: String) in IdentificationVocabulary.isSearchedInside(term) }
            for term in group.identifying {
                add(term) {
                    $0.identifying = $0.identifying ?? group.category
                    $0.searchedInside = $0.searchedInside || inside(term)
                }
            }
            for term in group.subjects {
                add(term) {
                    $0.subject = $0.subject ?? group.category
                    $0.searchedInside = $0.searchedInside || inside(term)
                }
            }
            for term in group.qualifiers {
                add(term) {
                    $0.isQualifier = true
                    $0.searchedInside = $0.searchedInside || inside(term)
                }
            }
        }
        for word in IdentificationVocabulary.innocent {
            add(word) { $0.canCover = true }
        }
        for word in entries.keys {
            let bytes = Array(word.utf8)
            byFirstByte[bytes[0], default: []].append(bytes)
        }
        for key in byFirstByte.keys { byFirstByte[key]!.sort { $0.count > $1.count } }
    }

    /// A word, its plural forms, and the form without a final `e` that `-ing` and `-ed` take.
    static func forms(of word: String) -> [String] {
        var forms = [word, word + "s"]
        if word.hasSuffix("y") { forms.append(String(word.dropLast()) + "ies") }
        if word.hasSuffix("s") || word.hasSuffix("x") || word.hasSuffix("ch") || word.hasSuffix("sh") {
            forms.append(word + "es")
        }
        return forms
    }

    /// One occurrence of a known word in the joined words.
    struct Occurrence {
        var start: Int
        var end: Int
        var entry: Entry
    }

    func match(_ words: [String]) -> IdentificationClassifier.Match? {
        var joined: [UInt8] = []
        var boundaries = Set<Int>([0])
        var tokens: [Range<Int>] = []
        for word in words {
            let start = joined.count
            joined += word.utf8
            tokens.append(start..<joined.count)
            boundaries.insert(joined.count)
        }
        let occurrences = find(in: joined)
        let segmented = segmentedRanges(occurrences, tokens: tokens)
        var subjects: [Occurrence] = []
        var qualifiers: [Occurrence] = []
        for occurrence in occurrences where occurrence.entry.hasRole {
            let range = occurrence.start..<occurrence.end
            let counts =
                boundaries.contains(occurrence.start) && boundaries.contains(occurrence.end)
                || segmented.contains(range)
                || occurrence.entry.searchedInside && !covered(occurrence, by: occurrences)
            guard counts else { continue }
            if let category = occurrence.entry.identifying {
                return .init(term: occurrence.entry.display, category: category.rawValue)
            }
            if occurrence.entry.subject != nil { subjects.append(occurrence) }
            if occurrence.entry.isQualifier { qualifiers.append(occurrence) }
        }
        for subject in subjects {
            for qualifier in qualifiers
            where qualifier.end <= subject.start || qualifier.start >= subject.end {
                return .init(
                    term: "\(subject.entry.display) \(qualifier.entry.display)",
                    category: subject.entry.subject!.rawValue)
            }
        }
        return nil
    }

    /// Every occurrence of every known word.
    private func find(in joined: [UInt8]) -> [Occurrence] {
        var found: [Occurrence] = []
        found.reserveCapacity(16)
        for start in joined.indices {
            guard let candidates = byFirstByte[joined[start]] else { continue }
            for word in candidates where start + word.count <= joined.count {
                var same = true
                for offset in 1..<word.count where joined[start + offset] != word[offset] {
                    same = false
                    break
                }
                if same, let entry = entries[String(decoding: word, as: UTF8.self)] {
                    found.append(Occurrence(start: start, end: start + word.count, entry: entry))
                }
            }
        }
        return found
    }

    /// Ranges of known words that lie on a cut of their whole token into known words.
    private func segmentedRanges(_ occurrences: [Occurrence], tokens: [Range<Int>]) -> Set<Range<Int>> {
        var result = Set<Range<Int>>()
        for token in tokens {
            let inside = occurrences.filter { $0.start >= token.lowerBound && $0.end <= token.upperBound }
            // A token that is itself a known word is that word, not the words it could be cut into
            // (`racetrack` is not `race` and `track`).
            guard !inside.isEmpty,
                !inside.contains(where: { $0.start == token.lowerBound && $0.end == token.upperBound })
            else { continue }
            var reachable = Set([token.lowerBound])
            for position in token where reachable.contains(position) {
                for occurrence in inside where occurrence.start == position { reachable.insert(occurrence.end) }
            }
            guard reachable.contains(token.upperBound) else { continue }
            var finishing = Set([token.upperBound])
            for position in token.reversed() {
                if inside.contains(where: { $0.start == position && finishing.contains($0.end) }) {
                    finishing.insert(position)
                }
            }
            for occurrence in inside
            where reachable.contains(occurrence.start) && finishing.contains(occurrence.end) {
                result.insert(occurrence.start..<occurrence.end)
            }
        }
        return result
    }

    /// Whether a longer innocent word covers the occurrence (`surface` over `face`).
    private func covered(_ occurrence: Occurrence, by all: [Occurrence]) -> Bool {
        all.contains {
            $0.entry.canCover && $0.start <= occurrence.start && $0.end >= occurrence.end
                && $0.end - $0.start > occurrence.end - occurrence.start
        }
    }
}
