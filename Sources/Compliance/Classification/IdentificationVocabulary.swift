/// The one vocabulary of identification: every product, sensor kind, member name, stream and mission name is
/// matched against it after ``TextSkeleton`` normalisation. Documented, with where each group comes from, in
/// `Docs/IDENTIFICATION.md` (a test keeps the two in step).
///
/// Three roles:
/// - an **identifying** term names identification on its own (`face`, `biometric`, `imsi`, `reid`, `plate`);
/// - a **subject** (a person, a device, a vehicle, a voice) and a **qualifier** (an id, a track, a template, a
///   read, a capture) name identification together, wherever they stand in the name (`person_track`,
///   `TRACKID`, `voiceSignature`, `wifi-probe`, `plate_reads`);
/// - **innocent** words (`surface`, `template`, `microphone`, `soundtrack`) cover a term they happen to
///   contain, and help cut glued names into words.
enum IdentificationVocabulary {
    /// What a term identifies, for the finding's detail and the documentation.
    enum Category: String, Sendable, CaseIterable {
        case face = "face"
        case biometric = "biometric template"
        case reidentification = "re-identification"
        case personTracking = "per-person track"
        case plate = "licence plate"
        case device = "device identifier"
        case emotion = "emotion recognition"
        case specialCategory = "special category of personal data"
        case identity = "personal identity"
    }

    /// Where a group of terms comes from.
    enum Source: String, Sendable, CaseIterable {
        case spec = "PRODUCT.md's always-blocked list"
        case gdprArticle9 = "GDPR Art. 9(1) special categories"
        case aiActArticle5 = "EU AI Act Art. 5(1) prohibited practices"
        case practice = "names used by products and standards for the same thing"
    }

    struct Group: Sendable {
        var category: Category
        var source: Source
        var identifying: [String] = []
        var subjects: [String] = []
        var qualifiers: [String] = []
    }

    /// The vocabulary, by category.
    static let groups: [Group] = [
        Group(
            category: .face, source: .spec,
            identifying: [
                "face", "facial", "faceprint", "faceid", "visage", "mugshot", "headshot", "facecrop", "facematch",
            ]),
        Group(
            category: .biometric, source: .spec,
            identifying: [
                "biometric", "biometrics", "biometry", "gait", "iris", "irides", "retina", "retinal", "fingerprint",
                "palmprint", "voiceprint", "earprint", "periocular", "embedding", "faceembedding",
            ],
            subjects: ["voice", "speaker", "finger", "palm", "vein", "ear", "eye", "hand", "body", "walk"],
            qualifiers: [
                "template", "signature", "print", "vector", "descriptor", "feature", "encoding", "hash", "match",
                "matching", "matcher", "recognition", "recognise", "recognize", "recogniser", "recognizer",
                "verification", "enrolment", "enrollment", "sample", "model", "profile",
            ]),
        Group(
            category: .reidentification, source: .spec,
            identifying: [
                "reid", "reident", "reidentification", "reidentify", "reidentified", "reidentifying", "identify",
                "identification", "identified", "identifying", "identifiable", "identifier", "deanonymise",
                "deanonymize",
                "deanonymisation", "deanonymization", "unmask", "unmasking",
            ]),
        Group(
            category: .personTracking, source: .spec,
            identifying: ["tracklet", "perperson", "persontrack", "trackid"],
            subjects: [
                "person", "people", "pedestrian", "human", "individual", "subject", "target", "participant",
                "protester", "protestor", "demonstrator", "attendee", "citizen", "civilian", "object", "track",
                "marcher", "rioter", "activist", "member", "user", "ppl", "pax",
            ],
            qualifiers: [
                "id", "uid", "uuid", "guid", "ident", "identifier", "track", "tracking", "tracker", "trajectory",
                "trajectories", "trace", "path", "history", "location", "position", "coordinate", "crop", "chip",
                "thumbnail", "photo", "picture", "snapshot", "image", "name",
            ]),
        Group(
            category: .plate, source: .spec,
            identifying: [
                "plate", "licenceplate", "licenseplate", "numberplate", "anpr", "alpr", "lpr", "vrm", "vrn",
                "plateread",
            ],
            subjects: ["licence", "license", "vehicle", "car", "registration", "number"],
            qualifiers: [
                "read", "reading", "reader", "ocr", "capture", "number", "id", "recognition", "scan", "registration",
            ]),
        Group(
            category: .device, source: .spec,
            identifying: [
                "imsi", "imei", "imeisv", "tmsi", "msisdn", "iccid", "supi", "suci", "guti", "stingray",
                "imsicatcher", "dirtbox", "hailstorm", "kingfish", "cellsite", "fakebts", "sniffer", "sniff",
                "sniffing", "wardriving", "mac", "macaddr", "macaddress", "bdaddr", "btaddr", "bssid", "udid",
                "idfa", "gaid", "deviceid", "phonenumber", "email", "ipaddress", "fakebasestation", "triggerfish",
            ],
            subjects: [
                "device", "phone", "handset", "mobile", "smartphone", "sim", "subscriber", "wifi", "wlan", "bluetooth",
                "ble", "bt", "cell", "bts", "ip", "ssid", "beacon", "rfid", "nfc", "telephone", "gsm", "lte", "umts",
            ],
            qualifiers: [
                "id", "identifier", "number", "address", "addr", "probe", "scan", "scanner", "scanning", "capture",
                "catcher", "grabber", "simulator", "emulator", "interceptor", "interception", "intercept",
                "monitor", "tracker", "tracking", "log", "list", "mac", "fingerprint", "read",
            ]),
        Group(
            category: .emotion, source: .aiActArticle5,
            identifying: [
                "emotion", "emotional", "affective", "sentiment", "mood", "microexpression", "facialexpression",
            ]),
        Group(
            category: .specialCategory, source: .gdprArticle9,
            identifying: [
                "ethnic", "ethnicity", "racial", "race", "religion", "religious", "politics", "political",
                "sexual", "sexuality", "tradeunion", "unionmember", "genetic", "genome", "dna", "disability",
            ]),
        Group(
            category: .identity, source: .aiActArticle5,
            identifying: [
                "identity", "watchlist", "hotlist", "suspect", "passport", "nationalid", "ssn", "surname",
                "firstname", "lastname", "fullname", "givenname", "dateofbirth", "birthdate", "pii",
                "personaldata", "socialscore",
            ]),
    ]

    /// Innocent words that contain a term by chance, or that often sit next to one in a glued name: they
    /// cover the term inside them, and they help cut glued names into words.
    static let innocent: [String] = [
        // Containing a term.
        "surface", "interface", "preface", "facet", "facade", "typeface", "boldface", "efface", "template",
        "plateau", "platelet", "platen", "microphone", "headphone", "megaphone", "soundtrack", "racetrack",
        "invoice", "machine", "macro", "stomach", "tarmac", "pharmacy", "diplomacy", "trace", "grace", "brace",
        "embrace", "irish", "gaiter", "personnel", "cellular", "excellent", "mode", "model", "bodies", "ambient",
        "modulation", "feature", "hashtag", "attempt", "ear", "earth", "year", "near", "linear", "clear",
        "hearth", "nearest", "eyepiece", "handheld", "handover", "walkway", "path", "snapshot", "paths",
        // The payload schemas and what legitimate streams, products and sensors are called.
        "crowd", "count", "density", "flow", "grid", "cell", "cells", "route", "estimate", "imagery", "frame",
        "clip", "ref", "duration", "sensor", "kind", "camera", "cam", "eo", "ir", "thermal", "optical", "infrared",
        "visible", "hfov", "vfov", "width", "height", "px", "zoom", "slant", "range", "depression", "deg",
        "origin", "lat", "lon", "alt", "radius", "area", "rows", "cols", "row", "col", "direction", "speed", "mps",
        "confidence", "line", "drone", "mission", "stream", "seq", "time", "product", "data", "main", "front",
        "rear", "left", "right", "down", "nadir", "wide", "tele", "video", "heat", "map", "overlay", "zone",
        "total", "value", "values", "note", "notes", "meta", "info", "extra", "raw", "debug", "test", "primary",
        "secondary", "gimbal", "payload", "telemetry", "battery", "status", "quality", "level", "summary",
        "global", "local", "north", "south", "east", "west", "center", "centre", "view", "field", "sector",
        "group", "crowdflow", "density", "aggregate", "occupancy", "queue", "entrance", "exit", "gate", "square",
        "street", "march", "assembly", "event", "feed", "channel", "source", "output", "input", "live", "daily",
        "x", "v",
    ]

    /// Terms searched only as whole words (or as whole parts of a glued name that cuts into known words):
    /// every term of four letters or fewer but these, and the longer words below, which hide inside innocent
    /// words by chance (`mobile` in `automobile`, `reading` in `spreading`) or mean too little alone.
    static let searchedInsideWords: Set<String> = ["face", "gait", "iris", "imsi", "anpr", "alpr", "wifi", "wlan"]

    static let ambiguous: Set<String> = [
        "mobile", "human", "individual", "reading", "reader", "number", "object", "target", "subject", "member",
        "history", "position", "location", "feature", "vector", "profile", "address", "sample", "image", "photo",
        "match", "print", "model", "monitor", "probe", "trace", "path", "crop", "chip", "hash", "name", "list",
        "scan", "ident", "matching", "matcher", "tracker", "tracking", "track", "picture", "capture", "beacon",
        "speaker",
        "finger", "encoding", "simulator", "emulator", "intercept", "imei", "sample",
    ]

    /// Whether a term may be found inside a longer word.
    static func isSearchedInside(_ term: String) -> Bool {
        searchedInsideWords.contains(term) || term.utf8.count > 4 && !ambiguous.contains(term)
    }
}
