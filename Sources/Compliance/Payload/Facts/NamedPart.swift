/// The parts of a payload message whose name the sender chooses and the identification vocabulary checks:
/// a product or sensor kind off the allowlists, the stream and the mission.
public enum NamedPart: Sendable, Hashable {
    case product, sensorKind, stream, mission

    /// How a finding's detail names the part.
    var phrase: String {
        switch self {
        case .product: "the product"
        case .sensorKind: "the sensor kind"
        case .stream: "the stream's name"
        case .mission: "the mission's name"
        }
    }
}
