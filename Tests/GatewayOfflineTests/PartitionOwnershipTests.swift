import Compliance
import Foundation
import Gateway
import Testing

/// The ownership protocol's pure parts: who owns each partition among the live members, the members one instance
/// counts alive, and the hand-over as it travels.
@Suite struct PartitionOwnershipTests {
    static let a = MemberPresence(instance: "gw-a", preferred: [0, 1, 2, 3])
    static let b = MemberPresence(instance: "gw-b", preferred: [4, 5, 6, 7])
    static let c = MemberPresence(instance: "gw-c", preferred: [])

    @Test func everyPartitionHasExactlyOneOwnerAndPreferencesHold() {
        let owners = PartitionOwnership.owners(partitions: 8, members: [Self.a, Self.b, Self.c])
        #expect(owners.count == 8)
        #expect((0..<4).allSatisfy { owners[$0] == "gw-a" })
        #expect((4..<8).allSatisfy { owners[$0] == "gw-b" })
        #expect(PartitionOwnership.owners(partitions: 8, members: []).isEmpty)
        // The same members in any order: the same owners (every instance computes the same).
        #expect(PartitionOwnership.owners(partitions: 8, members: [Self.c, Self.b, Self.a]) == owners)
    }

    @Test func aDeadInstancesPartitionsSpreadOverTheSurvivorsAndNothingElseMoves() {
        let partitions = 64
        let noPreference = (0..<5).map { MemberPresence(instance: "gw-\($0)", preferred: []) }
        let before = PartitionOwnership.owners(partitions: partitions, members: noPreference)
        let after = PartitionOwnership.owners(
            partitions: partitions, members: noPreference.filter { $0.instance != "gw-2" })
        for partition in 0..<partitions where before[partition] != "gw-2" {
            #expect(after[partition] == before[partition], "partition \(partition) moved off a live instance")
        }
        let inherited = Set((0..<partitions).filter { before[$0] == "gw-2" }.compactMap { after[$0] })
        #expect(inherited.count >= 2, "the dead instance's partitions spread: \(inherited)")
        let load = Dictionary(grouping: before.values, by: { $0 }).mapValues(\.count)
        #expect(load.count == 5 && load.values.allSatisfy { $0 >= 5 }, "rendezvous spreads 64 over 5: \(load)")
    }

    @Test func aPreferredPartitionGoesToAnotherWhileItsInstanceIsDownAndComesBack() {
        let alone = PartitionOwnership.owned(by: "gw-b", partitions: 8, members: [Self.b])
        #expect(alone == Set(0..<8))
        #expect(PartitionOwnership.owned(by: "gw-b", partitions: 8, members: [Self.a, Self.b]) == [4, 5, 6, 7])
    }

    @Test func aPresenceCountsWithinItsLeaseAndNotAfterOrAfterItsWill() {
        var view = MembershipView(lease: .seconds(2))
        let start = ContinuousClock.now
        view.heard(Self.a, at: start)
        view.heard(Self.b, at: start + .seconds(1))
        #expect(view.live(at: start + .seconds(2)).map(\.instance) == ["gw-a", "gw-b"])
        #expect(view.live(at: start + .milliseconds(2_001)).map(\.instance) == ["gw-b"])
        view.heard(Self.a, at: start + .seconds(3))
        #expect(view.live(at: start + .milliseconds(3_001)).map(\.instance) == ["gw-a"])
        view.left("gw-a")
        #expect(view.live(at: start + .milliseconds(3_001)).isEmpty)
    }

    @Test func aHandOverTravelsWhole() throws {
        let handover = PartitionHandover(
            instance: "gw-a", partition: 3,
            suspensions: [
                PartitionHandover.SuspendedStream(
                    StreamKey(drone: "D2", stream: "cam2"),
                    Suspension(
                        since: Date(timeIntervalSince1970: 1_800_000_000), codes: [.payload(.identificationProduct)],
                        product: nil))
            ],
            drones: [
                "D2": DroneHandover(
                    seq: 77, fixTime: 1_800_000_000.25, receivedAt: 1_800_000_000.5, latitude: 52.5163,
                    longitude: 13.3777, mission: "M-1", breaches: ["in_no_fly"], noCapture: ["nc-embassy"],
                    heightAboveGround: 60)
            ])
        let read = try PartitionHandover.decoded(handover.encoded())
        #expect(read == handover)
        #expect(read.suspensions.first?.suspension.codes == [.payload(.identificationProduct)])
        #expect(throws: (any Error).self) { try PartitionHandover.decoded(Array(#"{"instance":"x"}"#.utf8)) }
    }

    @Test func ofTwoNamesakesTheLaterStartedYieldsAndExactlyOneDoes() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let early = MemberPresence(instance: "gw-a", preferred: [], incarnation: "b1", started: start)
        let late = MemberPresence(instance: "gw-a", preferred: [], incarnation: "a9", started: start + 0.001)
        #expect(early.startedBefore(late) && !late.startedBefore(early))
        // Same instant: the incarnation decides, one way only.
        let twin = MemberPresence(instance: "gw-a", preferred: [], incarnation: "a0", started: start)
        #expect(twin.startedBefore(early) && !early.startedBefore(twin))
        // A run that does not say when it started (an older version) counts as the earlier one.
        let silent = MemberPresence(instance: "gw-a", preferred: [])
        #expect(silent.startedBefore(early) && !early.startedBefore(silent))
    }
}
