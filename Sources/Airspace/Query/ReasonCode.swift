public import Foundation
import Geo

/// Why a position is in breach, or what a drone is warned about. The raw values are stable: decisions, events
/// and the audit record use them, and reviewers search for them.
public enum ReasonCode: String, Sendable, Hashable, CaseIterable, Comparable {
    // Breaches.
    /// No authorisation of this mission names this drone.
    case noAuthorisation = "no_authorisation"
    /// The drone's authorisation for this mission starts later.
    case authorisationNotYetValid = "authorisation_not_yet_valid"
    /// The drone's authorisation for this mission has ended.
    case authorisationExpired = "authorisation_expired"
    /// Horizontally outside every operation area of the authorisation.
    case outsideOperationArea = "outside_operation_area"
    /// Inside an operation area's outline while that area is not active (window or schedule).
    case operationAreaInactive = "operation_area_inactive"
    /// Below the floor of the operation area.
    case belowFloor = "below_floor"
    /// Above the ceiling of the operation area.
    case aboveCeiling = "above_ceiling"
    /// Inside an active no-fly zone (outline and band).
    case inNoFly = "in_no_fly"

    // Warnings: compliant, but close to a limit.
    /// Within the warning margin of the edge, floor or ceiling of the operation area.
    case nearOperationAreaBoundary = "near_operation_area_boundary"
    /// Within the warning margin of an active no-fly zone.
    case nearNoFly = "near_no_fly"
    /// Within the warning margin of an active no-capture zone.
    case nearNoCapture = "near_no_capture"

    /// One line for documentation and terminal output.
    public var meaning: String {
        switch self {
        case .noAuthorisation: "no authorisation of this mission names this drone"
        case .authorisationNotYetValid: "the authorisation for this drone and mission has not started yet"
        case .authorisationExpired: "the authorisation for this drone and mission has ended"
        case .outsideOperationArea: "horizontally outside every operation area of the authorisation"
        case .operationAreaInactive: "inside an operation area that is not active at this time"
        case .belowFloor: "below the floor of the operation area"
        case .aboveCeiling: "above the ceiling of the operation area"
        case .inNoFly: "inside an active no-fly zone"
        case .nearOperationAreaBoundary: "within the warning margin of the operation area's limits"
        case .nearNoFly: "within the warning margin of an active no-fly zone"
        case .nearNoCapture: "within the warning margin of an active no-capture zone"
        }
    }

    public static func < (lhs: ReasonCode, rhs: ReasonCode) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A reason with what it is about. The numbers are kept as numbers; ``detail`` words them only when asked,
/// so that assessing a position builds no text.
public struct Reason: Sendable, Hashable, CustomStringConvertible {
    public var code: ReasonCode
    /// The zone or authorisation concerned, when there is one.
    public var subject: String?
    /// The distance the reason is about, metres: how far outside, below, above, or from the zone.
    public var metres: Double?
    /// For warnings, the zone's margin, metres.
    public var margin: Double?
    /// For authorisation reasons, when the authorisation starts or ended.
    public var instant: Date?

    public init(
        _ code: ReasonCode, subject: String? = nil, metres: Double? = nil, margin: Double? = nil, instant: Date? = nil
    ) {
        self.code = code
        self.subject = subject
        self.metres = metres
        self.margin = margin
        self.instant = instant
    }

    /// Numbers that make the reason actionable, in words ("12.4 m below the floor").
    public var detail: String {
        let distance = metres.map(formatMetres) ?? "?"
        let marginText = margin.map { ", margin \(formatMetres($0))" } ?? ""
        switch code {
        case .noAuthorisation: return "no authorisation of this mission names this drone"
        case .authorisationNotYetValid: return "valid from \(instant.map(RFC3339.format) ?? "?")"
        case .authorisationExpired: return "ended at \(instant.map(RFC3339.format) ?? "?")"
        case .outsideOperationArea:
            return metres == nil
                ? "no operation area of the authorisation is active now" : "\(distance) outside the area"
        case .operationAreaInactive: return "the area is not active now"
        case .belowFloor: return "\(distance) below the floor"
        case .aboveCeiling: return "\(distance) above the ceiling"
        case .inNoFly: return "inside the no-fly zone, \(distance) from its nearest limit"
        case .nearOperationAreaBoundary: return "\(distance) from the area's limits\(marginText)"
        case .nearNoFly: return "\(distance) from the no-fly zone\(marginText)"
        case .nearNoCapture: return "\(distance) from the no-capture zone\(marginText)"
        }
    }

    public var description: String {
        "\(code.rawValue)\(subject.map { " [\($0)]" } ?? ""): \(detail)"
    }
}

/// `12.3 m`: one decimal.
func formatMetres(_ value: Double) -> String {
    guard value.isFinite else { return "\(value) m" }
    let tenths = Int((value * 10).rounded())
    let sign = tenths < 0 ? "-" : ""
    return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10) m"
}
