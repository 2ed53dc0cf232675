import StrictJSON

/// The canonical JSON text of a record body: the compact text ``JSONWriter`` writes, with the members of every
/// object sorted by the UTF-8 bytes of their keys. The same body always gives the same bytes, whatever the
/// order it was built in, so anyone can re-derive a record's hash from its fields.
enum CanonicalJSON {
    static func text(_ object: JSONObject) -> String {
        JSONWriter.write(sorted(.object(object)))
    }

    static func sorted(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            let members = object.members
                .map { (key: $0.key, value: sorted($0.value)) }
                .sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            return .object(JSONObject(members))
        case .array(let items):
            return .array(items.map(sorted))
        default:
            return value
        }
    }
}
