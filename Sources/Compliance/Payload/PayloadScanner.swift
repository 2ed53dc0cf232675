import StrictJSON

/// Deep inspection of a whole message against its product's schema: keys the schema does not define, keys that
/// name identifying data, and strings that carry a blob, at any depth. Places are named by schema path; an
/// undefined key is never quoted (it is the sender's text), so what lies under it is `<undefined>`.
struct PayloadScanner {
    private(set) var undefined: [String] = []
    private(set) var identifying: [(term: String, path: String)] = []
    private(set) var blobs: [(kind: String, path: String)] = []
    /// Where the visit is: member names and array indexes from the message's root. The path is spelt out only
    /// for a finding: a 2,500-cell grid would otherwise build a string for every cell.
    private var trail: [Step] = []

    private enum Step {
        case member(String)
        case index(Int)
    }

    static let undefinedName = "<undefined>"

    static func scan(_ object: JSONObject, product: PayloadProduct?) -> PayloadScanner {
        var scanner = PayloadScanner()
        scanner.visit(.object(object), schema: .message(product))
        return scanner
    }

    /// The schema path of the place being visited: `data.cells[3].count`, empty at the root.
    var path: String {
        var path = ""
        for step in trail {
            switch step {
            case .member(let name): path = path.isEmpty ? name : "\(path).\(name)"
            case .index(let index): path = "\(path)[\(index)]"
            }
        }
        return path
    }

    /// The place of a member's key: its object's path, or the envelope at the root.
    private var place: String {
        let path = path
        return path.isEmpty ? "the envelope" : path
    }

    /// Numbers, booleans and null hold nothing to find: they are not visited.
    private static func holdsNothing(_ value: JSONValue) -> Bool {
        switch value {
        case .null, .bool, .number: true
        case .string, .array, .object: false
        }
    }

    mutating func visit(_ value: JSONValue, schema: PayloadSchema) {
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
            for (index, item) in items.enumerated() where !Self.holdsNothing(item) {
                trail.append(.index(index))
                visit(item, schema: itemSchema)
                trail.removeLast()
            }
        case .object(let object):
            for (key, member) in object.members {
                let memberSchema: PayloadSchema?
                switch schema {
                case .object(let members): memberSchema = members[key]
                case .unknown: memberSchema = .unknown
                case .value, .array: memberSchema = nil
                }
                if memberSchema == nil { undefined.append(place) }
                // A key the schema defines is flowgate's own word (a test checks none is identifying): only
                // the others need the word-by-word match, which keeps a 2 500-cell grid cheap.
                if memberSchema == nil || schema.isUnknown, let term = IdentifyingKey.match(key) {
                    identifying.append((term, place))
                }
                guard !Self.holdsNothing(member) else { continue }
                trail.append(.member(memberSchema == nil ? Self.undefinedName : key))
                visit(member, schema: memberSchema ?? .object([:]))
                trail.removeLast()
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
