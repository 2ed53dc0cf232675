import Foundation
import Geo

/// One ED-269 or ED-318 zone as read, before it becomes flowgate zones: its volumes and when it applies.
struct ZoneDefinition {
    /// The zone's `identifier`, the label used in messages, and where it is in the file (`features[12]`).
    var identifier: String
    var label: String
    var position: String
    var name: String
    /// The restriction, spelled as ED-269 does (`REQ_AUTHORISATION`).
    var restriction: String
    var reasons: [String]
    var volumes: [Volume]
    /// Alternatives: the zone applies when any applies; empty = permanent.
    var applicability: [Applicability]

    struct Volume {
        /// Read but not yet judged: the geometry of a zone the mapping skips is never checked.
        var outline: ZoneOutline
        var band: AltitudeBand
        /// Where the volume's geometry is, for messages (`geometry`, `geometry.geometries[1]`).
        var path: String
    }

    struct Applicability {
        var from: Date?
        var until: Date?
        /// Empty = the whole window.
        var periods: [Period]
        /// Where the entry was read, for messages.
        var path: String
    }

    struct Period {
        var days: Set<Weekday>
        var start: DayTime
        var end: DayTime
        /// Where the period was read, for the import report.
        var path: String

        var usesSolarEvents: Bool {
            if case .event = start { return true }
            if case .event = end { return true }
            return false
        }
    }

    enum DayTime {
        /// A clock time with its UTC offset as written (none: UTC).
        case clock(FullTime)
        case event(SolarEvent)

        /// The instant on the day starting at `day` (UTC midnight); `nil` when the sun does not reach the event.
        /// - Parameter rounding: clock times to the second, `.down` for a start and `.up` for an end.
        func instant(on day: Date, at place: GeoPoint, rounding: FloatingPointRoundingRule) -> Date? {
            switch self {
            case .clock(let time): day.addingTimeInterval(Double(time.secondsFromUTCMidnight(rounding: rounding)))
            case .event(let event): event.time(on: day, at: place)
            }
        }
    }
}

/// The restrictions of both formats under one spelling: ED-318 writes `REQ_AUTHORIZATION` with a Z.
enum Restriction {
    static let ed269: Set<String> = ["PROHIBITED", "REQ_AUTHORISATION", "CONDITIONAL", "NO_RESTRICTION"]
    static let ed318: Set<String> = ["PROHIBITED", "REQ_AUTHORIZATION", "CONDITIONAL", "NO_RESTRICTION", "USPACE"]
    /// ED-269's reasons and ED-318's (which drops FOREIGN_TERRITORY and adds DAR, a dangerous activity area).
    static let reasons: Set<String> = [
        "AIR_TRAFFIC", "SENSITIVE", "PRIVACY", "POPULATION", "NATURE", "NOISE", "FOREIGN_TERRITORY", "EMERGENCY",
        "DAR", "OTHER",
    ]

    static func canonical(_ restriction: String) -> String {
        restriction == "REQ_AUTHORIZATION" ? "REQ_AUTHORISATION" : restriction
    }
}
