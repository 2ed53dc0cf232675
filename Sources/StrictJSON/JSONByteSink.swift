/// Where the writers put their bytes: an array (``JSONWriter/bytes(_:)``), or the ``JSONByteBuffer`` of a
/// ``JSONObjectWriter``.
protocol JSONByteSink {
    mutating func append(_ byte: UInt8)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>)
}

extension JSONByteSink {
    /// A fixed piece of text: `null`, `true`, `\u00`.
    mutating func append(ascii text: StaticString) {
        text.withUTF8Buffer { append(contentsOf: $0) }
    }
}

extension Array: JSONByteSink where Element == UInt8 {}
