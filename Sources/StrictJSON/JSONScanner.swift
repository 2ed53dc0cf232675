/// A forward-only reader over JSON bytes, for decoders of a fixed schema that should not build a tree for every
/// message. It reads only the plain, common form: every method answers `nil` or `false` for anything else
/// (an escape in a string, a character outside ASCII, a syntax error), and the caller then falls back to
/// ``JSONParser``, whose answer and errors are the reference. What it accepts, it reads exactly as the parser
/// does (the same number grammar and values).
public struct JSONScanner {
    public let bytes: UnsafeBufferPointer<UInt8>
    public internal(set) var index = 0

    public init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// True when only whitespace is left.
    public mutating func atEnd() -> Bool {
        skipWhitespace()
        return index == bytes.count
    }

    /// Skips whitespace and takes `byte` if it comes next.
    public mutating func take(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// A member name and its colon: the name's bytes, printable ASCII without escapes.
    public mutating func key() -> UnsafeBufferPointer<UInt8>? {
        guard let name = asciiString(), take(UInt8(ascii: ":")) else { return nil }
        return name
    }

    /// Takes the member name `expected` (a plain name) and its colon if they come next, written as they are,
    /// without an escape: for a decoder that knows which member usually comes next. `false`, and nothing but
    /// whitespace taken, otherwise.
    public mutating func key(_ expected: StaticString) -> Bool {
        skipWhitespace()
        let start = index
        let count = expected.utf8CodeUnitCount
        guard start + count + 2 <= bytes.count, bytes[start] == UInt8(ascii: "\""),
            bytes[start + count + 1] == UInt8(ascii: "\"")
        else { return false }
        let name = expected.utf8Start
        for offset in 0..<count where bytes[start + 1 + offset] != name[offset] { return false }
        index = start + count + 2
        guard take(UInt8(ascii: ":")) else {
            index = start
            return false
        }
        return true
    }

    /// A string of printable ASCII without escapes, as its bytes between the quotes (valid UTF-8 as they are).
    public mutating func asciiString() -> UnsafeBufferPointer<UInt8>? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                return UnsafeBufferPointer(rebasing: bytes[start..<index - 1])
            }
            guard b >= 0x20, b < 0x7F, b != UInt8(ascii: "\\") else { return nil }
            index += 1
        }
        return nil
    }

    /// A number, read by the parser's grammar (the plain ones without it, to the very same value).
    public mutating func number() -> JSONNumber? {
        skipWhitespace()
        if let plain = plainNumber() { return plain }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "-") || (bytes[index] >= 0x30 && bytes[index] <= 0x39)
        else { return nil }
        return try? JSONNumberGrammar.scan(bytes, &index)
    }

    /// Whether `name` (from ``key()``) is `expected`.
    public static func matches(_ name: UnsafeBufferPointer<UInt8>, _ expected: StaticString) -> Bool {
        guard name.count == expected.utf8CodeUnitCount else { return false }
        let other = expected.utf8Start
        for i in 0..<name.count where name[i] != other[i] { return false }
        return true
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }
}
