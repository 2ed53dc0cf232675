public import Geo

/// What a zone means for a drone.
public enum ZoneKind: String, Sendable, Hashable, CaseIterable, Comparable {
    /// The drone must be inside one active area of its mission.
    case operationArea = "operation_area"
    /// The drone must not be inside.
    case noFly = "no_fly"
    /// Flying over is allowed; payload captured from inside is not (homes, clinics, places of worship).
    case noCapture = "no_capture"

    public static func < (lhs: ZoneKind, rhs: ZoneKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One zone of a bundle: a volume (shape and altitude band) that applies at certain times.
public struct Zone: Sendable, Hashable {
    public var id: String
    public var name: String
    public var kind: ZoneKind
    public var shape: Shape
    public var band: AltitudeBand
    public var activity: Activity
    /// Distance from the boundary, in metres, at which a drone is warned.
    public var marginMetres: Double
    /// For operation areas: the missions that may use the area.
    public var missions: [String]

    public init(
        id: String, name: String, kind: ZoneKind, shape: Shape, band: AltitudeBand = .unlimited,
        activity: Activity = .always, marginMetres: Double = 0, missions: [String] = []
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.shape = shape
        self.band = band
        self.activity = activity
        self.marginMetres = marginMetres
        self.missions = missions
    }
}
