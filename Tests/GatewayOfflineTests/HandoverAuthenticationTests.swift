import Compliance
import Foundation
import Gateway
import Testing

/// Hand-overs travel on the drones' broker: with the cluster's key, only those the instances wrote are applied.
@Suite struct HandoverAuthenticationTests {
    static let key = try! HandoverKey(hex: String(repeating: "5a", count: 32))
    static let otherKey = try! HandoverKey(hex: String(repeating: "5b", count: 32))

    static func handover(seq: UInt64 = 77) -> PartitionHandover {
        PartitionHandover(
            instance: "gw-a", partition: 3, suspensions: [],
            drones: [
                "D2": DroneHandover(
                    seq: seq, fixTime: 1_800_000_000.25, receivedAt: 1_800_000_000.5, latitude: 52.5163,
                    longitude: 13.3777, mission: "M-1", breaches: [], noCapture: [], heightAboveGround: 60)
            ])
    }

    @Test func aSignedHandOverIsAuthenticAfterTheWireAndNothingElseIs() throws {
        let signed = Self.handover().signed(with: Self.key, issued: Date(timeIntervalSince1970: 1_800_000_001))
        #expect(signed.issued == 1_800_000_001)
        // As the next owner reads it: decoded from the retained message's bytes.
        let read = try PartitionHandover.decoded(signed.encoded())
        #expect(read.isAuthentic(with: Self.key))
        #expect(!read.isAuthentic(with: Self.otherKey))
        #expect(!Self.handover().isAuthentic(with: Self.key), "an unsigned hand-over")
        // Any change to what was signed: a drone's seq moved ahead, the issue time, the partition.
        var forged = read
        forged.drones["D2"]?.seq = 1_000_000
        #expect(!forged.isAuthentic(with: Self.key))
        forged = read
        forged.issued = 1_800_000_999
        #expect(!forged.isAuthentic(with: Self.key))
        forged = read
        forged.partition = 4
        #expect(!forged.isAuthentic(with: Self.key))
        forged = read
        forged.mac = "zz"
        #expect(!forged.isAuthentic(with: Self.key))
    }

    @Test func aKeyIsHexOfAtLeast32Bytes() {
        #expect(throws: HandoverKeyError.tooShort(16)) { try HandoverKey(hex: String(repeating: "ab", count: 16)) }
        #expect(throws: HandoverKeyError.notHex) { try HandoverKey(hex: String(repeating: "xy", count: 32)) }
        #expect(throws: HandoverKeyError.notHex) { try HandoverKey(hex: String(repeating: "a", count: 65)) }
        // The newline `openssl rand -hex 32 > FILE` writes is not part of the key.
        #expect(
            (try? HandoverKey(hex: String(repeating: "5A", count: 32) + "\n")) == Self.key)
    }
}
