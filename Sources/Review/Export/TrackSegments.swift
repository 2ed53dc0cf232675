public import Audit
import Foundation

/// A drone's track cut into pieces of one compliance state: each piece begins at the last fix of the one before,
/// so the line stays connected on the map. A silence longer than the gap limit starts a new piece.
public struct TrackSegment: Sendable, Equatable {
    public var drone: String
    public var mission: String?
    public var state: TrackState
    public var fixes: [TrackPoint]

    public static func split(_ tracks: [TrackPoint], maximumGap: Double = RunSummary.defaultMaximumFixGap)
        -> [TrackSegment]
    {
        var segments: [TrackSegment] = []
        var current: [String: Int] = [:]
        for fix in tracks {
            let key = "\(fix.drone)\u{1}\(fix.mission ?? "")"
            if let index = current[key], let last = segments[index].fixes.last {
                let gap = fix.time.timeIntervalSince(last.time)
                if segments[index].state == fix.state, gap <= maximumGap {
                    segments[index].fixes.append(fix)
                    continue
                }
                current[key] = segments.count
                let joined = gap <= maximumGap ? [last, fix] : [fix]
                segments.append(TrackSegment(drone: fix.drone, mission: fix.mission, state: fix.state, fixes: joined))
            } else {
                current[key] = segments.count
                segments.append(TrackSegment(drone: fix.drone, mission: fix.mission, state: fix.state, fixes: [fix]))
            }
        }
        return segments
    }
}
