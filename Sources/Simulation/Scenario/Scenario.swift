public import Foundation
public import Geo

/// A training exercise as written in a scenario file: the site, the drones with their routes and payload
/// streams, the crowd they watch and the scripted faults. See `Simulator/README.md` for the format.
public struct Scenario: Sendable {
    public var name: String
    /// The scenario file, for messages.
    public var file: String
    /// The site bundle (zones and authorisations) the exercise flies in; the gateway must load the same one.
    public var bundleDirectory: URL
    /// Scenario time at which the exercise starts.
    public var start: Date
    /// Length of the exercise, seconds.
    public var duration: Double
    /// The seed used when none is given on the command line.
    public var seed: UInt64
    public var drones: [DroneSpec]
    public var crowd: CrowdSpec
    public var faults: [FaultSpec]

    /// The scenario time `seconds` after the start.
    public func time(at seconds: Double) -> Date { start.addingTimeInterval(seconds) }
}

/// One drone: who it is, what it flies for, its route and what its payload streams publish.
public struct DroneSpec: Sendable {
    public var id: String
    public var mission: String
    public var telemetryHz: Double
    /// Seconds after the start at which the drone lands and stops publishing; the exercise's end by default.
    public var stop: Double?
    public var route: [Waypoint]
    public var streams: [StreamSpec]
    /// The wire format of the drone's telemetry (payload streams are always native).
    public var format: WireFormat = .native
}

/// A point of a drone's route; `speed` is the ground speed on the leg that starts here.
public struct Waypoint: Sendable, Hashable {
    public var position: GeoPoint
    public var altitude: Double
    public var reference: AltitudeReference
    public var speed: Double
}

/// A payload stream of a drone: one data product at a fixed rate.
public struct StreamSpec: Sendable {
    public var name: String
    public var product: String
    public var hz: Double
    public var sensor: SensorSpec?
    /// Grid cell size for density and flow grids, metres.
    public var cellSize: Double
    public var rows: Int
    public var cols: Int
    /// Radius of the area a crowd count covers, metres.
    public var radius: Double
}

/// The camera geometry a stream reports. The slant range is required so that the pixel density on the ground
/// (and so the gateway's verdict) is known exactly.
public struct SensorSpec: Sendable, Hashable {
    public var kind: String
    public var hfov: Double
    public var imageWidth: Int
    public var zoom: Double
    public var slantRange: Double

    /// Ground pixel density at the image centre, px/m: width / (2 * range * tan(hfov / 2 / zoom)), the zoom
    /// narrowing the field of view as the gateway computes it.
    public func pixelDensity(zoom: Double? = nil) -> Double {
        let halfAngle = hfov / 2 * .pi / 180
        let effective = atan(tan(halfAngle) / (zoom ?? self.zoom))
        return Double(imageWidth) / (2 * slantRange * tan(effective))
    }
}

/// The assembly the drones watch: a body of people moving along a route.
public struct CrowdSpec: Sendable {
    public var route: [GeoPoint]
    public var participants: Int
    /// Length of the marching body along the route, metres.
    public var length: Double
    /// Width of the marching body across the route, metres.
    public var width: Double
    /// Walking speed of the body, m/s.
    public var speed: Double
    /// How far along the route the head of the body is at the start, metres.
    public var headStart: Double
}
