public import Compliance
import Crypto
import Foundation
import Geo
import HexEncoding
public import StrictJSON

/// Runs recorded messages through the very router and engine the live gateway runs (adapter topics included),
/// each with its recorded time as "now", and describes each decision as one JSON object.
public struct Replay: Sendable {
    public private(set) var router: MessageRouter
    public var engine: ComplianceEngine { router.engine }

    /// - Parameter adapters: the configuration's `adapters:` section, so that recordings of foreign formats
    ///   replay as the gateway judged them live.
    public init(engine: ComplianceEngine, adapters: AdapterSettings = AdapterSettings()) {
        router = MessageRouter(engine: engine, adapters: adapters)
    }

    /// The decision about one recorded message, as the replay output line.
    public mutating func run(_ message: RecordedMessage, line: Int) -> JSONObject {
        if message.topic == engine.policy.topics.control { return release(message, line: line) }
        let decision = router.route(topic: message.topic, payload: message.payload, receivedAt: message.time)
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
        object["publish"] = .array(decision.publications.map(Replay.describe))
        return object
    }

    /// A recorded operator order on the control topic, obeyed as the live gateway would.
    mutating func release(_ message: RecordedMessage, line: Int) -> JSONObject {
        var object: JSONObject = [
            "line": .number(line), "time": .string(RFC3339.format(message.time)), "topic": .string(message.topic),
        ]
        do {
            let order = try ReleaseOrder(json: message.payload)
            let event = try router.engine.obey(order, retained: false, now: message.time)
            object["verdict"] = event == nil ? "not_suspended" : "released"
            object["drone"] = .string(order.stream.drone)
            object["stream"] = .string(order.stream.stream)
            object["publish"] = .array(event.map { [Replay.describe($0)] } ?? [])
        } catch {
            object["verdict"] = "refused"
            object["rejection"] = Replay.describe(error)
            object["publish"] = .array([Replay.describe(engine.controlRejected(error, now: message.time))])
        }
        return object
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
            "code": .string(finding.code), "severity": .string(finding.severity.rawValue),
            "subject": finding.subject.map(JSONValue.string) ?? .null,
        ]
        if let metres = finding.metres { object["distance_m"] = .number((metres * 100).rounded() / 100) }
        object["detail"] = .string(finding.detail)
        return .object(object)
    }

    static func describe(_ publication: Publication) -> JSONValue {
        // Everything flowgate publishes is its own JSON; show it as JSON rather than as bytes.
        let payload =
            (try? JSONParser.parse(publication.payload))
            ?? .string(String(decoding: publication.payload, as: UTF8.self))
        return .object([
            "topic": .string(publication.topic), "qos": .number(publication.qos), "retain": .bool(publication.retain),
            "payload": payload,
        ])
    }
}
