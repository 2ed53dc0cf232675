/// A video sensor's geometry from a KLV packet (MISB ST 0601) of one stream, with the image width the
/// stream's configuration gives. Angles in degrees, distances in metres.
public struct ReportedSensor: Sendable, Hashable {
    public var horizontalFieldOfView: Double?
    public var verticalFieldOfView: Double?
    public var imageWidth: Int
    public var slantRange: Double?
    /// Degrees below the horizon of the line of sight to the frame centre.
    public var depression: Double?

    public init(
        horizontalFieldOfView: Double?, verticalFieldOfView: Double?, imageWidth: Int, slantRange: Double?,
        depression: Double?
    ) {
        self.horizontalFieldOfView = horizontalFieldOfView
        self.verticalFieldOfView = verticalFieldOfView
        self.imageWidth = imageWidth
        self.slantRange = slantRange
        self.depression = depression
    }
}
