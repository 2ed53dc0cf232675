public import Compliance

/// The wire format a fix arrived in; egress records it beside the normalised native fix.
public enum SourceFormat: String, Sendable, Hashable, CaseIterable {
    case native
    case djiCloudAPI = "dji_cloud_api"
    case mavlinkJSON = "mavlink_json"
    case remoteID = "remote_id"
    case misbKLV = "misb_klv"
}

/// One position report from a non-native source, turned into the fix the compliance engine judges, plus what
/// the source said beyond it.
public struct AdaptedTelemetry: Sendable, Hashable {
    /// The fix, exactly as the native decoder would have produced it.
    public var fix: TelemetryFix
    public var source: SourceFormat
    /// The flight controller's armed state, when the source reports it (MAVLink HEARTBEAT base_mode bit 128).
    public var armed: Bool?
    /// The source's flight mode code, when it has one (DJI `mode_code`, 0-17).
    public var flightMode: Int?
    /// The drone's cameras as the source describes them (DJI payload objects and `cameras[]`), by payload
    /// index; the optics rule uses them for that drone's imagery.
    public var cameras: [CameraGeometry]

    public init(
        fix: TelemetryFix, source: SourceFormat, armed: Bool? = nil, flightMode: Int? = nil,
        cameras: [CameraGeometry] = []
    ) {
        self.fix = fix
        self.source = source
        self.armed = armed
        self.flightMode = flightMode
        self.cameras = cameras
    }
}

/// How one camera of a drone points and zooms, as far as the source tells: the inputs the optics rule needs
/// besides the stream's configured field of view and image width.
public struct CameraGeometry: Sendable, Hashable {
    /// The source's payload index, `{type}-{subtype}-{gimbal}` for DJI (`"52-0-0"`).
    public var payloadIndex: String
    /// Degrees below the horizon (`-gimbal_pitch`); negative when the camera looks above the horizon.
    public var depressionDegrees: Double?
    /// Optical zoom factor, at least 1.
    public var zoom: Double?
    /// Distance to what the camera looks at, metres (the laser range finder's slant range).
    public var slantRangeMetres: Double?

    public init(payloadIndex: String, depressionDegrees: Double?, zoom: Double?, slantRangeMetres: Double?) {
        self.payloadIndex = payloadIndex
        self.depressionDegrees = depressionDegrees
        self.zoom = zoom
        self.slantRangeMetres = slantRangeMetres
    }
}

/// A track or heading in degrees folded into 0 ..< 360 (sources give -180 ... 180 or 0 ... 360).
func normalisedTrack(_ degrees: Double) -> Double {
    let folded = degrees.truncatingRemainder(dividingBy: 360)
    return folded < 0 ? folded + 360 : folded
}
