public import Foundation

/// Permission for one mission to fly named drones in named operation areas for a bounded time, for one
/// purpose, given by an authority on a legal basis with a written justification.
public struct Authorisation: Sendable, Hashable {
    /// The only purpose flowgate knows: estimating attendance, density and movement of an assembly.
    public static let crowdFlowPurpose = "crowd_flow"

    public var id: String
    public var mission: String
    public var purpose: String
    public var drones: [String]
    public var operationAreas: [String]
    /// Valid from this instant (inclusive)…
    public var validFrom: Date
    /// …until this one (exclusive).
    public var validUntil: Date
    public var authority: String
    public var legalReference: String
    public var justification: String

    public init(
        id: String, mission: String, purpose: String = Authorisation.crowdFlowPurpose, drones: [String],
        operationAreas: [String], validFrom: Date, validUntil: Date, authority: String, legalReference: String,
        justification: String
    ) {
        self.id = id
        self.mission = mission
        self.purpose = purpose
        self.drones = drones
        self.operationAreas = operationAreas
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.authority = authority
        self.legalReference = legalReference
        self.justification = justification
    }

    public func isValid(at time: Date) -> Bool { time >= validFrom && time < validUntil }
}
