public import Geo

/// The faults a scenario can script; the raw values are the names used in scenario files and ground truth.
public enum FaultKind: String, Sendable, Hashable, CaseIterable {
    case driftOutOfArea = "drift_out_of_area"
    case enterNoFly = "enter_no_fly"
    case enterNoCapture = "enter_no_capture"
    case descendBelowFloor = "descend_below_floor"
    case zoomPastCeiling = "zoom_past_ceiling"
    case faceProduct = "face_product"
    case smuggleTrackID = "smuggle_track_id"
    case smallCountCell = "small_count_cell"
    case gpsJump = "gps_jump"
    case telemetryDropout = "telemetry_dropout"
    case clockSkew = "clock_skew"
    case malformedJSON = "malformed_json"
    case oversizedMessage = "oversized_message"
    case spoofedDroneID = "spoofed_drone_id"
    case replayedSeq = "replayed_seq"
    case expiredAuthorisation = "expired_authorisation"
}

/// What a fault does to the drone's messages.
public enum FaultAction: Sendable, Hashable {
    /// Fly to `target` at `transitSpeed` over the ground, stay there, fly back to the route.
    case excursion(target: GeoPoint, transitSpeed: Double)
    /// Descend (or climb) to `altitude`, stay there, return to the route's altitude.
    case altitude(altitude: Double, reference: AltitudeReference, verticalSpeed: Double)
    /// The stream's camera zooms in to `zoom`.
    case zoom(stream: String, zoom: Double)
    /// One message of the stream carries an identification product instead of its own.
    case product(stream: String, product: String)
    /// One crowd-flow message carries a per-person track id in its cells.
    case smuggle(stream: String, key: String)
    /// One grid message has a cell with a count below the suppression threshold.
    case smallCount(stream: String, count: Int)
    /// The reported position jumps `distance` metres towards `bearing`.
    case jump(distance: Double, bearing: Double)
    /// No telemetry.
    case dropout
    /// Telemetry time stamps are off by `offset` seconds.
    case clockSkew(offset: Double)
    /// One message (telemetry, or of `stream`) is cut off in the middle: not JSON.
    case malformed(stream: String?)
    /// One message (telemetry, or of `stream`) is padded to `bytes` bytes.
    case oversized(stream: String?, bytes: Int)
    /// One message (telemetry, or of `stream`) names drone `impersonated` on this drone's own topic.
    case spoof(stream: String?, impersonated: String)
    /// The telemetry message sent `back` seconds earlier is sent again, byte for byte.
    case replay(back: Double)
    /// The drone flies on past the end of its authorisation, or (with `mission`) under a mission whose
    /// authorisation has ended.
    case expiredAuthorisation(mission: String?)
}

/// One entry of the fault script.
public struct FaultSpec: Sendable, Hashable {
    /// Position in the scenario's `faults` array, for messages.
    public var index: Int
    /// Seconds after the start.
    public var at: Double
    public var drone: String
    public var kind: FaultKind
    /// How long the fault lasts, seconds (for an excursion or descent: the time spent at the target); 0 for a
    /// fault that affects a single message.
    public var duration: Double
    public var action: FaultAction

    /// The stream the fault acts on; `nil` when it acts on telemetry.
    public var stream: String? {
        switch action {
        case .zoom(let stream, _), .product(let stream, _), .smuggle(let stream, _), .smallCount(let stream, _):
            stream
        case .malformed(let stream), .oversized(let stream, _), .spoof(let stream, _): stream
        default: nil
        }
    }

    /// Whether the fault changes exactly one message.
    public var isSingleMessage: Bool {
        switch action {
        case .product, .smuggle, .malformed, .oversized, .spoof, .replay: true
        case .smallCount: duration == 0
        default: false
        }
    }
}
