/// Whether a member name asks for identifying data, whatever its spelling: `trackId`, `TRACK-ID`, `person.id`,
/// `faceEmbedding`, `mac_address`, `Re-ID`.
///
/// The name is cut into words at every character that is not a letter or digit, at lower-to-upper case changes
/// (`faceEmbedding`), before the last capital of a run of capitals followed by a small letter (`IMSINumber`),
/// and between letters and digits. Words are compared whole, never as substrings, so that `machine` is not
/// `mac`, `surface` is not `face` and `image` is fine. Words also count when written together with their
/// neighbour (`track`+`id` is `trackid`, as in `TRACKID`). Only a few long compounds that cannot occur by chance
/// inside an innocent word (`biometric`, `embedding`, `licenseplate`...) are also searched inside words.
public enum IdentifyingKey {
    /// Words, or two neighbouring words written together, that name identifying data.
    static let terms: Set<String> = [
        // Faces and biometrics.
        "face", "faces", "facial", "faceprint", "embedding", "embeddings", "biometric", "biometrics", "biometry",
        "iris", "gait", "voiceprint", "fingerprint", "fingerprints", "emotion", "emotions",
        // Persons and their tracks.
        "trackid", "trackids", "tracklet", "tracklets", "personid", "personids", "persontrack", "persontracks",
        "pedestrianid", "humanid", "subjectid", "individualid", "targetid", "objectid", "peopleid", "reid",
        "reidentification", "identity", "identities", "uniqueid", "trackuuid", "personuuid",
        // Plates and devices.
        "plate", "plates", "licenseplate", "licenceplate", "numberplate", "anpr", "lpr", "imsi", "imei", "tmsi",
        "msisdn", "iccid", "mac", "macaddr", "macaddress", "bssid", "deviceid", "deviceids", "phonenumber",
        "bluetoothaddr", "btaddr", "bdaddr",
    ]

    /// Compounds searched inside a name's words too: long and specific enough not to hide in an innocent word.
    static let compounds = [
        "biometric", "embedding", "faceprint", "voiceprint", "fingerprint", "licenseplate", "licenceplate",
        "numberplate", "reidentif", "trackid", "personid", "macaddr", "deviceid", "facecrop", "facematch",
    ]

    /// The vocabulary term a name matches, or `nil` for a name that does not ask for identifying data.
    public static func match(_ name: String) -> String? {
        let words = self.words(name)
        for (index, word) in words.enumerated() {
            if terms.contains(word) { return word }
            if index + 1 < words.count, terms.contains(word + words[index + 1]) { return word + words[index + 1] }
        }
        let joined = words.joined()
        return compounds.first { joined.contains($0) }
    }

    /// The lower-cased words of a name.
    static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current: [Character] = []
        let characters = Array(name)
        func flush() {
            if !current.isEmpty { words.append(String(current).lowercased()) }
            current = []
        }
        for (index, character) in characters.enumerated() {
            guard character.isLetter || character.isNumber else {
                flush()
                continue
            }
            if let previous = current.last {
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                let caseRise = previous.isLowercase && character.isUppercase
                let acronymEnd =
                    previous.isUppercase && character.isUppercase && (next?.isLowercase ?? false)
                let digitChange = previous.isNumber != character.isNumber
                if caseRise || acronymEnd || digitChange { flush() }
            }
            current.append(character)
        }
        flush()
        return words
    }
}
