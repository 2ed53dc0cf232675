public import Foundation
public import Geo

/// A drone at a place, altitude and instant, flying for a mission.
public struct PositionQuery: Sendable, Hashable {
    public var drone: String
    public var mission: String
    public var position: GeoPoint
    public var altitude: Double
    public var altitudeReference: AltitudeReference
    public var time: Date

    /// - Parameter altitude: metres in `altitudeReference`.
    public init(
        drone: String, mission: String, position: GeoPoint, altitude: Double, altitudeReference: AltitudeReference,
        time: Date
    ) {
        self.drone = drone
        self.mission = mission
        self.position = position
        self.altitude = altitude
        self.altitudeReference = altitudeReference
        self.time = time
    }
}

/// Compliant, or in breach of at least one rule.
public enum Verdict: String, Sendable, Hashable {
    case compliant
    case breach
}

/// The answer to a ``PositionQuery``.
public struct Assessment: Sendable, Hashable {
    public var verdict: Verdict
    /// Why the position is in breach; empty when compliant.
    public var reasons: [Reason]
    /// Limits the drone is close to.
    public var warnings: [Reason]
    /// Ids of the active zones whose volume holds the position, by kind, in bundle order.
    public var zones: ZonesByKind
    /// The authorisation that covers this drone and mission now, if any.
    public var authorisation: String?
    /// True when an authorisation covers the drone now and it is inside an active operation area of it.
    public var isAuthorisedHere: Bool
    /// The closest limit that matters: the edge, floor or ceiling of the operation area, or a no-fly zone.
    public var nearestBoundary: BoundaryDistance?

    /// Whether payload may be captured here as far as zones go: not inside a no-capture zone.
    public var isCaptureAllowed: Bool { zones.noCapture.isEmpty }
}

/// Zone ids sorted by kind.
public struct ZonesByKind: Sendable, Hashable {
    public var operationArea: [String] = []
    public var noFly: [String] = []
    public var noCapture: [String] = []

    public init() {}

    public subscript(kind: ZoneKind) -> [String] {
        get {
            switch kind {
            case .operationArea: operationArea
            case .noFly: noFly
            case .noCapture: noCapture
            }
        }
        set {
            switch kind {
            case .operationArea: operationArea = newValue
            case .noFly: noFly = newValue
            case .noCapture: noCapture = newValue
            }
        }
    }

    public var isEmpty: Bool { operationArea.isEmpty && noFly.isEmpty && noCapture.isEmpty }
    public var count: Int { operationArea.count + noFly.count + noCapture.count }
}

/// How far a position is from a zone's limit, in metres through the air (horizontal and vertical combined).
public struct BoundaryDistance: Sendable, Hashable {
    public var zone: String
    public var kind: ZoneKind
    /// Inside the zone's volume: distance to leave it; outside: distance to enter it.
    public var metres: Double
    public var isInside: Bool
}
