public import Foundation
public import Geo

/// Where a video sensor is and what it sees, from one MISB ST 0601 packet: the inputs of the optics rule
/// except the image width, which comes from the stream's configuration. Every member is absent when the
/// packet does not carry it (or carries ST 0601's out-of-range indicator).
public struct KLVSensorMetadata: Sendable, Hashable {
    /// Tag 2, the precision time stamp.
    public var time: Date?
    /// Tags 13 and 14.
    public var sensorPosition: GeoPoint?
    /// Tag 15, metres above mean sea level.
    public var sensorAltitudeAMSL: Double?
    /// Tag 16, degrees.
    public var horizontalFOVDegrees: Double?
    /// Tag 17, degrees.
    public var verticalFOVDegrees: Double?
    /// Tag 21, metres from the sensor to the frame centre.
    public var slantRangeMetres: Double?
    /// Tag 22, metres across the frame at its centre.
    public var targetWidthMetres: Double?
    /// Tags 23 and 24.
    public var frameCentre: GeoPoint?
    /// Tag 25, metres above mean sea level.
    public var frameCentreElevationAMSL: Double?

    public init(
        time: Date? = nil, sensorPosition: GeoPoint? = nil, sensorAltitudeAMSL: Double? = nil,
        horizontalFOVDegrees: Double? = nil, verticalFOVDegrees: Double? = nil, slantRangeMetres: Double? = nil,
        targetWidthMetres: Double? = nil, frameCentre: GeoPoint? = nil, frameCentreElevationAMSL: Double? = nil
    ) {
        self.time = time
        self.sensorPosition = sensorPosition
        self.sensorAltitudeAMSL = sensorAltitudeAMSL
        self.horizontalFOVDegrees = horizontalFOVDegrees
        self.verticalFOVDegrees = verticalFOVDegrees
        self.slantRangeMetres = slantRangeMetres
        self.targetWidthMetres = targetWidthMetres
        self.frameCentre = frameCentre
        self.frameCentreElevationAMSL = frameCentreElevationAMSL
    }

    /// Degrees below the horizon of the line of sight to the frame centre, from the sensor's altitude, the
    /// frame centre's elevation and the slant range (`asin(height difference / slant range)`); `nil` when one
    /// is missing or they disagree (a height difference larger than the range). The sensor's relative angles
    /// (tags 18 and 19) are not used: they need the platform's attitude and are synthetic in the samples.
    public var depressionDegrees: Double? {
        guard let sensorAltitudeAMSL, let frameCentreElevationAMSL, let slantRangeMetres, slantRangeMetres > 0
        else { return nil }
        let ratio = (sensorAltitudeAMSL - frameCentreElevationAMSL) / slantRangeMetres
        guard (-1...1).contains(ratio) else { return nil }
        return asin(ratio) * 180 / .pi
    }
}
