public import Foundation
public import StrictJSON

/// How a message was decided. `withhold` and `reject` (telemetry) count as blocked, like `block` (payload).
public enum AuditVerdict: String, Sendable, Hashable, CaseIterable {
    case forward, redact, block, withhold, reject

    /// Whether the message did not go out at all.
    public var isBlocked: Bool { self == .block || self == .withhold || self == .reject }
}

/// A drone's compliance state at a fix, as recorded in `track` records.
public enum TrackState: String, Sendable, Hashable, CaseIterable {
    case compliant, warning, breach
}

/// Builders for the bodies the gateway writes; Docs/RECORD.md lists every field.
extension AuditEntry {
    /// A decision that is not a plain forward. Takes the payload's digest and size, never its content.
    public static func decision(
        time: Date, drone: String?, mission: String?, stream: String?, topic: String, verdict: AuditVerdict,
        reasons: [String], product: String? = nil, payload: PayloadDigest, suppressedCells: Int? = nil
    ) -> AuditEntry {
        // Members in canonical (sorted) order, so the writer need not sort them.
        var members: [(key: String, value: JSONValue)] = [("digest", .string(payload.hex))]
        if let product { members.append(("product", .string(product))) }
        members += [("reasons", .array(reasons.map(JSONValue.string))), ("size", .number(payload.size))]
        if let suppressedCells { members.append(("suppressed_cells", .number(suppressedCells))) }
        members += [("topic", .string(topic)), ("verdict", .string(verdict.rawValue))]
        return AuditEntry(
            time: time, kind: .decision, drone: drone, mission: mission, stream: stream, digest: payload.hex,
            fields: JSONObject(members))
    }

    /// One decimated fix of a drone's track with its compliance state.
    public static func track(
        time: Date, drone: String, mission: String?, latitude: Double, longitude: Double, altitudeMetres: Double,
        altitudeReference: String, state: TrackState, reasons: [String]
    ) -> AuditEntry {
        let fields: JSONObject = [
            "alt_m": .number(altitudeMetres), "alt_ref": .string(altitudeReference), "lat": .number(latitude),
            "lon": .number(longitude), "reasons": .array(reasons.map(JSONValue.string)),
            "state": .string(state.rawValue),
        ]
        return AuditEntry(time: time, kind: .track, drone: drone, mission: mission, fields: fields)
    }

    /// An event exactly as the gateway published it.
    public static func event(time: Date, drone: String?, mission: String?, event: JSONObject) -> AuditEntry {
        AuditEntry(time: time, kind: .event, drone: drone, mission: mission, fields: event)
    }

    /// A configuration load: what the gateway ran with.
    /// - Parameters:
    ///   - reload: what made a running gateway read its bundle again (`sighup`, `command`); `nil` for the load
    ///     at start.
    ///   - cluster: for an instance of a cluster, its name, the number of partitions and those it owns.
    public static func configLoad(
        time: Date, bundlePath: String, bundleDigest: String, configDigest: String, policyVersion: String,
        flowgateVersion: String, reload: String? = nil,
        cluster: (instance: String, partitions: Int, owned: [Int])? = nil
    ) -> AuditEntry {
        var fields: JSONObject = [
            "bundle_digest": .string(bundleDigest), "bundle_path": .string(bundlePath),
            "config_digest": .string(configDigest), "flowgate_version": .string(flowgateVersion),
            "policy_version": .string(policyVersion),
        ]
        if let reload { fields["reload"] = .string(reload) }
        if let cluster {
            fields["instance"] = .string(cluster.instance)
            fields["partitions"] = .number(cluster.partitions)
            fields["owned_partitions"] = .array(cluster.owned.map { .number($0) })
        }
        return AuditEntry(time: time, kind: .configLoad, fields: fields)
    }

    /// What a forwarded aggregate payload contained, in numbers only; with a `period`, the sums over the
    /// `messages` of one drone, stream and product forwarded in it.
    public static func payloadSummary(
        time: Date, drone: String, mission: String?, stream: String, product: String, cells: Int, totalCount: Int,
        suppressedCells: Int, period: (messages: Int, start: Date, end: Date)? = nil
    ) -> AuditEntry {
        var fields: JSONObject = [
            "cells": .number(cells), "product": .string(product), "suppressed_cells": .number(suppressedCells),
            "total_count": .number(totalCount),
        ]
        if let period {
            fields["messages"] = .number(period.messages)
            fields["period_start"] = .string(RecordTime.text(period.start))
            fields["period_end"] = .string(RecordTime.text(period.end))
        }
        return AuditEntry(
            time: time, kind: .payloadSummary, drone: drone, mission: mission, stream: stream, fields: fields)
    }

    /// A stream suspended (or released, with `kind: .release`): who did it and why.
    public static func streamControl(
        _ kind: AuditKind, time: Date, drone: String, mission: String?, stream: String, by: String, reason: String,
        codes: [String] = []
    ) -> AuditEntry {
        precondition(kind == .suspension || kind == .release, "streamControl records suspension or release")
        var fields: JSONObject = [
            "by": .string(by), "drone": .string(drone), "reason": .string(reason), "stream": .string(stream),
        ]
        // The codes as a list, so that reading the record back never splits the reason's text.
        if !codes.isEmpty { fields["codes"] = .array(codes.map(JSONValue.string)) }
        return AuditEntry(time: time, kind: kind, drone: drone, mission: mission, stream: stream, fields: fields)
    }
}
