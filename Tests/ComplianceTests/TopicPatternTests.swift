import Compliance
import Testing

@Suite("Topic patterns")
struct TopicPatternTests {
    let telemetry = try! TopicPattern("fleet/{drone}/telemetry")

    @Test("a matching topic gives its drone")
    func matches() throws {
        #expect(telemetry.drone(in: "fleet/D7/telemetry") == "D7")
        #expect(telemetry.drone(in: "fleet/drone-1_a.b/telemetry") == "drone-1_a.b")
        let first = try TopicPattern("{drone}/osd")
        #expect(first.drone(in: "SN123/osd") == "SN123")
        let last = try TopicPattern("thing/product/{drone}")
        #expect(last.drone(in: "thing/product/X") == "X")
    }

    @Test(
        "a topic that does not match gives no drone",
        arguments: [
            "fleet/D7", "fleet/D7/telemetry/extra", "fleet/D7/telemetry/", "/fleet/D7/telemetry", "Fleet/D7/telemetry",
            "fleet/D7/Telemetry", "fleet//telemetry", "fleet/+/telemetry", "fleet/#/telemetry", "fleet/D 7/telemetry",
            "fleet/D7\u{0}/telemetry", "fleet/Ü/telemetry", "", "fleet", "compliant/D7/telemetry",
        ])
    func noMatch(topic: String) {
        #expect(telemetry.drone(in: topic) == nil)
    }

    @Test("topic(for:) puts the drone in its level; the subscription uses +")
    func building() throws {
        #expect(telemetry.topic(for: "D7") == "fleet/D7/telemetry")
        #expect(telemetry.subscription == "fleet/+/telemetry")
        #expect(telemetry.description == "fleet/{drone}/telemetry")
        #expect(telemetry.levels == ["fleet", "{drone}", "telemetry"])
        let events = try TopicPattern("flowgate/events/{drone}")
        #expect(events.topic(for: "_unattributed") == "flowgate/events/_unattributed")
        #expect(events.subscription == "flowgate/events/+")
        #expect(try TopicPattern("{drone}").subscription == "+")
    }

    @Test("a built topic matches its own pattern")
    func roundTrip() {
        for drone in ["D1", "a", "x.y-z_0", String(repeating: "9", count: 64)] {
            #expect(telemetry.drone(in: telemetry.topic(for: drone)) == drone)
        }
    }

    @Test(
        "patterns without exactly one {drone} level are refused",
        arguments: [
            "fleet/telemetry", "fleet/{drone}/{drone}", "fleet/{drone}x/telemetry", "fleet/{Drone}/telemetry",
            "fleet/{ drone }/telemetry", "",
        ])
    func droneLevel(pattern: String) throws {
        let error = try #require(throws: TopicPatternError.self) { try TopicPattern(pattern) }
        #expect(error.pattern == pattern)
        #expect(error.problem.contains("{drone}"))
        #expect(error.description.contains("'\(pattern)'"))
    }

    @Test(
        "wildcards and empty levels are refused",
        arguments: [
            "fleet/+/{drone}", "fleet/{drone}/#", "fleet/{drone}/tele+metry", "fleet//{drone}", "/fleet/{drone}",
            "fleet/{drone}/", "#/{drone}",
        ])
    func wildcards(pattern: String) throws {
        let error = try #require(throws: TopicPatternError.self) { try TopicPattern(pattern) }
        #expect(error.problem.contains("wildcard"))
    }

    @Test("a {stream} level matches and builds payload topics; both levels must be identifiers")
    func streamLevel() throws {
        let payload = try TopicPattern("fleet/{drone}/payload/{stream}")
        #expect(payload.hasStream)
        #expect(payload.subscription == "fleet/+/payload/+")
        let match = try #require(payload.match("fleet/D7/payload/cam0"))
        #expect(match.drone == "D7")
        #expect(match.stream == "cam0")
        #expect(payload.topic(for: "D7", stream: "cam0") == "fleet/D7/payload/cam0")
        #expect(payload.match("fleet/D7/payload") == nil)
        #expect(payload.match("fleet/D7/payload/cam 0") == nil)
        #expect(payload.match("fleet/D7/telemetry/cam0") == nil)
        #expect(try TopicPattern("fleet/{drone}/telemetry").match("fleet/D7/telemetry")?.stream == nil)
        let error = try #require(throws: TopicPatternError.self) { try TopicPattern("a/{drone}/{stream}/{stream}") }
        #expect(error.problem.contains("{stream}"))
    }
}
