/// What one drone's record holds that the next owner of its partition needs (Docs/CLUSTER.md): the last accepted
/// fix (its `seq`, the drone's time, its arrival, its position and mission) and what a payload is joined to (the
/// fix's breaches, the no-capture zones it was in, its height above ground). With it, a replay stays a replay,
/// the next fix is measured from the last, and a payload right after a takeover is judged against the drone's
/// standing instead of blocked for want of a fix.
public struct DroneHandover: Codable, Sendable, Hashable {
    public var seq: UInt64
    /// Seconds since 1970: the drone's own time stamp of the fix, and its arrival at the gateway's clock.
    public var fixTime: Double
    public var receivedAt: Double
    public var latitude: Double
    public var longitude: Double
    public var mission: String
    /// The codes of the fix's breaches (airspace and integrity).
    public var breaches: [String]
    public var noCapture: [String]
    public var heightAboveGround: Double

    public init(
        seq: UInt64, fixTime: Double, receivedAt: Double, latitude: Double, longitude: Double, mission: String,
        breaches: [String], noCapture: [String], heightAboveGround: Double
    ) {
        self.seq = seq
        self.fixTime = fixTime
        self.receivedAt = receivedAt
        self.latitude = latitude
        self.longitude = longitude
        self.mission = mission
        self.breaches = breaches
        self.noCapture = noCapture
        self.heightAboveGround = heightAboveGround
    }
}
