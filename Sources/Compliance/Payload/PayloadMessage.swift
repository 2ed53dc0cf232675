public import Foundation
public import Geo

/// The envelope of a native payload v1 message: who sent it, on which stream, and what it carries.
public struct PayloadEnvelope: Sendable, Hashable {
    public var drone: String
    public var mission: String
    public var stream: String
    public var seq: UInt64
    /// When the drone says the product was made.
    public var time: Date
    /// The product as named in the message. Only a known or identification product name is kept: an unknown
    /// one is the payload's own text, and is replaced by ``unknownProduct``.
    public var product: String

    /// What ``product`` holds for a product flowgate does not know.
    public static let unknownProduct = "_unknown"
    /// What ``product`` holds for a product off the spec's list whose name names identification.
    public static let identificationProduct = "_identification"
}

/// The camera that made the product. Angles in degrees.
public struct SensorGeometry: Sendable, Hashable {
    public var kind: SensorKind?
    public var horizontalFieldOfView: Double
    public var verticalFieldOfView: Double?
    public var imageWidth: Int
    public var zoom: Double
    public var slantRange: Double?
    /// The gimbal's angle below the horizon, 0 (level) to 90 (straight down).
    public var depression: Double?
}

/// A grid of cells laid from its north-west corner: rows run south, columns east.
public struct CellGrid: Sendable, Hashable {
    public var origin: GeoPoint
    public var cellSize: Double
    public var rows: Int
    public var columns: Int
}

/// One cell of a flow grid.
public struct FlowCell: Sendable, Hashable {
    public var row: Int
    public var column: Int
    public var direction: Double
    public var speed: Double
    public var count: Int
}

/// The content of an allowed product, decoded.
public enum ProductData: Sendable, Hashable {
    case crowdCount(centre: GeoPoint, radius: Double, count: Int)
    case crowdDensity(CellGrid, counts: [Int])
    case crowdFlow(CellGrid, cells: [FlowCell])
    case routeEstimate(line: [GeoPoint], confidence: Double?)
    case frame(reference: String)
    case clip(reference: String, duration: Double?)
}
