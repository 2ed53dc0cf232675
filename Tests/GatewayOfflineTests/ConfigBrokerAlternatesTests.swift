import Foundation
import Gateway
import MQTT
import Testing

/// `alternates` and `switch_after_s` of a broker: the other nodes of its cluster, each named precisely when wrong.
@Suite struct ConfigBrokerAlternatesTests {
    /// The minimal configuration with `settings` added to its ingress broker.
    static func yaml(ingress settings: String...) -> String {
        minimalYAML.replacingOccurrences(
            of: "ingress:\n  host: broker.local",
            with: "ingress:\n  host: broker.local" + settings.map { "\n  \($0)" }.joined())
    }

    @Test func addressesAreReadInEveryForm() {
        #expect(BrokerAddress("nats-2.example:1884") == BrokerAddress(host: "nats-2.example", port: 1884))
        #expect(BrokerAddress("10.0.0.3:1883") == BrokerAddress(host: "10.0.0.3", port: 1883))
        #expect(BrokerAddress("[fd00::3]:1883") == BrokerAddress(host: "fd00::3", port: 1883))
        #expect(BrokerAddress(host: "fd00::3", port: 1883).description == "[fd00::3]:1883")
        for wrong in [
            "nats-2", "nats-2:", ":1883", "nats-2:0", "nats-2:65536", "nats-2:x", "fd00::3:1883", "[fd00::3]",
        ] {
            #expect(BrokerAddress(wrong) == nil, "\(wrong)")
        }
    }

    @Test func alternatesAndTheSwitchDelayReachTheClientOptions() throws {
        let config = try ConfigFolder.with {
            try $0.load(Self.yaml(ingress: #"alternates: ["127.0.0.1:1884", "[::1]:1885"]"#, "switch_after_s: 1.5"))
        }
        #expect(
            config.ingress.alternates == [
                BrokerAddress(host: "127.0.0.1", port: 1884), BrokerAddress(host: "::1", port: 1885),
            ])
        #expect(config.ingress.switchAfter == 1.5)
        #expect(config.egress.alternates.isEmpty && config.egress.switchAfter == 3)
    }

    @Test(
        "a wrong alternate or switch delay is refused, naming the key",
        arguments: [
            (#"alternates: "127.0.0.1:1884""#, "ingress.alternates"),
            (#"alternates: ["127.0.0.1:1884", "nats-3"]"#, "ingress.alternates[1]"),
            ("switch_after_s: 0", "ingress.switch_after_s"),
        ])
    func mistakes(setting: String, key: String) throws {
        let issues = try ConfigFolder.with {
            $0.issues(Self.yaml(ingress: setting))
        }
        #expect(issues.map(\.key) == [key], "\(issues)")
    }
}
