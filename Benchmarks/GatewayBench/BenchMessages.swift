import Foundation
import Geo

/// The messages the gateway benchmark publishes: native telemetry of one drone, and payload products of the
/// sizes the issue names (a 50x50 density grid, a 500-cell flow), all from inside the demo site's route corridor.
/// Each is stamped with `time`, the benchmark's time (see ``BenchClock``).
enum BenchMessages {
    /// Telemetry of drone `index` with sequence number `seq`.
    static func fix(drone index: Int, seq: Int, at time: Date) -> (topic: String, payload: [UInt8]) {
        let drone = "D\(index + 1)"
        let text =
            #"{"v":1,"drone":"\#(drone)","mission":"M-0412","seq":\#(seq),"time":"\#(RFC3339.format(time))","#
            + #""position":{"lat":52.5152,"lon":13.36,"alt_m":75,"alt_ref":"AGL"}}"#
        return ("fleet/\(drone)/telemetry", Array(text.utf8))
    }

    /// A `crowd_density` grid of `side` x `side` cells of 10 m (counts 0 or at least 3: nothing to redact).
    static func density(drone index: Int, seq: Int, side: Int, at time: Date) -> (topic: String, payload: [UInt8]) {
        let counts = (0..<(side * side)).map { String(($0 * 7) % 5 == 0 ? 0 : 3 + $0 % 40) }.joined(separator: ",")
        return payload(
            drone: index, seq: seq, time: time, product: "crowd_density",
            data: #"{"origin":{"lat":52.5160,"lon":13.3770},"cell_m":10,"rows":\#(side),"cols":\#(side),"#
                + #""counts":[\#(counts)]}"#)
    }

    /// A `crowd_flow` message with `cells` cells of 10 m.
    static func flow(drone index: Int, seq: Int, cells: Int, at time: Date) -> (topic: String, payload: [UInt8]) {
        let side = Int(Double(cells).squareRoot().rounded(.up))
        let list = (0..<cells).map {
            #"{"row":\#($0 / side),"col":\#($0 % side),"direction_deg":\#($0 % 360).5,"speed_mps":1.2,"count":\#(3 + $0 % 50)}"#
        }.joined(separator: ",")
        return payload(
            drone: index, seq: seq, time: time, product: "crowd_flow",
            data: #"{"origin":{"lat":52.5160,"lon":13.3770},"cell_m":10,"rows":\#(side),"cols":\#(side),"#
                + #""cells":[\#(list)]}"#)
    }

    private static func payload(drone index: Int, seq: Int, time: Date, product: String, data: String)
        -> (topic: String, payload: [UInt8])
    {
        let drone = "D\(index + 1)"
        let text =
            #"{"v":1,"drone":"\#(drone)","mission":"M-0412","stream":"cam0","seq":\#(seq),"#
            + #""time":"\#(RFC3339.format(time))","product":"\#(product)","#
            + #""sensor":{"kind":"eo_camera","hfov_deg":62.0,"image_width_px":1920,"zoom":1.0,"slant_range_m":110.0},"#
            + #""data":\#(data)}"#
        return ("fleet/\(drone)/payload/cam0", Array(text.utf8))
    }

    /// Message `index` of a run: telemetry only, or (mixed) each drone's fix followed by a 20x20 density grid.
    static func message(_ index: Int, drones: Int, mixed: Bool, at time: Date) -> (topic: String, payload: [UInt8]) {
        guard mixed else { return fix(drone: index % drones, seq: index / drones + 1, at: time) }
        let pair = index / 2
        let drone = pair % drones
        let seq = pair / drones + 1
        return index % 2 == 0
            ? fix(drone: drone, seq: seq, at: time) : density(drone: drone, seq: seq, side: 20, at: time)
    }
}
