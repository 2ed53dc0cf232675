public import Audit
public import Foundation
public import Geo
import StrictJSON

/// One recorded fix of a drone's track.
public struct TrackPoint: Sendable, Equatable {
    public var seq: Int64
    public var time: Date
    public var drone: String
    public var mission: String?
    public var position: GeoPoint
    public var altitudeMetres: Double?
    public var state: TrackState
    public var reasons: [String]
}

/// One recorded decision (never a plain forward: those are only counted in tallies).
public struct DecisionPoint: Sendable, Equatable {
    public var seq: Int64
    public var time: Date
    public var drone: String?
    public var mission: String?
    public var stream: String?
    public var verdict: AuditVerdict
    public var reasons: [String]
    public var product: String?
    public var digest: String?
    public var size: Int?
}

/// The records review works on, read once for a filter and parsed into typed views.
public struct RecordedRun: Sendable {
    public let records: [AuditRecord]
    public let tracks: [TrackPoint]
    public let decisions: [DecisionPoint]

    /// Reads the records that match `filter` from `reader`.
    public init(reader: AuditReader, filter: RecordFilter) throws {
        self.init(records: try reader.records(filter))
    }

    public init(records: [AuditRecord]) {
        self.records = records
        tracks = records.compactMap(TrackPoint.init)
        decisions = records.compactMap(DecisionPoint.init)
    }

    /// Records of one kind, in order.
    public func records(_ kind: AuditKind) -> [AuditRecord] { records.filter { $0.kindValue == kind } }

    /// The drone's last fix at or before `time`, to place a decision or suspension on the map.
    public func position(of drone: String?, at time: Date) -> GeoPoint? {
        guard let drone else { return nil }
        return tracks.last { $0.drone == drone && $0.time <= time }?.position
            ?? tracks.first { $0.drone == drone }?.position
    }
}

extension TrackPoint {
    init?(_ record: AuditRecord) {
        let fields = record.fields
        guard record.kindValue == .track, let drone = record.drone, let time = record.date,
            let lat = fields["lat"]?.doubleValue, let lon = fields["lon"]?.doubleValue,
            let state = fields["state"]?.stringValue.flatMap(TrackState.init(rawValue:))
        else { return nil }
        self.init(
            seq: record.seq, time: time, drone: drone, mission: record.mission,
            position: GeoPoint(latitude: lat, longitude: lon), altitudeMetres: fields["alt_m"]?.doubleValue,
            state: state, reasons: fields["reasons"]?.arrayValue?.compactMap(\.stringValue) ?? [])
    }
}

extension DecisionPoint {
    init?(_ record: AuditRecord) {
        let fields = record.fields
        guard record.kindValue == .decision, let time = record.date,
            let verdict = fields["verdict"]?.stringValue.flatMap(AuditVerdict.init(rawValue:))
        else { return nil }
        self.init(
            seq: record.seq, time: time, drone: record.drone, mission: record.mission, stream: record.stream,
            verdict: verdict, reasons: fields["reasons"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            product: fields["product"]?.stringValue, digest: record.digest,
            size: fields["size"]?.doubleValue.map { Int($0) })
    }
}
