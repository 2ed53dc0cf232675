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
        var fields: JSONObject = [
            "topic": .string(topic), "verdict": .string(verdict.rawValue),
            "reasons": .array(reasons.map(JSONValue.string)), "digest": .string(payload.hex),
            "size": .number(payload.size),
        ]
        if let product { fields["product"] = .string(product) }
        if let suppressedCells { fields["suppressed_cells"] = .number(suppressedCells) }
        return AuditEntry(
            time: time, kind: .decision, drone: drone, mission: mission, stream: stream, digest: payload.hex,
            fields: fields)
    }

    /// One decimated fix of a drone's track with its compliance state.
    public static func track(
        time: Date, drone: String, mission: String?, latitude: Double, longitude: Double, altitudeMetres: Double,
        altitudeReference: String, state: TrackState, reasons: [String]
    ) -> AuditEntry {
        let fields: JSONObject = [
            "lat": .number(latitude), "lon": .number(longitude), "alt_m": .number(altitudeMetres),
            "alt_ref": .string(altitudeReference), "state": .string(state.rawValue),
            "reasons": .array(reasons.map(JSONValue.string)),
        ]
        return AuditEntry(time: time, kind: .track, drone: drone, mission: mission, fields: fields)
    }

    /// An event exactly as the gateway published it.
    public static func event(time: Date, drone: String?, mission: String?, event: JSONObject) -> AuditEntry {
        AuditEntry(time: time, kind: .event, drone: drone, mission: mission, fields: event)
    }

    /// A configuration load: what the gateway ran with.
    public static func configLoad(
        time: Date, bundlePath: String, bundleDigest: String, configDigest: String, policyVersion: String,
        flowgateVersion: String
    ) -> AuditEntry {
        AuditEntry(
            time: time, kind: .configLoad,
            fields: [
                "bundle_path": .string(bundlePath), "bundle_digest": .string(bundleDigest),
                "config_digest": .string(configDigest), "policy_version": .string(policyVersion),
                "flowgate_version": .string(flowgateVersion),
            ])
    }

    /// What a forwarded aggregate payload contained, in numbers only.
    public static func payloadSummary(
        time: Date, drone: String, mission: String?, stream: String, product: String, cells: Int, totalCount: Int,
        suppressedCells: Int
    ) -> AuditEntry {
        AuditEntry(
            time: time, kind: .payloadSummary, drone: drone, mission: mission, stream: stream,
            fields: [
                "product": .string(product), "cells": .number(cells), "total_count": .number(totalCount),
                "suppressed_cells": .number(suppressedCells),
            ])
    }

    /// A stream suspended (or released, with `kind: .release`): who did it and why.
    public static func streamControl(
        _ kind: AuditKind, time: Date, drone: String, mission: String?, stream: String, by: String, reason: String
    ) -> AuditEntry {
        precondition(kind == .suspension || kind == .release, "streamControl records suspension or release")
        return AuditEntry(
            time: time, kind: kind, drone: drone, mission: mission, stream: stream,
            fields: [
                "drone": .string(drone), "stream": .string(stream), "by": .string(by), "reason": .string(reason),
            ])
    }
}
