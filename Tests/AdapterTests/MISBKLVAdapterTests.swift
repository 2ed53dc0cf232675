import Compliance
import Foundation
import Geo
import Testing

@testable import Adapters

@Suite("MISB ST 0601 KLV packets")
struct MISBKLVAdapterTests {
    let adapter = MISBKLVAdapter()

    func geometry(_ bytes: [UInt8]) throws -> KLVSensorMetadata {
        guard case .sensor(let geometry) = try adapter.decode(bytes) else {
            Issue.record("expected sensor geometry")
            return KLVSensorMetadata()
        }
        return geometry
    }

    @Test("the dynamic-only sample: checksum verified, mapped integers converted to degrees and metres")
    func dynamicOnly() throws {
        let bytes = try Samples.bytes("klv/DynamicOnlyMISMMSPacketData.bin")
        let packet = try UASDatalinkPacket.verified(bytes)
        #expect(packet.storedChecksum == 0xC850)
        let sensor = try geometry(bytes)
        #expect(RFC3339.format(try #require(sensor.time)) == "2009-01-12T22:08:22.000Z")
        #expect(abs(try #require(sensor.horizontalFOVDegrees) - 144.5713) < 1e-4)  // 10 02 CD 9C
        #expect(abs(try #require(sensor.verticalFOVDegrees) - 152.6436) < 1e-4)  // 11 02 D9 17
        #expect(abs(try #require(sensor.slantRangeMetres) - 68_590.98) < 0.01)  // 15 04 03 83 09 26
        #expect(abs(try #require(sensor.targetWidthMetres) - 722.8199) < 1e-4)  // 16 02 12 81
        let position = try #require(sensor.sensorPosition)
        #expect(abs(position.latitude - 60.176822967) < 1e-8)
        #expect(abs(position.longitude - 128.426759042) < 1e-8)
        #expect(abs(try #require(sensor.sensorAltitudeAMSL) - 14_190.72) < 0.01)
        let centre = try #require(sensor.frameCentre)
        #expect(abs(centre.latitude - (-10.542388633)) < 1e-8)
        #expect(abs(centre.longitude - 29.157890122) < 1e-8)
        #expect(abs(try #require(sensor.frameCentreElevationAMSL) - 3_216.037) < 0.001)
        // asin((14190.72 - 3216.04) / 68590.98)
        #expect(abs(try #require(sensor.depressionDegrees) - 9.2068) < 1e-3)
    }

    @Test("the dynamic-and-constant sample: its stated checksum does not verify, so it is refused")
    func dynamicConstantChecksum() throws {
        let bytes = try Samples.bytes("klv/DynamicConstantMISMMSPacketData.bin")
        let refused = try #require(rejection { () throws(Rejection) in try adapter.decode(bytes) })
        #expect(refused.field == "tag 1")
        #expect(refused.problem == "checksum mismatch: the packet says 0xAA43, its bytes sum to 0x3E1E")
    }

    @Test("the dynamic-and-constant sample's items decode to the same geometry (structure read without the checksum)")
    func dynamicConstantValues() throws {
        let bytes = try Samples.bytes("klv/DynamicConstantMISMMSPacketData.bin")
        let packet = try UASDatalinkPacket(structureOf: bytes)
        #expect(
            packet.items.map(\.tag) == [
                2, 3, 5, 6, 7, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 48, 65, 94, 1,
            ])
        #expect(String(decoding: try #require(packet.items.first { $0.tag == 3 }).value, as: UTF8.self) == "Mission 12")
        guard case .sensor(let sensor) = try MISBKLVAdapter.outcome(of: packet) else {
            Issue.record("expected sensor geometry")
            return
        }
        #expect(abs(try #require(sensor.horizontalFOVDegrees) - 144.5713) < 1e-4)
        #expect(abs(try #require(sensor.slantRangeMetres) - 68_590.98) < 0.01)
    }

    /// A packet from items, with the length and checksum computed.
    static func packet(_ items: [[UInt8]], checksumDelta: UInt16 = 0) -> [UInt8] {
        let body: [UInt8] = items.flatMap { $0 } + [0x01, 0x02]
        var bytes: [UInt8] = UASDatalinkPacket.universalKey + Self.berLength(body.count + 2) + body
        let sum = UASDatalinkPacket.checksum(bytes) &+ checksumDelta
        bytes += [UInt8(sum >> 8), UInt8(sum & 0xFF)]
        return bytes
    }

    static func berLength(_ length: Int) -> [UInt8] {
        length < 128 ? [UInt8(length)] : [0x81, UInt8(length)]
    }

    static let hfov: [UInt8] = [0x10, 0x02, 0xCD, 0x9C]

    @Test("a hand-made packet with a long-form length and a sensor latitude at its out-of-range indicator")
    func handMade() throws {
        let padding = [UInt8](repeating: 0x41, count: 130)  // tag 3, mission id, long enough for a long-form length
        let bytes = Self.packet([
            Self.hfov, [0x03, 0x81, 130] + padding, [0x0D, 0x04, 0x80, 0, 0, 0], [0x0E, 0x04, 0, 0, 0, 0],
        ])
        #expect(bytes[16] == 0x81)
        let sensor = try geometry(bytes)
        #expect(abs(try #require(sensor.horizontalFOVDegrees) - 144.5713) < 1e-4)
        #expect(sensor.sensorPosition == nil)
        #expect(sensor.time == nil)
        #expect(sensor.depressionDegrees == nil)
    }

    @Test("VMTI (tag 74) and target id (tag 129, a two-byte BER-OID tag) are identification: blocked")
    func identification() throws {
        #expect(try adapter.decode(Self.packet([Self.hfov, [0x4A, 0x02, 0x01, 0x02]])) == .identification(tags: [74]))
        #expect(try adapter.decode(Self.packet([[0x81, 0x01, 0x01, 0x41]])) == .identification(tags: [129]))
    }

    func refusal(_ bytes: [UInt8]) -> Rejection? {
        rejection { () throws(Rejection) in try adapter.decode(bytes) }
    }

    @Test("refusals: bad checksum, truncated BER length, truncated value, wrong key, wrong size, undefined tag")
    func refusals() {
        #expect(refusal(Self.packet([Self.hfov], checksumDelta: 1))?.problem.hasPrefix("checksum mismatch") == true)
        let good = Self.packet([Self.hfov])
        #expect(refusal(Array(good.prefix(16)) + [0x82, 0x01])?.problem.contains("truncated") == true)
        #expect(refusal(Array(good.dropLast(3)))?.field == "length")
        var key = good
        key[15] = 0x01
        #expect(refusal(key)?.field == "key")
        #expect(refusal(Self.packet([[0x10, 0x03, 0xCD, 0x9C, 0x00]]))?.field == "tag 16")
        #expect(refusal(Self.packet([[0x81, 0x7F, 0x01, 0x00]]))?.field == "tag 255")
        #expect(refusal(Self.packet([Self.hfov, Self.hfov]))?.problem == "appears twice in one packet")
        #expect(
            refusal(UASDatalinkPacket.universalKey + [0x85, 1, 1, 1, 1, 1])?.problem.contains("length bytes") == true)
        let large = MISBKLVAdapter(maximumBytes: 20)
        #expect(rejection { () throws(Rejection) in try large.decode(good) }?.code == .messageTooLarge)
    }
}
