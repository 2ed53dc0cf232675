import Foundation

/// The first operator's half of a four-eyes release: who, why and when (wall clock).
struct ReleaseApproval: Sendable, Hashable {
    var operatorName: String
    var reason: String
    var time: Date
}
