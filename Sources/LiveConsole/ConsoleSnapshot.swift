import Airspace
import Compliance
import Foundation
import Geo
import StrictJSON

/// One snapshot of the console as JSON: encoded once per tick and sent to every viewer alike.
struct ConsoleSnapshot {
    var state: ConsoleState
    /// The gateway's time.
    var now: Date
    var bundle: SiteBundle
    /// Identifies the zone layer in force, so that the page fetches the outlines again after a reload.
    var zonesDigest: String
    var suspensions: [StreamKey: Suspension]
    var approvals: [StreamKey: ReleaseApproval]
    /// The exercise's state in a demo; `nil` for a live gateway.
    var exercise: JSONValue?

    var json: [UInt8] {
        var object: JSONObject = [
            "now": .string(RFC3339.format(now)),
            "zones_digest": .string(zonesDigest),
            "zones_active": ZoneLayer.activity(bundle, at: now),
            "drones": .array(state.drones.keys.sorted().compactMap { state.drones[$0].map(drone) }),
            "suspended": .array(
                suspensions.keys.sorted().compactMap { key in suspensions[key].map { suspended(key, $0) } }),
            "feed": .array(state.feed.map(event)),
            "timeline": .array(state.timeline.map(bar)),
            "decided": .number(state.decided),
            "dropped": .number(state.dropped),
        ]
        if let exercise { object["exercise"] = exercise }
        return JSONWriter.bytes(.object(object))
    }

    private func drone(_ view: DroneView) -> JSONValue {
        var object: JSONObject = [
            "id": .string(view.drone),
            "state": view.state.map { .string($0.rawValue) } ?? .null,
            "reasons": .array(view.reasons.map(JSONValue.string)),
            "trail": .array(view.trail.map(ZoneLayer.point)),
            "streams": .array(
                view.streams.keys.sorted().compactMap { name in view.streams[name].map { stream(view.drone, name, $0) }
                }),
        ]
        object["mission"] = view.mission.map(JSONValue.string) ?? .null
        object["position"] = view.position.map(ZoneLayer.point) ?? .null
        object["alt_m"] = view.altitude.map { .number(($0 * 10).rounded() / 10) } ?? .null
        object["heading_deg"] = view.heading.map { .number($0.rounded()) } ?? .null
        object["speed_mps"] = view.groundSpeed.map { .number(($0 * 10).rounded() / 10) } ?? .null
        object["fix_age_s"] = view.lastFix.map { .number((now.timeIntervalSince($0) * 10).rounded() / 10) } ?? .null
        if let authorisation = authorisation(view) {
            object["authorisation"] = .object([
                "id": .string(authorisation.id),
                "valid_until": .string(RFC3339.format(authorisation.validUntil)),
                "remaining_s": .number(max(0, authorisation.validUntil.timeIntervalSince(now)).rounded()),
            ])
        }
        return .object(object)
    }

    /// The authorisation the drone flies under now: one valid for its mission, else the latest that named it.
    private func authorisation(_ view: DroneView) -> Authorisation? {
        let candidates = bundle.authorisations.filter {
            $0.drones.contains(view.drone) && (view.mission == nil || $0.mission == view.mission)
        }
        return candidates.first { $0.isValid(at: now) } ?? candidates.max { $0.validUntil < $1.validUntil }
    }

    private func stream(_ drone: String, _ name: String, _ view: StreamView) -> JSONValue {
        let suspended = suspensions[StreamKey(drone: drone, stream: name)] != nil
        return .object([
            "name": .string(name),
            "status": .string(suspended ? "suspended" : "flowing"),
            "product": view.lastProduct.map(JSONValue.string) ?? .null,
            "counts": .object(
                JSONObject(Decision.Verdict.allCases.map { (key: $0.rawValue, value: .number(view.counts[$0] ?? 0)) })),
        ])
    }

    private func suspended(_ key: StreamKey, _ suspension: Suspension) -> JSONValue {
        var object: JSONObject = [
            "drone": .string(key.drone), "stream": .string(key.stream),
            "since": .string(RFC3339.format(suspension.since)),
            "reasons": .array(suspension.codes.map { .string($0.rawValue) }),
            "product": suspension.product.map(JSONValue.string) ?? .null,
        ]
        if let approval = approvals[key] {
            object["approved_by"] = .string(approval.operatorName)
            object["approved_at"] = .string(RFC3339.format(approval.time))
        }
        return .object(object)
    }

    private func event(_ event: FeedEvent) -> JSONValue {
        .object([
            "serial": .number(event.serial), "time": .string(RFC3339.format(event.time)),
            "event": .string(event.kind.rawValue), "drone": event.drone.map(JSONValue.string) ?? .null,
            "stream": event.stream.map(JSONValue.string) ?? .null,
            "reasons": .array(event.reasons.map(JSONValue.string)), "detail": .string(event.detail),
        ])
    }

    private func bar(_ second: TimelineSecond) -> JSONValue {
        .object([
            "t": .number(second.second), "forwarded": .number(second.forwarded),
            "redacted": .number(second.redacted), "blocked": .number(second.blocked),
        ])
    }
}
