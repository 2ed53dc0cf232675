import Foundation
import Geo

/// One ED-269 or ED-318 zone as read, before it becomes flowgate zones: its volumes and when it applies.
struct ZoneDefinition {
    /// The zone's `identifier`, and the label used in messages.
    var identifier: String
    var label: String
    var name: String
    /// The restriction, spelled as ED-269 does (`REQ_AUTHORISATION`).
    var restriction: String
    var reasons: [String]
    var volumes: [Volume]
    /// Alternatives: the zone applies when any applies; empty = permanent.
    var applicability: [Applicability]

    struct Volume {
        var shape: Shape
        var band: AltitudeBand
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

        var usesSolarEvents: Bool {
            if case .event = start { return true }
            if case .event = end { return true }
            return false
        }
    }

    enum DayTime {
        case clock(TimeOfDay)
        case event(SolarEvent)

        /// The instant on the UTC day starting at `day`; `nil` when the sun does not reach the event.
        func instant(on day: Date, at place: GeoPoint) -> Date? {
            switch self {
            case .clock(let time): day.addingTimeInterval(Double(time.secondsSinceMidnight))
            case .event(let event): event.time(on: day, at: place)
            }
        }
    }
}

/// The restrictions of both formats under one spelling: ED-318 writes `REQ_AUTHORIZATION` with a Z.
enum Restriction {
    static let ed269: Set<String> = ["PROHIBITED", "REQ_AUTHORISATION", "CONDITIONAL", "NO_RESTRICTION"]
    static let ed318: Set<String> = ["PROHIBITED", "REQ_AUTHORIZATION", "CONDITIONAL", "NO_RESTRICTION", "USPACE"]
    static let reasons: Set<String> = [
        "AIR_TRAFFIC", "SENSITIVE", "PRIVACY", "POPULATION", "NATURE", "NOISE", "FOREIGN_TERRITORY", "EMERGENCY",
        "OTHER",
    ]

    static func canonical(_ restriction: String) -> String {
        restriction == "REQ_AUTHORIZATION" ? "REQ_AUTHORISATION" : restriction
    }
}
