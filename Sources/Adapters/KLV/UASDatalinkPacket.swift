import Compliance

/// One MISB ST 0601 UAS Datalink Local Set packet: the 16-byte universal key, a BER length, then
/// tag-length-value items, the last being the checksum (tag 1, two bytes).
struct UASDatalinkPacket {
    /// The ST 0601 universal key (`06 0E 2B 34 02 0B 01 01 0E 01 03 01 01 00 00 00`).
    static let universalKey: [UInt8] = [
        0x06, 0x0E, 0x2B, 0x34, 0x02, 0x0B, 0x01, 0x01, 0x0E, 0x01, 0x03, 0x01, 0x01, 0x00, 0x00, 0x00,
    ]
    static let checksumTag = 1

    struct Item {
        var tag: Int
        var value: ArraySlice<UInt8>
    }

    var items: [Item]
    var storedChecksum: UInt16
    /// The checksum over the packet from the first key byte through the checksum's tag and length bytes.
    var computedChecksum: UInt16

    /// The packet's structure, without judging the checksum: for ``verified(_:)`` and for diagnostics.
    init(structureOf bytes: [UInt8]) throws(Rejection) {
        var reader = KLVReader(bytes)
        guard Array(try reader.take(16, what: "the universal key")) == Self.universalKey else {
            throw Rejection(.invalidField, field: "key", problem: "not the MISB ST 0601 UAS Datalink Local Set key")
        }
        let length = try reader.berLength()
        guard reader.offset + length == bytes.count else {
            throw Rejection(
                .invalidField, field: "length",
                problem: "BER length \(length) does not match the \(bytes.count - reader.offset) bytes that follow")
        }
        var items: [Item] = []
        var seen = Set<Int>()
        while !reader.isAtEnd {
            let tag = try reader.berOIDTag()
            let itemLength = try reader.berLength()
            let value = try reader.take(itemLength, what: "the value of tag \(tag)")
            guard seen.insert(tag).inserted else {
                throw Rejection(.invalidField, field: "tag \(tag)", problem: "appears twice in one packet")
            }
            items.append(Item(tag: tag, value: value))
        }
        guard let last = items.last, last.tag == Self.checksumTag, last.value.count == 2 else {
            throw Rejection(
                .invalidField, field: "tag 1", problem: "the packet must end with the two-byte checksum item (tag 1)")
        }
        self.items = items
        storedChecksum = UInt16(last.value.bigEndianUnsigned)
        computedChecksum = Self.checksum(bytes.dropLast(2))
    }

    /// The packet, with its checksum verified.
    /// - Throws: a ``Rejection`` for a malformed packet or a checksum that does not match.
    static func verified(_ bytes: [UInt8]) throws(Rejection) -> UASDatalinkPacket {
        let packet = try UASDatalinkPacket(structureOf: bytes)
        guard packet.storedChecksum == packet.computedChecksum else {
            throw Rejection(
                .invalidField, field: "tag 1",
                problem: "checksum mismatch: the packet says \(hex(packet.storedChecksum)), its bytes sum to "
                    + "\(hex(packet.computedChecksum))")
        }
        return packet
    }

    /// ST 0601's checksum: the 16-bit running sum of the bytes taken as big-endian pairs (even offsets are the
    /// high byte). It is what the standard's sample code computes, and what the sample packets verify against;
    /// despite its name in some summaries it is not a CRC.
    static func checksum(_ bytes: some Collection<UInt8>) -> UInt16 {
        var sum: UInt16 = 0
        for (index, byte) in bytes.enumerated() {
            sum &+= index % 2 == 0 ? UInt16(byte) << 8 : UInt16(byte)
        }
        return sum
    }

    static func hex(_ value: UInt16) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: 4 - digits.count) + digits
    }
}
