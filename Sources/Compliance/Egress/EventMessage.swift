import Foundation
import Geo
public import StrictJSON

/// Events as published on `flowgate/events/{drone}` and recorded: written from the typed ``EngineEvent``.
/// They never carry a refused payload's content.
public enum EventMessage {
    public static func object(_ event: EngineEvent) -> JSONObject {
        var object: JSONObject = ["v": .number(1), "event": .string(event.kind.rawValue)]
        switch event.subject {
        case .fix(let fix, let showsPosition):
            object["drone"] = .string(fix.drone)
            object["mission"] = .string(fix.mission)
            object["seq"] = .number(Int(fix.seq))
            object["time"] = .string(RFC3339.format(event.time))
            if showsPosition {
                object["position"] = .object([
                    "lat": .number(fix.position.latitude), "lon": .number(fix.position.longitude),
                ])
            }
            object["reasons"] = .array(event.findings.map(\.json))
        case .stream(let key, let product):
            object["drone"] = .string(key.drone)
            object["stream"] = .string(key.stream)
            object["time"] = .string(RFC3339.format(event.time))
            if let product { object["product"] = .string(product) }
            object["reasons"] = .array(event.findings.map(\.json))
        case .rejection(let rejection, let drone):
            object["drone"] = drone.map(JSONValue.string) ?? .null
            object["time"] = .string(RFC3339.format(event.time))
            object["code"] = .string(rejection.code.rawValue)
            if let field = rejection.field { object["field"] = .string(field) }
            object["detail"] = .string(rejection.problem)
        }
        if !event.episodes.isEmpty {
            object["episodes"] = .array(
                event.episodes.map { episode in
                    .object([
                        "code": .string(episode.code.rawValue), "since": .string(RFC3339.format(episode.since)),
                        "last": .string(RFC3339.format(episode.last)), "messages": .number(episode.messages),
                        "duration_s": .number((episode.duration * 1000).rounded() / 1000),
                    ])
                })
        }
        if let release = event.release {
            object["by"] = .string(release.operatorName)
            object["reason"] = .string(release.reason)
        }
        return object
    }

    public static func bytes(_ event: EngineEvent) -> [UInt8] {
        JSONWriter.bytes(.object(object(event)))
    }
}
