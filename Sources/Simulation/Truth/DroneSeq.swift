/// A drone's fix by its `seq`: where a truth message sits in the numbering the gateway's `seq_gap` events count in.
public struct DroneSeq: Sendable, Hashable {
    public var drone: String
    public var seq: Int

    public init(drone: String, seq: Int) {
        self.drone = drone
        self.seq = seq
    }
}
