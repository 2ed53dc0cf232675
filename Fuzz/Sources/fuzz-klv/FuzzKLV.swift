import Adapters
import FuzzSupport

/// The MISB ST 0601 KLV adapter: universal key, BER lengths, the local set's items, the checksum and the mapped
/// integer encodings.
///
/// Input: one packet. It is decoded as it is, and a second time with its checksum made right when it ends in a
/// checksum item (tag 1, length 2), so that the fuzzer gets past the checksum to the items.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKLV(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    var packet = FuzzInput.bytes(start, count)
    let adapter = MISBKLVAdapter()
    _ = try? adapter.decode(packet)
    let end = packet.count
    guard end >= 4, packet[end - 4] == 0x01, packet[end - 3] == 0x02 else { return 0 }
    // ST 0601: the 16-bit sum of every byte from the key through the checksum's length, even offsets high.
    var sum: UInt16 = 0
    for (offset, byte) in packet[..<(end - 2)].enumerated() { sum &+= UInt16(byte) << (offset % 2 == 0 ? 8 : 0) }
    packet[end - 2] = UInt8(sum >> 8)
    packet[end - 1] = UInt8(sum & 0xFF)
    _ = try? adapter.decode(packet)
    return 0
}
