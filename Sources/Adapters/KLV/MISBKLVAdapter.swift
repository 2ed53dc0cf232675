public import Compliance
import Foundation
import Geo

/// Decodes MISB ST 0601 (UAS Datalink Local Set) KLV packets carried as payload metadata: one packet per
/// message, checksum verified, the mapped integer encodings of the geometry tags turned into degrees and
/// metres. A packet holding identification data (the VMTI local set, tag 74, or a target id, tag 129) is
/// blocked whole; a packet with a tag ST 0601 does not define is refused.
public struct MISBKLVAdapter: Sendable {
    /// The largest packet accepted, bytes.
    public var maximumBytes: Int

    public init(maximumBytes: Int = 64 * 1024) {
        self.maximumBytes = maximumBytes
    }

    /// What one packet yields.
    public enum Outcome: Sendable, Hashable {
        /// The sensor's geometry for the optics rule.
        case sensor(KLVSensorMetadata)
        /// The packet carries identification data (payload reason `identification_product`): block it and
        /// suspend the stream; its content is not decoded further.
        case identification(tags: [Int])
    }

    /// - Throws: a ``Rejection`` for a packet that is too large, not an ST 0601 local set, truncated, with a
    ///   bad BER length, a checksum mismatch, an undefined tag or a geometry tag of the wrong size.
    public func decode(_ payload: some Collection<UInt8>) throws(Rejection) -> Outcome {
        guard payload.count <= maximumBytes else {
            throw Rejection(.messageTooLarge, problem: "\(payload.count) bytes, over the limit of \(maximumBytes)")
        }
        return try Self.outcome(of: UASDatalinkPacket.verified(Array(payload)))
    }

    static func outcome(of packet: UASDatalinkPacket) throws(Rejection) -> Outcome {
        let blocked = packet.items.map(\.tag).filter(ST0601Tag.identification.contains)
        if !blocked.isEmpty { return .identification(tags: blocked) }
        var values: [Int: Double?] = [:]
        var time: Date?
        for item in packet.items {
            guard ST0601Tag.defined.contains(item.tag) else {
                throw Rejection(.invalidField, field: "tag \(item.tag)", problem: "not a tag MISB ST 0601 defines")
            }
            if let encoding = ST0601Tag.encodings[item.tag] {
                values[item.tag] = try encoding.decode(item.value, tag: item.tag)
            } else if item.tag == ST0601Tag.precisionTimeStamp {
                guard item.value.count == 8 else {
                    throw Rejection(
                        .invalidField, field: "tag 2", problem: "expected 8 bytes, found \(item.value.count)")
                }
                time = Date(timeIntervalSince1970: Double(item.value.bigEndianUnsigned) / 1_000_000)
            }
        }
        func value(_ tag: Int) -> Double? { values[tag] ?? nil }
        func point(_ latitudeTag: Int, _ longitudeTag: Int) -> GeoPoint? {
            guard let latitude = value(latitudeTag), let longitude = value(longitudeTag) else { return nil }
            return GeoPoint(latitude: latitude, longitude: longitude)
        }
        return .sensor(
            KLVSensorMetadata(
                time: time, sensorPosition: point(ST0601Tag.sensorLatitude, ST0601Tag.sensorLongitude),
                sensorAltitudeAMSL: value(ST0601Tag.sensorTrueAltitude),
                horizontalFOVDegrees: value(ST0601Tag.horizontalFOV), verticalFOVDegrees: value(ST0601Tag.verticalFOV),
                slantRangeMetres: value(ST0601Tag.slantRange), targetWidthMetres: value(ST0601Tag.targetWidth),
                frameCentre: point(ST0601Tag.frameCentreLatitude, ST0601Tag.frameCentreLongitude),
                frameCentreElevationAMSL: value(ST0601Tag.frameCentreElevation)))
    }
}
