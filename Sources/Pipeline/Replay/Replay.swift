public import Compliance
import Crypto
import Foundation
import Geo
import HexEncoding
public import StrictJSON

/// Runs recorded messages through the very pipeline and engine the live gateway runs (adapter topics and
/// release orders included), each with its recorded time as "now", and describes each decision as one JSON
/// object.
public struct Replay: Sendable {
    public private(set) var pipeline: MessagePipeline
    public var engine: ComplianceEngine { pipeline.engine }
    let publisher: DecisionPublisher

    /// - Parameter adapters: the configuration's `adapters:` section, so that recordings of foreign formats
    ///   replay as the gateway judged them live.
    public init(engine: ComplianceEngine, adapters: AdapterSettings = AdapterSettings()) {
        pipeline = MessagePipeline(engine: engine, adapters: adapters)
        publisher = DecisionPublisher(topics: engine.policy.topics)
    }

    /// The decisions about one recorded message, each as a replay output line (a Remote ID flights response
    /// gives one per flight).
    public mutating func run(_ message: RecordedMessage, line: Int) -> [JSONObject] {
        let decisions = pipeline.decide(
            IncomingMessage(topic: message.topic, payload: message.payload), at: message.time)
        if message.topic == engine.policy.topics.control {
            return decisions.map { order($0, message, line: line) }
        }
        return decisions.map { decision in
            var object: JSONObject = [
                "line": .number(line), "time": .string(RFC3339.format(message.time)), "topic": .string(message.topic),
                "verdict": .string(decision.verdict.rawValue), "drone": decision.drone.map(JSONValue.string) ?? .null,
                // Names the message without repeating it: how a scorecard matches decisions to its ground truth.
                "digest": .string(Replay.digest(message.payload)), "size": .number(message.payload.count),
            ]
            if let stream = decision.stream { object["stream"] = .string(stream) }
            if let product = decision.product { object["product"] = .string(product) }
            if let forwarded = decision.forwarded, forwarded.suppressedCells > 0 {
                object["suppressed_cells"] = .number(forwarded.suppressedCells)
            }
            if let state = decision.state { object["state"] = .string(state.rawValue) }
            object["reasons"] = .array(decision.findings.map(Replay.describe))
            if let rejection = decision.rejection { object["rejection"] = Replay.describe(rejection) }
            object["publish"] = .array(published(decision))
            return object
        }
    }

    /// A recorded operator order on the control topic, as the live gateway obeyed it.
    func order(_ decision: Decision, _ message: RecordedMessage, line: Int) -> JSONObject {
        var object: JSONObject = [
            "line": .number(line), "time": .string(RFC3339.format(message.time)), "topic": .string(message.topic),
        ]
        if let rejection = decision.rejection {
            object["verdict"] = "refused"
            object["rejection"] = Replay.describe(rejection)
        } else {
            object["verdict"] = decision.release == nil ? "not_suspended" : "released"
            object["drone"] = decision.drone.map(JSONValue.string) ?? .null
            object["stream"] = decision.stream.map(JSONValue.string) ?? .null
        }
        object["publish"] = .array(published(decision))
        return object
    }

    /// What the decision publishes: the egress message, then the events.
    func published(_ decision: Decision) -> [JSONValue] {
        var publications = publisher.publications(for: decision)
        let egress = decision.egress == nil ? nil : publications.removeFirst()
        return (egress.map { [Replay.describe($0)] } ?? [])
            + zip(decision.events, publications).map { Replay.describe($0, $1) }
    }

    /// SHA-256 of the payload bytes, lower-case hex.
    public static func digest(_ payload: [UInt8]) -> String {
        SHA256.hash(data: payload).hexString
    }

    /// A refusal as the output shows it: the code, the field at fault when there is one, and why.
    static func describe(_ rejection: Rejection) -> JSONValue {
        var object: JSONObject = ["code": .string(rejection.code.rawValue)]
        if let field = rejection.field { object["field"] = .string(field) }
        object["detail"] = .string(rejection.problem)
        return .object(object)
    }

    static func describe(_ finding: Finding) -> JSONValue {
        var object: JSONObject = [
            "code": .string(finding.code.rawValue), "severity": .string(finding.severity.rawValue),
            "subject": finding.subject.map(JSONValue.string) ?? .null,
        ]
        if let metres = finding.metres { object["distance_m"] = .number((metres * 100).rounded() / 100) }
        object["detail"] = .string(finding.detail)
        return .object(object)
    }

    /// The egress message as published. Its writer builds bytes without a tree (the hot path); the replay shows
    /// them as JSON, so it reads them back here, for the output only.
    static func describe(_ publication: Publication) -> JSONValue {
        let payload =
            (try? JSONParser.parse(publication.payload))
            ?? .string(String(decoding: publication.payload, as: UTF8.self))
        return describe(publication, payload: payload)
    }

    /// An event as published: its JSON from the typed event itself.
    static func describe(_ event: EngineEvent, _ publication: Publication) -> JSONValue {
        describe(publication, payload: .object(EventMessage.object(event)))
    }

    private static func describe(_ publication: Publication, payload: JSONValue) -> JSONValue {
        .object([
            "topic": .string(publication.topic), "qos": .number(publication.qos), "retain": .bool(publication.retain),
            "payload": payload,
        ])
    }
}
