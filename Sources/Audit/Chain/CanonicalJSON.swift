import StrictJSON

/// The canonical JSON text of a record body: the compact text ``JSONWriter`` writes, with the members of every
/// object sorted by the UTF-8 bytes of their keys. The same body always gives the same bytes, whatever the
/// order it was built in, so anyone can re-derive a record's hash from its fields.
///
/// Writes the structure itself, straight into bytes, and sorts an object's members only when they are not in
/// order already (the builders write them in order): the writer encodes every record, and rebuilding each body
/// sorted before encoding it cost more than the insert. Numbers, literals and strings that need escaping are
/// written by ``JSONWriter``, so the rules for those stay in one place.
enum CanonicalJSON {
    static func text(_ object: JSONObject) -> String {
        String(decoding: bytes(object), as: UTF8.self)
    }

    static func bytes(_ object: JSONObject) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(.object(object), into: &out)
        return out
    }

    private static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .string(let text):
            JSONText.appendString(text, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            let members = object.members
            let ordered = isOrdered(members) ? members : members.sorted { precedes($0.key, $1.key) }
            for (index, member) in ordered.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONText.appendString(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                write(member.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .null, .bool, .number:
            JSONWriter.write(value, into: &out)
        }
    }

    private static func isOrdered(_ members: [(key: String, value: JSONValue)]) -> Bool {
        var index = 1
        while index < members.count {
            guard precedes(members[index - 1].key, members[index].key) else { return false }
            index += 1
        }
        return true
    }

    private static func precedes(_ left: String, _ right: String) -> Bool {
        left.utf8.lexicographicallyPrecedes(right.utf8)
    }
}

/// Pieces of JSON text appended to a byte buffer, for the texts the writer builds for every record.
enum JSONText {
    /// A JSON string. Text without quotes, backslashes or control characters (nearly all of it: names, codes,
    /// hex digests) is copied as it is; anything else is escaped by ``JSONWriter``.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        let copied =
            text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
                for byte in bytes where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    return false
                }
                out.append(UInt8(ascii: "\""))
                out.append(contentsOf: bytes)
                out.append(UInt8(ascii: "\""))
                return true
            } ?? false
        if !copied { out.append(contentsOf: JSONWriter.bytes(.string(text))) }
    }

    /// Lowercase hex of `bytes`, as a JSON string.
    static func appendHexString(_ bytes: some Sequence<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        Hex.append(bytes, to: &out)
        out.append(UInt8(ascii: "\""))
    }
}
