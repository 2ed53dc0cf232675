import Compliance
import Foundation
import Gateway
import GatewayTestSupport
import Pipeline
import StrictJSON
import Testing

/// A Remote ID `GetFlightsResponse` carries many aircraft in one message: each flight is one observation,
/// decided on its own, live and in replay.
@Suite("Remote ID flights responses through the pipeline")
struct RemoteIDFlightsTests {
    static let topic = "rid/flights"

    static func pipeline() throws -> MessagePipeline {
        var adapters = AdapterSite.adapters
        adapters.remoteID?.flightsTopic = topic
        return MessagePipeline(engine: ComplianceEngine(airspace: try AdapterSite.airspace()), adapters: adapters)
    }

    /// The real sample's one flight, three times: as our RID1, as an aircraft no mission names, and as RID1
    /// without its state.
    static func response(at time: Date) throws -> [UInt8] {
        let sample = try #require(
            try JSONParser.parse(
                [UInt8](
                    try Data(
                        contentsOf: AdapterReplayTests.samples.appendingPathComponent("rid/f3411_v22a_get_flights.json")
                    ))
            ).objectValue)
        var flight = try #require(sample["flights"]?.arrayValue?.first?.objectValue)
        var state = try #require(try JSONParser.parse(AdapterSite.remoteIDState(at: time)).objectValue)
        state["operational_status"] = "Airborne"
        flight["current_state"] = .object(state)
        var ours = flight
        ours["id"] = .string(AdapterSite.remoteID)
        var stranger = flight
        stranger["id"] = "OTHER-OPERATOR-7"
        var stateless = ours
        stateless["current_state"] = nil
        var response = sample
        response["flights"] = .array([.object(ours), .object(stranger), .object(stateless)])
        return AdapterSite.bytes(response)
    }

    @Test("each flight is decided on its own: ours forwarded, a stranger's and a broken one rejected")
    func eachFlight() throws {
        var pipeline = try Self.pipeline()
        let now = AdapterSite.noon
        let decisions = pipeline.decide(
            IncomingMessage(topic: Self.topic, payload: try Self.response(at: now)), at: now)
        try #require(decisions.count == 3)
        #expect(decisions[0].verdict == .forward)
        #expect(decisions[0].fix?.drone == AdapterSite.remoteID)
        #expect(decisions[0].fix?.source == "remote_id")
        #expect(decisions[1].verdict == .reject)
        #expect(decisions[1].rejection?.code == .unknownTopic, "\(decisions[1].rejection!)")
        #expect(decisions[1].rejection?.problem.contains("mission") == true)
        #expect(decisions[2].verdict == .reject)
        #expect(decisions[2].rejection?.field?.contains("current_state") == true, "\(decisions[2].rejection!)")
        let publisher = DecisionPublisher(topics: pipeline.engine.policy.topics)
        let published = decisions.flatMap(publisher.publications(for:))
        #expect(published.filter(\.isForward).map(\.topic) == ["compliant/RID1/telemetry"])
        // The next fix of RID1 continues its state: the flights response fed the same per-drone record.
        let next = pipeline.decide(
            IncomingMessage(topic: "rid/RID1/state", payload: AdapterSite.remoteIDState(at: now.addingTimeInterval(1))),
            at: now.addingTimeInterval(1))
        #expect(next.map(\.verdict) == [.forward])
    }

    @Test("a response that lists no flight, or cannot be read, is rejected whole")
    func emptyOrBroken() throws {
        var pipeline = try Self.pipeline()
        let now = AdapterSite.noon
        for payload in [AdapterSite.bytes(["flights": .array([])]), Array("{\"flights\": 3}".utf8), Array("nope".utf8)]
        {
            let decisions = pipeline.decide(IncomingMessage(topic: Self.topic, payload: payload), at: now)
            #expect(decisions.map(\.verdict) == [.reject], "\(String(decoding: payload, as: UTF8.self))")
            let publisher = DecisionPublisher(topics: pipeline.engine.policy.topics)
            #expect(decisions.flatMap(publisher.publications(for:)).map(\.topic) == ["flowgate/events/_unattributed"])
        }
    }

    @Test("replay writes one line per flight, each naming the same message")
    func replayLines() throws {
        var adapters = AdapterSite.adapters
        adapters.remoteID?.flightsTopic = Self.topic
        var replay = Replay(engine: ComplianceEngine(airspace: try AdapterSite.airspace()), adapters: adapters)
        let now = AdapterSite.noon
        let lines = replay.run(
            RecordedMessage(time: now, topic: Self.topic, payload: try Self.response(at: now)), line: 4)
        #expect(lines.map { $0["verdict"]?.stringValue } == ["forward", "reject", "reject"])
        #expect(Set(lines.compactMap { $0["digest"]?.stringValue }).count == 1)
        #expect(lines.allSatisfy { $0["line"] == .number(4) })
    }
}
