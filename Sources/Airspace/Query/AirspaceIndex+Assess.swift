import Foundation
import Geo

extension AirspaceIndex {
    /// Which zones and authorisations apply to a drone at a position, altitude and instant, and whether it is
    /// compliant there.
    public func assess(_ query: PositionQuery) -> Assessment {
        let altitudeAMSL = bundle.site.datum.amsl(query.altitude, query.altitudeReference)
        var reasons: [Reason] = []
        var warnings: [Reason] = []
        var nearest: BoundaryDistance?
        func consider(_ fix: ZoneFix) {
            let distance = fix.distance
            if nearest == nil || distance < nearest!.metres {
                let zone = bundle.zones[fix.index]
                nearest = BoundaryDistance(zone: zone.id, kind: zone.kind, metres: distance, isInside: fix.isInsideVolume)
            }
        }

        let (authorisation, authorisationReasons) = authorisation(for: query)
        reasons += authorisationReasons
        var isInsideOperationArea = false
        if let authorisation {
            let areaFixes = authorisation.operationAreas.compactMap { zoneIndexByID[$0] }
                .filter { bundle.zones[$0].missions.contains(query.mission) }
                .map { fix($0, query, altitudeAMSL: altitudeAMSL) }
            isInsideOperationArea = areaFixes.contains { $0.active && $0.isInsideVolume }
            if isInsideOperationArea {
                // Inside overlapping areas, the one with the most room is the one the drone would leave last.
                let inside = areaFixes.filter { $0.active && $0.isInsideVolume }
                let roomiest = inside.max { $0.distance < $1.distance }!
                consider(roomiest)
                let zone = bundle.zones[roomiest.index]
                if zone.marginMetres > 0, roomiest.distance <= zone.marginMetres {
                    warnings.append(
                        Reason(
                            .nearOperationAreaBoundary, subject: zone.id,
                            detail: "\(metres(roomiest.distance)) from the area's limits, margin \(metres(zone.marginMetres))"))
                }
            } else {
                reasons.append(operationAreaReason(areaFixes))
                if let closest = areaFixes.filter(\.active).min(by: { $0.distance < $1.distance }) { consider(closest) }
            }
        }

        var containing: [ZoneKind: [String]] = [:]
        for index in candidates(near: query.position) {
            let zone = bundle.zones[index]
            guard zone.activity.isActive(at: query.time) else { continue }
            let zoneFix = fix(index, query, altitudeAMSL: altitudeAMSL)
            if zoneFix.isInsideVolume { containing[zone.kind, default: []].append(zone.id) }
            switch zone.kind {
            case .operationArea:
                continue
            case .noFly:
                if zoneFix.isInsideVolume {
                    reasons.append(
                        Reason(
                            .inNoFly, subject: zone.id,
                            detail: "inside no-fly zone '\(zone.name)', \(metres(zoneFix.distance)) from its nearest limit"))
                } else if zoneFix.distance <= zone.marginMetres {
                    warnings.append(
                        Reason(.nearNoFly, subject: zone.id, detail: "\(metres(zoneFix.distance)) from no-fly zone '\(zone.name)'"))
                }
                if zoneFix.distance <= searchRadius || zoneFix.isInsideVolume { consider(zoneFix) }
            case .noCapture:
                if !zoneFix.isInsideVolume, zoneFix.distance <= zone.marginMetres {
                    warnings.append(
                        Reason(
                            .nearNoCapture, subject: zone.id,
                            detail: "\(metres(zoneFix.distance)) from no-capture zone '\(zone.name)'"))
                }
            }
        }
        for kind in containing.keys { containing[kind]!.sort() }
        return Assessment(
            verdict: reasons.isEmpty ? .compliant : .breach, reasons: reasons, warnings: warnings, zones: containing,
            authorisation: authorisation?.id, isAuthorisedHere: authorisation != nil && isInsideOperationArea,
            nearestBoundary: nearest)
    }

    /// The authorisation that covers this drone and mission now, or why there is none.
    func authorisation(for query: PositionQuery) -> (Authorisation?, [Reason]) {
        let forDrone = (authorisationsByMission[query.mission] ?? []).filter { $0.drones.contains(query.drone) }
        if let current = forDrone.first(where: { $0.isValid(at: query.time) }) { return (current, []) }
        if forDrone.isEmpty {
            return (nil, [Reason(.noAuthorisation, detail: "no authorisation of mission '\(query.mission)' names drone '\(query.drone)'")])
        }
        if let next = forDrone.filter({ $0.validFrom > query.time }).min(by: { $0.validFrom < $1.validFrom }) {
            return (nil, [Reason(.authorisationNotYetValid, subject: next.id, detail: "valid from \(RFC3339.format(next.validFrom))")])
        }
        let last = forDrone.max { $0.validUntil < $1.validUntil }!
        return (nil, [Reason(.authorisationExpired, subject: last.id, detail: "ended at \(RFC3339.format(last.validUntil))")])
    }

    /// The most specific reason a position is not inside any active operation area of its authorisation.
    private func operationAreaReason(_ fixes: [ZoneFix]) -> Reason {
        let underOutline = fixes.filter(\.horizontal.isInside)
        guard !underOutline.isEmpty else {
            let closest = fixes.min { $0.horizontal.distanceToBoundary < $1.horizontal.distanceToBoundary }
            return Reason(
                .outsideOperationArea, subject: closest.map { bundle.zones[$0.index].id },
                detail: closest.map { "\(metres($0.horizontal.distanceToBoundary)) outside the area" } ?? "no operation area")
        }
        guard let active = underOutline.first(where: \.active) else {
            return Reason(.operationAreaInactive, subject: bundle.zones[underOutline[0].index].id, detail: "the area is not active now")
        }
        let id = bundle.zones[active.index].id
        switch active.vertical {
        case .below(let by): return Reason(.belowFloor, subject: id, detail: "\(metres(by)) below the floor")
        case .above(let by): return Reason(.aboveCeiling, subject: id, detail: "\(metres(by)) above the ceiling")
        case .within: return Reason(.outsideOperationArea, subject: id, detail: "outside the area")
        }
    }

    private func metres(_ value: Double) -> String {
        String(format: "%.1f m", value)
    }
}
