import StrictJSON

/// Deep inspection of a whole message against its product's schema: keys the schema does not define, keys that
/// name identifying data, and strings that carry a blob, at any depth. Places are named by schema path; an
/// undefined key is never quoted (it is the sender's text), so what lies under it is `<undefined>`.
struct PayloadScanner {
    private(set) var undefined: [String] = []
    private(set) var identifying: [FoundAt<IdentificationClassifier.Match>] = []
    private(set) var blobs: [FoundAt<String>] = []
    private(set) var identifiers: [FoundAt<ValueIdentification>] = []
    /// Long lists of numbers under undefined members: their length and place.
    private(set) var vectors: [FoundAt<Int>] = []
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

    /// Visits a value. `free` is true under a member the schema does not define (or in an unknown product's
    /// content): there every string is searched for identifiers and identifying words, and a long list of
    /// numbers is an embedding.
    mutating func visit(_ value: JSONValue, schema: PayloadSchema, free: Bool = false) {
        switch value {
        case .string(let text):
            if let kind = EmbeddedBlob.kind(of: text) { blobs.append(FoundAt(kind, at: path)) }
            guard free else { return }
            if let identifier = IdentifierDetector.identifier(in: text) {
                identifiers.append(FoundAt(.identifier(identifier), at: path))
            } else if let match = IdentificationClassifier.match(text) {
                identifiers.append(FoundAt(.words(match), at: path))
            }
        case .array(let items):
            let itemSchema: PayloadSchema
            switch schema {
            case .array(let inner): itemSchema = inner
            case .unknown: itemSchema = .unknown
            case .value, .object: itemSchema = .object([:])  // nothing is defined in an unexpected array
            }
            if free, items.count > EmbeddedBlob.mostNumbersInText,
                items.filter({ $0.doubleValue != nil }).count > EmbeddedBlob.mostNumbersInText
            {
                vectors.append(FoundAt(items.count, at: path))
            }
            for (index, item) in items.enumerated() where !Self.holdsNothing(item) {
                trail.append(.index(index))
                visit(item, schema: itemSchema, free: free)
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
                if memberSchema == nil || schema.isUnknown, let match = IdentificationClassifier.match(key) {
                    identifying.append(FoundAt(match, at: place))
                }
                guard !Self.holdsNothing(member) else { continue }
                trail.append(.member(memberSchema == nil ? Self.undefinedName : key))
                visit(
                    member, schema: memberSchema ?? .object([:]),
                    free: free || memberSchema == nil || schema.isUnknown)
                trail.removeLast()
            }
        case .null, .bool, .number:
            break
        }
    }

    /// The findings, one per code, each with every distinct place it found (the words name up to three).
    var findings: [PayloadFinding] {
        var findings: [PayloadFinding] = []
        if !identifying.isEmpty {
            findings.append(PayloadFinding(.identifyingField, .identifyingKeys(Self.distinct(identifying))))
        }
        if !identifiers.isEmpty {
            findings.append(PayloadFinding(.identifierInValue, .identifiersInValues(Self.distinct(identifiers))))
        }
        if !vectors.isEmpty {
            findings.append(PayloadFinding(.embeddingVector, .embeddingVectors(Self.distinct(vectors))))
        }
        if !blobs.isEmpty {
            findings.append(PayloadFinding(.embeddedBlob, .embeddedBlobs(Self.distinct(blobs))))
        }
        if !undefined.isEmpty {
            findings.append(
                PayloadFinding(
                    .undefinedField, .undefinedKeys(count: undefined.count, places: Self.distinct(undefined)))
            )
        }
        return findings
    }

    /// Each item once, in the order first found: a grid of cells repeats the same place many times.
    static func distinct<Item: Hashable>(_ items: [Item]) -> [Item] {
        var seen = Set<Item>()
        return items.filter { seen.insert($0).inserted }
    }
}
