/// The families of rules whose mode (`enforce` or `observe`) is configured on its own. `geofence` is the live
/// join with the drone's position, which the gateway applies; the payload rules use the other three.
public enum RuleFamily: String, Sendable, Hashable, CaseIterable {
    case geofence
    case purpose
    case aggregation
    case optics
}
