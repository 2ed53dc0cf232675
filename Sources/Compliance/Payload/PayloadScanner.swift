import StrictJSON

/// Deep inspection of a whole message against its product's schema: keys the schema does not define, keys that
/// name identifying data, and strings that carry a blob, at any depth. Places are named by schema path; an
/// undefined key is never quoted (it is the sender's text), so what lies under it is `<undefined>`.
struct PayloadScanner {
    private(set) var undefined: [String] = []
    private(set) var identifying: [(term: String, path: String)] = []
    private(set) var blobs: [(kind: String, path: String)] = []

    static let undefinedName = "<undefined>"

    static func scan(_ object: JSONObject, product: PayloadProduct?) -> PayloadScanner {
        var scanner = PayloadScanner()
        scanner.visit(.object(object), schema: .message(product), path: "")
        return scanner
    }

    mutating func visit(_ value: JSONValue, schema: PayloadSchema, path: String) {
        switch value {
        case .string(let text):
            if let kind = EmbeddedBlob.kind(of: text) { blobs.append((kind, path)) }
        case .array(let items):
            let itemSchema: PayloadSchema
            switch schema {
            case .array(let inner): itemSchema = inner
            case .unknown: itemSchema = .unknown
            case .value, .object: itemSchema = .object([:])  // nothing is defined in an unexpected array
            }
            for (index, item) in items.enumerated() { visit(item, schema: itemSchema, path: "\(path)[\(index)]") }
        case .object(let object):
            for (key, member) in object.members {
                let memberSchema: PayloadSchema?
                switch schema {
                case .object(let members): memberSchema = members[key]
                case .unknown: memberSchema = .unknown
                case .value, .array: memberSchema = nil
                }
                if memberSchema == nil { undefined.append(path.isEmpty ? "the envelope" : path) }
                // A key the schema defines is flowgate's own word (a test checks none is identifying): only
                // the others need the word-by-word match, which keeps a 2 500-cell grid cheap.
                if memberSchema == nil || schema.isUnknown, let term = IdentifyingKey.match(key) {
                    identifying.append((term, path.isEmpty ? "the envelope" : path))
                }
                let name = memberSchema == nil ? Self.undefinedName : key
                visit(member, schema: memberSchema ?? .object([:]), path: path.isEmpty ? name : "\(path).\(name)")
            }
        case .null, .bool, .number:
            break
        }
    }

    /// The findings, one per code, each naming up to three places.
    var findings: [PayloadFinding] {
        var findings: [PayloadFinding] = []
        if !identifying.isEmpty {
            let terms = Self.listed(identifying.map { "'\($0.term)' in \($0.path)" })
            findings.append(
                PayloadFinding(.identifyingField, detail: "keys naming identifying data: \(terms)"))
        }
        if !blobs.isEmpty {
            findings.append(
                PayloadFinding(.embeddedBlob, detail: Self.listed(blobs.map { "\($0.kind) in \($0.path)" })))
        }
        if !undefined.isEmpty {
            findings.append(
                PayloadFinding(
                    .undefinedField,
                    detail: "\(undefined.count) key(s) the schema does not define, in \(Self.listed(undefined))"))
        }
        return findings
    }

    /// Up to three distinct items, then how many more.
    static func listed(_ items: [String]) -> String {
        var seen = Set<String>()
        let distinct = items.filter { seen.insert($0).inserted }
        let shown = distinct.prefix(3).joined(separator: ", ")
        return distinct.count > 3 ? "\(shown) and \(distinct.count - 3) more" : shown
    }
}
