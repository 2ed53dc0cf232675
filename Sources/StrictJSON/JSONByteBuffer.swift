/// The bytes a ``JSONObjectWriter`` writes: a growable buffer that checks once per writer call, not once per
/// byte, that it is the only one to use its storage.
///
/// JSON is written in pieces of one to a dozen bytes, and an array checks on every append that it is uniquely
/// referenced (a runtime call) and has room: for a forwarded 500-cell flow grid, some 17,000 pieces, those checks
/// cost more than choosing the bytes. Here a writer call first makes the storage its own (``prepare()``), and
/// each piece then only checks for room. Moved, never copied, between a writer and the nested writers it makes.
struct JSONByteBuffer: JSONByteSink {
    /// Bytes allocated once and freed with the last buffer that holds them.
    private final class Storage {
        let bytes: UnsafeMutablePointer<UInt8>
        let capacity: Int

        init(capacity: Int) {
            self.capacity = max(capacity, 16)
            bytes = .allocate(capacity: self.capacity)
        }

        deinit { bytes.deallocate() }
    }

    /// `nil` while a nested writer holds the bytes.
    private var storage: Storage?
    private var count = 0

    init(capacity: Int) {
        storage = Storage(capacity: capacity)
    }

    /// Takes over `other`'s bytes, leaving it empty until ``handBack(to:)``: for a nested object or array.
    init(taking other: inout JSONByteBuffer) {
        swap(&storage, &other.storage)
        count = other.count
        other.count = 0
    }

    /// Gives the bytes, with everything written here, back to the buffer they were taken from.
    mutating func handBack(to other: inout JSONByteBuffer) {
        swap(&storage, &other.storage)
        other.count = count
        count = 0
    }

    /// Makes the storage this buffer's alone before a writer call writes: a copy of a writer shares it until one
    /// of the two writes, and then gets bytes of its own.
    mutating func prepare() {
        if !isKnownUniquelyReferenced(&storage) { grow(minimum: count) }
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(minimum: count + 1) }
        storage.unsafelyUnwrapped.bytes[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        if bytes.count > capacity - count { grow(minimum: count + bytes.count) }
        let start = storage.unsafelyUnwrapped.bytes + count
        // Byte by byte: the pieces are a key or a few digits, shorter than a call to copy memory is worth.
        for index in bytes.indices { start[index] = bytes[index] }
        count += bytes.count
    }

    /// `,"name":` (the comma when asked) for a name that needs no escape (``JSONWriter``'s rule), copied and
    /// checked in one pass; `false`, and nothing written, for a name that needs one.
    mutating func appendPlainKey(_ name: UnsafeBufferPointer<UInt8>, comma: Bool) -> Bool {
        if name.count + 4 > capacity - count { grow(minimum: count + name.count + 4) }
        let out = storage.unsafelyUnwrapped.bytes + count
        var written = 0
        if comma {
            out[0] = UInt8(ascii: ",")
            written = 1
        }
        out[written] = UInt8(ascii: "\"")
        written += 1
        for byte in name {
            guard byte >= 0x20, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") else { return false }
            out[written] = byte
            written += 1
        }
        out[written] = UInt8(ascii: "\"")
        out[written + 1] = UInt8(ascii: ":")
        count += written + 2
        return true
    }

    /// Everything written, in order, without a copy: for a buffer written out and then written again.
    func withUnsafeBytes<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        try body(UnsafeBufferPointer(start: storage?.bytes, count: count))
    }

    /// Forgets what was written and keeps the storage, so that the next bytes go to memory already in use.
    mutating func removeAll() {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(capacity: capacity) }
        count = 0
    }

    /// Everything written, in order.
    func bytes() -> [UInt8] {
        guard let storage else { return [] }
        return Array(UnsafeBufferPointer(start: storage.bytes, count: count))
    }

    private var capacity: Int { storage?.capacity ?? 0 }

    /// New storage of its own with room for `minimum` bytes (twice as much as before, to grow in few steps).
    @inline(never)
    private mutating func grow(minimum: Int) {
        let grown = Storage(capacity: max(minimum, 2 * capacity))
        if let storage { grown.bytes.update(from: storage.bytes, count: count) }
        storage = grown
    }
}
