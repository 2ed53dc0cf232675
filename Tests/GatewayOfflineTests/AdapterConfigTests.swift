import Compliance
import Foundation
import Gateway
import Pipeline
import Testing

/// The `adapters:` section of the configuration: what it sets, and every error naming its key and value.
@Suite("Configuration: adapters")
struct AdapterConfigTests {
    static let full =
        minimalYAML + """

            adapters:
              missions: {1581F5BKD225D00A: M-0412, drone7: M-0412, RID1: M-0412, K1: M-0412}
              dji_cloud_api: {gateways: {7CTDM4100B8S1Q: 1581F5BKD225D00A}}
              mavlink_json: {prefix: "mavlink/{drone}"}
              remote_id: {topic: "rid/{drone}/state"}
              misb_klv: {topic: "klv/{drone}/{stream}", image_width_px: 1920}
            """

    @Test("a full section sets every adapter and the subscriptions the gateway makes")
    func full() throws {
        let config = try ConfigFolder.with { try $0.load(Self.full) }
        let adapters = config.adapters
        #expect(adapters.missions["drone7"] == "M-0412")
        #expect(adapters.djiCloudAPI?.gateways == ["7CTDM4100B8S1Q": "1581F5BKD225D00A"])
        #expect(adapters.mavlinkJSON?.prefix.description == "mavlink/{drone}")
        #expect(adapters.remoteID?.topic.description == "rid/{drone}/state")
        #expect(adapters.misbKLV?.imageWidth == 1920)
        #expect(
            adapters.subscriptions == [
                "thing/product/+/osd", "thing/product/+/drc/up", "mavlink/+/HEARTBEAT", "mavlink/+/SYSTEM_TIME",
                "mavlink/+/GLOBAL_POSITION_INT", "rid/+/state", "klv/+/+",
            ])
    }

    @Test("a Remote ID flights topic is subscribed to besides the per-drone pattern")
    func flightsTopic() throws {
        let yaml =
            minimalYAML
            + "\nadapters:\n  missions: {RID1: M-1}\n  remote_id: {topic: \"rid/{drone}/state\", flights_topic: \"rid/flights\"}\n"
        let config = try ConfigFolder.with { try $0.load(yaml) }
        #expect(config.adapters.remoteID?.flightsTopic == "rid/flights")
        #expect(config.adapters.subscriptions == ["rid/+/state", "rid/flights"])
    }

    @Test("without the section no adapter is configured")
    func absent() throws {
        let config = try ConfigFolder.with { try $0.load(minimalYAML) }
        #expect(config.adapters.isEmpty)
        #expect(config.adapters.subscriptions.isEmpty)
    }

    @Test("the example configuration's adapters section loads")
    func example() throws {
        let config = try ConfigReader.load(file: Package.exampleConfig, checkFiles: false)
        #expect(config.adapters.mavlinkJSON != nil)
        #expect(!config.adapters.missions.isEmpty)
    }

    @Test(
        "errors name the key and the value",
        arguments: [
            (
                "  misb_klv: {topic: \"klv/{drone}\", image_width_px: 1920}", "adapters.misb_klv.topic",
                "\"klv/{drone}\"", "needs one level that is {stream}"
            ),
            (
                "  misb_klv: {topic: \"klv/{drone}/{stream}\"}", "adapters.misb_klv.image_width_px", "(missing)",
                "is required"
            ),
            (
                "  misb_klv: {topic: \"klv/{drone}/{stream}\", image_width_px: 0}", "adapters.misb_klv.image_width_px",
                "\"0\"", "between 1 and 100000"
            ),
            (
                "  mavlink_json: {prefix: \"mavlink/+\"}", "adapters.mavlink_json.prefix", "\"mavlink/+\"",
                "{drone}"
            ),
            ("  mavlink_json: {}", "adapters.mavlink_json.prefix", "(missing)", "is required"),
            (
                "  remote_id: {topic: \"fleet/{drone}/telemetry\"}", "adapters.remote_id.topic",
                "\"fleet/{drone}/telemetry\"", "native topic pattern"
            ),
            (
                "  remote_id: {topic: \"rid/{drone}\", flights: x}", "adapters.remote_id.flights", "\"x\"",
                "unknown key"
            ),
            (
                "  remote_id: {topic: \"rid/{drone}\", flights_topic: \"rid/+\"}",
                "adapters.remote_id.flights_topic", "\"rid/+\"", "plain MQTT topic"
            ),
            (
                "  remote_id: {topic: \"rid/{drone}\", flights_topic: \"fleet/D1/telemetry\"}",
                "adapters.remote_id.flights_topic", "\"fleet/D1/telemetry\"", "native or control topic"
            ),
            (
                "  remote_id: {topic: \"rid/{drone}\", flights_topic: \"rid/all\"}",
                "adapters.remote_id.flights_topic", "\"rid/all\"", "per-drone pattern"
            ),
            (
                "  dji_cloud_api: {gateways: {DOCK1: \"bad id\"}}", "adapters.dji_cloud_api.gateways.DOCK1",
                "\"bad id\"", "must be an id"
            ),
            ("  kafka: {}", "adapters.kafka", "(a mapping)", "unknown key"),
        ])
    func errors(line: String, key: String, value: String, problem: String) throws {
        let yaml = minimalYAML + "\nadapters:\n  missions: {D5: M-1}\n" + line + "\n"
        let issues = try ConfigFolder.with { $0.issues(yaml) }
        let issue = try #require(issues.issue(key), "\(issues)")
        #expect(issue.value == value)
        #expect(issue.problem.contains(problem), "\(issue.problem)")
        #expect(issue.line != nil)
    }

    @Test("an adapter without missions is refused: foreign formats carry no mission id")
    func missionsRequired() throws {
        let yaml = minimalYAML + "\nadapters:\n  remote_id: {topic: \"rid/{drone}/state\"}\n"
        let issues = try ConfigFolder.with { $0.issues(yaml) }
        let issue = try #require(issues.issue("adapters.missions"))
        #expect(issue.value == "(missing)")
        #expect(issue.problem.contains("mission of each drone"))
    }
}
