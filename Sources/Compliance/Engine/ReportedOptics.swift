/// How a drone's camera points and zooms as an adapter reported it outside the payload message: a DJI
/// aircraft's payload objects (gimbal pitch, zoom factor, laser range) or a MISB ST 0601 KLV packet of the
/// stream. Angles in degrees, distances in metres.
public struct ReportedCamera: Sendable, Hashable {
    /// Optical zoom factor, at least 1.
    public var zoom: Double?
    /// Distance from the camera to the centre of its view.
    public var slantRange: Double?
    /// Degrees below the horizon, 0 (level or above) to 90 (straight down).
    public var depression: Double?

    /// - Parameter depression: degrees below the horizon; a camera looking above the horizon counts as level
    ///   (0), whose range only a slant range bounds.
    public init(zoom: Double?, slantRange: Double?, depression: Double?) {
        self.zoom = zoom.map { max($0, 1) }
        self.slantRange = slantRange.flatMap { $0 > 0 && $0.isFinite ? $0 : nil }
        self.depression = depression.map { min(max($0, 0), 90) }
    }

    /// Several cameras as one, each member at its worst for identification (the highest pixel density): the
    /// largest zoom, the shortest range, the steepest look. The gateway cannot tell which camera made a
    /// payload, so it assumes the one that sees most.
    static func worstCase(_ cameras: [ReportedCamera]) -> ReportedCamera? {
        guard !cameras.isEmpty else { return nil }
        return ReportedCamera(
            zoom: cameras.compactMap(\.zoom).max(), slantRange: cameras.compactMap(\.slantRange).min(),
            depression: cameras.compactMap(\.depression).max())
    }

    /// The message's own sensor completed with what was reported: a missing slant range or depression is
    /// taken from the report, and the zoom is the larger of the two (a payload cannot claim a wider view than
    /// the aircraft says its camera has). What the message gives itself is otherwise kept.
    public func completing(_ sensor: SensorGeometry) -> SensorGeometry {
        var completed = sensor
        if let zoom { completed.zoom = max(sensor.zoom, zoom) }
        if completed.slantRange == nil { completed.slantRange = slantRange }
        if completed.depression == nil { completed.depression = depression }
        return completed
    }
}

/// The latest camera geometry the adapters reported: per drone from its telemetry (replaced by every fix),
/// per stream from its KLV packets (replaced by every packet).
struct ReportedOptics: Sendable {
    var byDrone: [String: [ReportedCamera]] = [:]
    var byStream: [StreamKey: ReportedCamera] = [:]

    /// What completes a payload of `key`: the stream's own KLV report first (it describes that very video),
    /// else the worst case of the drone's cameras.
    func camera(for key: StreamKey) -> ReportedCamera? {
        byStream[key] ?? ReportedCamera.worstCase(byDrone[key.drone] ?? [])
    }
}
