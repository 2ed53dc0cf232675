import StrictJSON

/// Writes JSON the way the Swiss authority's ED-318 files are laid out: tab indentation, CRLF line ends,
/// `"key" : value`, and each position on a line of its own (`[ 7.4355068, 46.9402526 ]`). The layout roughly
/// triples the size of compact JSON, and the size is what an import's speed is judged on.
enum ED318Layout {
    static func text(_ value: JSONValue) -> String {
        var out = ""
        write(value, depth: 0, into: &out)
        out += "\r\n"
        return out
    }

    private static func write(_ value: JSONValue, depth: Int, into out: inout String) {
        let inner = String(repeating: "\t", count: depth + 1)
        switch value {
        case .object(let object):
            out += "{\r\n"
            for (index, member) in object.members.enumerated() {
                out += inner + JSONWriter.write(.string(member.key)) + " : "
                write(member.value, depth: depth + 1, into: &out)
                out += index < object.members.count - 1 ? ",\r\n" : "\r\n"
            }
            out += String(repeating: "\t", count: depth) + "}"
        case .array(let items) where !items.isEmpty && items.allSatisfy({ $0.doubleValue != nil }):
            out += "[ " + items.map { JSONWriter.write($0) }.joined(separator: ", ") + " ]"
        case .array(let items):
            out += "[\r\n"
            for (index, item) in items.enumerated() {
                out += inner
                write(item, depth: depth + 1, into: &out)
                out += index < items.count - 1 ? ",\r\n" : "\r\n"
            }
            out += String(repeating: "\t", count: depth) + "]"
        default:
            out += JSONWriter.write(value)
        }
    }
}
