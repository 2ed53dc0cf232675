/// A strict JSON parser (RFC 8259) for input that comes from outside: drones, zone files, query lines.
///
/// Stricter than Foundation's on purpose: duplicate object keys (a classic way to smuggle a second value
/// past a validator), numbers that overflow a `Double`, nesting deeper than a limit, invalid UTF-8 and
/// trailing text are all refused, with the byte offset, line and column of the problem.
public struct JSONParser {
    public struct Limits: Sendable {
        /// Deepest nesting of arrays and objects.
        public var maximumDepth: Int

        public init(maximumDepth: Int = 64) {
            self.maximumDepth = maximumDepth
        }
    }

    /// Parses one complete JSON text.
    public static func parse(_ bytes: some Collection<UInt8>, limits: Limits = Limits()) throws(JSONParseError)
        -> JSONValue
    {
        let array = Array(bytes)
        return try array.withUnsafeBufferPointer { (buffer) throws(JSONParseError) -> JSONValue in
            var parser = Cursor(bytes: buffer, limits: limits)
            parser.skipWhitespace()
            let value = try parser.parseValue(depth: 0)
            parser.skipWhitespace()
            guard parser.index == buffer.count else { throw parser.error("unexpected text after the JSON value") }
            return value
        }
    }

    public static func parse(_ text: String, limits: Limits = Limits()) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8), limits: limits)
    }
}

/// Where and why a JSON text was refused.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var offset: Int
    public var line: Int
    public var column: Int
    public var problem: String

    public var description: String { "line \(line), column \(column): \(problem)" }
}

extension JSONParseError {
    /// The same problem with line and column worked out for its offset.
    fileprivate func located(in cursor: Cursor) -> JSONParseError {
        cursor.error(problem, at: offset)
    }
}

private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    let limits: JSONParser.Limits
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>, limits: JSONParser.Limits) {
        self.bytes = bytes
        self.limits = limits
    }

    func error(_ problem: String, at position: Int? = nil) -> JSONParseError {
        let offset = min(position ?? index, bytes.count)
        var line = 1, column = 1
        for b in bytes[0..<offset] {
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
        }
        return JSONParseError(offset: offset, line: line, column: column, problem: problem)
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard index < bytes.count else { throw error("unexpected end of input, expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("unexpected character '\(Character(UnicodeScalar(bytes[index])))', expected a value")
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: count)
        guard index + count <= bytes.count, (0..<count).allSatisfy({ bytes[index + $0] == expected[$0] }) else {
            throw error("invalid literal, expected '\(word)'")
        }
        index += count
    }

    mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= limits.maximumDepth else { throw error("nesting deeper than \(limits.maximumDepth) levels") }
        index += 1
        var members: [(key: String, value: JSONValue)] = []
        // Keys seen, hashed only for large objects: a telemetry object has a handful of members, and comparing
        // with each costs less than hashing every key into a set.
        var seen = Set<String>()
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(JSONObject(members))
        }
        // Room for a typical object at once, instead of regrowing at 1, 2 and 4 members.
        members.reserveCapacity(8)
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw error("expected a member name in double quotes")
            }
            let keyStart = index
            let key = try parseString()
            let duplicate =
                members.count < Cursor.linearKeyCheck
                ? members.contains { $0.key == key } : !seen.insert(key).inserted
            guard !duplicate else { throw error("duplicate key '\(key)'", at: keyStart) }
            if members.count == Cursor.linearKeyCheck - 1 { seen = Set(members.map(\.key) + [key]) }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after key") }
            index += 1
            skipWhitespace()
            members.append((key, try parseValue(depth: depth)))
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input inside an object") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "}") else { throw error("expected ',' or '}' in an object") }
            index += 1
            return .object(JSONObject(members))
        }
    }

    mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= limits.maximumDepth else { throw error("nesting deeper than \(limits.maximumDepth) levels") }
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue(depth: depth))
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input inside an array") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "]") else { throw error("expected ',' or ']' in an array") }
            index += 1
            return .array(items)
        }
    }

    /// Objects with fewer members than this find duplicate keys by comparison, larger ones with a set.
    static var linearKeyCheck: Int { 16 }

    mutating func parseString() throws(JSONParseError) -> String {
        let start = index
        index += 1
        var scratch: [UInt8] = []
        var chunkStart = index
        var escaped = false
        while true {
            guard index < bytes.count else { throw error("unterminated string", at: start) }
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                // Without escapes the text is the bytes as they are: validated in place, not copied first.
                if !escaped {
                    let chunk = UnsafeBufferPointer(rebasing: bytes[chunkStart..<index])
                    // ASCII is valid UTF-8 as it is: the generic validation costs more than the whole string.
                    let text =
                        chunk.allSatisfy { $0 < 0x80 }
                        ? String(decoding: chunk, as: UTF8.self) : String(validating: chunk, as: UTF8.self)
                    guard let text else { throw error("string is not valid UTF-8", at: start) }
                    index += 1
                    return text
                }
                break
            } else if b == UInt8(ascii: "\\") {
                escaped = true
                scratch.append(contentsOf: bytes[chunkStart..<index])
                try parseEscape(into: &scratch)
                chunkStart = index
            } else if b < 0x20 {
                throw error("control character in a string; escape it")
            } else {
                index += 1
            }
        }
        scratch.append(contentsOf: bytes[chunkStart..<index])
        index += 1
        guard let text = String(validating: scratch, as: UTF8.self) else {
            throw error("string is not valid UTF-8", at: start)
        }
        return text
    }

    mutating func parseEscape(into out: inout [UInt8]) throws(JSONParseError) {
        // Errors point at the backslash, where the bad escape starts.
        let escapeStart = index
        do {
            try parseEscapeBody(into: &out)
        } catch {
            throw JSONParseError(offset: escapeStart, line: 0, column: 0, problem: error.problem).located(in: self)
        }
    }

    mutating func parseEscapeBody(into out: inout [UInt8]) throws(JSONParseError) {
        index += 1
        guard index < bytes.count else { throw error("unterminated escape") }
        let c = bytes[index]
        index += 1
        switch c {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { throw error("lone high surrogate in \\u escape") }
                index += 2
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw error("invalid low surrogate in \\u escape") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw error("lone low surrogate in \\u escape")
            }
            out.append(contentsOf: Array(String(UnicodeScalar(scalar)!).utf8))
        default: throw error("invalid escape '\\\(Character(UnicodeScalar(c)))'")
        }
    }

    mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("\\u needs four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - 0x30)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - 0x61 + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - 0x41 + 10)
            default: throw error("\\u needs four hex digits")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    /// See ``JSONNumberGrammar``.
    mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
        do {
            return try JSONNumberGrammar.scan(bytes, &index)
        } catch {
            throw self.error(error.problem, at: error.offset)
        }
    }
}
