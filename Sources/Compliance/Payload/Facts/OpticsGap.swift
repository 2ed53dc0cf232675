/// What is missing to bound a camera's ground pixel density: each is `optics_unverifiable`.
public enum OpticsGap: Sendable, Hashable {
    /// The product needs a sensor and the message has none.
    case noSensor
    /// Neither a slant range nor a depression.
    case noRangeBound
    /// A depression but no slant range, and the drone's height above ground is not known.
    case heightUnknown
    /// A depression but no slant range, and the drone is at or below the ground.
    case notAboveGround
    /// The geometry gives no positive, finite range.
    case noPositiveRange

    var detail: String {
        switch self {
        case .noSensor: "the product needs the sensor's geometry, and it has none"
        case .noRangeBound: "neither slant_range_m nor depression_deg bounds the camera's range"
        case .heightUnknown: "no slant_range_m, and the drone's height above ground is not known"
        case .notAboveGround: "no slant_range_m, and the drone is not above the ground"
        case .noPositiveRange: "the geometry gives no positive range"
        }
    }
}
