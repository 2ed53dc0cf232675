public import Airspace
public import Foundation
import Geo

extension ComplianceEngine {
    /// Puts a new bundle in force from the next message on, for every drone.
    ///
    /// A payload is judged against its drone's last fix, so what that fix was told about the airspace is
    /// judged again now: a new no-fly zone around a hovering drone, or its authorisation revoked, blocks its
    /// very next payload, not only the payload after its next fix. The drone's state and the keys its events
    /// compare with stay as they were, so its next fix still announces the change (`breach_started`).
    public mutating func useAirspace(_ airspace: AirspaceIndex, now: Date) {
        self.airspace = airspace
        for (drone, record) in drones {
            let assessment = airspace.assess(
                PositionQuery(
                    drone: drone, mission: record.mission, position: record.lastPosition,
                    altitude: record.heightAboveGround, altitudeReference: .agl, time: now))
            var updated = record
            updated.breaches =
                record.breaches.filter(\.code.isIntegrity)
                + assessment.reasons.map { Finding($0, severity: .breach) }
            updated.noCapture = assessment.zones.noCapture
            drones[drone] = updated
        }
    }
}
