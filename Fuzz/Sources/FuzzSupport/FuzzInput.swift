/// How a fuzz input is cut up: a target that needs more than one byte string (a topic and a payload, a
/// sequence of messages, the three files of a bundle) reads them from one input in this framing, so that the
/// seeds stay readable and libFuzzer's mutations can move bytes between the parts.
///
/// - Parts are separated by a line holding only `%%` (`"\n%%\n"`), which valid JSON cannot contain (a raw
///   line break is not allowed inside a string, `%` not outside one).
/// - A message is its topic on the first line, then its payload (every byte after the first `"\n"`).
public enum FuzzInput {
    public static let separator: [UInt8] = Array("\n%%\n".utf8)

    /// The bytes libFuzzer hands over, copied into an array as MQTT and file reads deliver them.
    public static func bytes(_ start: UnsafeRawPointer?, _ count: Int) -> [UInt8] {
        guard let start, count > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: start, count: count))
    }

    /// The parts of `bytes`, in order; one part when there is no separator.
    public static func parts(_ bytes: [UInt8], limit: Int = .max) -> [[UInt8]] {
        var parts: [[UInt8]] = []
        var start = 0
        var index = 0
        while index + separator.count <= bytes.count, parts.count < limit - 1 {
            if bytes[index..<index + separator.count].elementsEqual(separator) {
                parts.append(Array(bytes[start..<index]))
                index += separator.count
                start = index
            } else {
                index += 1
            }
        }
        parts.append(Array(bytes[start...]))
        return parts
    }

    /// A topic line and its payload; the whole part is the payload of an empty topic when it has no line break.
    public static func message(_ part: [UInt8]) -> (topic: String, payload: [UInt8]) {
        guard let newline = part.firstIndex(of: 0x0A) else { return ("", part) }
        return (String(decoding: part[..<newline], as: UTF8.self), Array(part[(newline + 1)...]))
    }

    /// The topic's levels, as MQTT separates them.
    public static func levels(_ topic: String) -> [String] {
        topic.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    }
}
