import Foundation
import Testing

@testable import Simulation

/// The clock the demo's gateway reads never runs past the oldest message the publisher has not yet published.
@Suite struct PublishingWatermarkTests {
    static let start = Date(timeIntervalSince1970: 1_795_870_800)

    static func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    @Test func holdsTheClockToTheOldestUnpublishedMessage() {
        let watermark = PublishingWatermark()
        // Nothing scheduled yet: the clock runs free.
        #expect(watermark.limit(Self.at(5)) == Self.at(5))
        // Waiting for a message due at 10 s: before it, the clock is the exercise clock; after it, held there.
        watermark.scheduling(Self.at(10))
        #expect(watermark.limit(Self.at(9)) == Self.at(9))
        #expect(watermark.limit(Self.at(12)) == Self.at(10))
        // Two drones' messages handed over, D2's older one still unpublished: held at D2's.
        watermark.handedOver(drone: "D1", time: Self.at(10))
        watermark.handedOver(drone: "D2", time: Self.at(8))
        watermark.scheduling(Self.at(20))
        #expect(watermark.limit(Self.at(30)) == Self.at(8))
        #expect(watermark.oldestPending == Self.at(8))
        watermark.published(drone: "D2")
        #expect(watermark.limit(Self.at(30)) == Self.at(10))
        watermark.published(drone: "D1")
        #expect(watermark.oldestPending == nil)
        #expect(watermark.limit(Self.at(30)) == Self.at(20))
        #expect(watermark.worstLag == 22)
    }

    /// A gateway that falls behind holds the clock too: a message published but not yet taken to be judged
    /// (waiting in the broker) still counts, so it is not judged late.
    @Test func waitsForTheGatewayToTakeWhatWasPublished() {
        let watermark = PublishingWatermark(waitsForTheGateway: true)
        for (drone, second) in [("D1", 1.0), ("D2", 2), ("D1", 3)] {
            watermark.handedOver(drone: drone, time: Self.at(second))
        }
        watermark.published(drone: "D1")
        watermark.published(drone: "D2")
        watermark.published(drone: "D1")
        watermark.scheduling(Self.at(60))
        // All published, none taken: the clock stays at the first.
        #expect(watermark.limit(Self.at(50)) == Self.at(1))
        #expect(watermark.oldestPending == Self.at(1))
        watermark.judging()
        #expect(watermark.limit(Self.at(50)) == Self.at(2))
        watermark.judging()
        watermark.judging()
        #expect(watermark.limit(Self.at(50)) == Self.at(50))
        #expect(watermark.oldestPending == nil)
        // A message taken that no one here handed over cancels the next one handed over, never blocks for good.
        watermark.judging()
        watermark.handedOver(drone: "D3", time: Self.at(70))
        #expect(watermark.oldestPending == Self.at(70))
        watermark.published(drone: "D3")
        #expect(watermark.oldestPending == nil)
    }

    @Test func withoutTheGatewayOnlyPublishingCounts() {
        let watermark = PublishingWatermark()
        watermark.handedOver(drone: "D1", time: Self.at(1))
        watermark.published(drone: "D1")
        watermark.scheduling(Self.at(9))
        #expect(watermark.limit(Self.at(5)) == Self.at(5))
    }

    @Test func aLongQueueStaysInOrderAcrossCompaction() {
        let watermark = PublishingWatermark()
        for index in 0..<5_000 { watermark.handedOver(drone: "D1", time: Self.at(Double(index))) }
        for index in 0..<4_000 {
            #expect(watermark.oldestPending == Self.at(Double(index)))
            watermark.published(drone: "D1")
        }
        #expect(watermark.oldestPending == Self.at(4_000))
    }
}
