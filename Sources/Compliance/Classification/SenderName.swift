import Crypto
import HexEncoding
import Synchronization

/// A stream or mission name as the sender chose it: checked against the identification vocabulary once per
/// distinct name (names repeat on every message of a stream), and replaced by a digest wherever flowgate
/// writes it (record, events, metrics) when it names identification, so that a name like
/// `imsi_262011234567890` is never stored verbatim.
public enum SenderName {
    /// The vocabulary match of a name, from a bounded cache.
    public static func match(_ name: String) -> IdentificationClassifier.Match? {
        if let known = cache.withLock({ $0[name] }) { return known.match }
        let match = IdentificationClassifier.match(name)
        cache.withLock {
            if $0.count >= cacheLimit { $0.removeAll(keepingCapacity: true) }
            $0[name] = Verdict(match: match)
        }
        return match
    }

    /// The name flowgate writes: the name itself, or `#` and the first 16 bytes of its SHA-256 in hex when it
    /// names identification. The grammar of names has no `#`, so the two never meet.
    public static func recorded(_ name: String) -> String {
        match(name) == nil ? name : digest(name)
    }

    public static func digest(_ name: String) -> String {
        "#" + SHA256.hash(data: Array(name.utf8)).prefix(16).hexString
    }

    /// Whether `text` is a digest as ``digest(_:)`` writes it.
    public static func isDigest(_ text: String) -> Bool {
        text.utf8.count == 33 && text.hasPrefix("#")
            && text.utf8.dropFirst().allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    private struct Verdict {
        var match: IdentificationClassifier.Match?
    }

    private static let cacheLimit = 4_096
    private static let cache = Mutex<[String: Verdict]>([:])
}
