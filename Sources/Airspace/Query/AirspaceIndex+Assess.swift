import Foundation
import Geo

extension AirspaceIndex {
    /// Which zones and authorisations apply to a drone at a position, altitude and instant, and whether it is
    /// compliant there.
    public func assess(_ query: PositionQuery) -> Assessment {
        let point = query.position
        let altitudeAMSL = bundle.site.datum.amsl(query.altitude, query.altitudeReference)
        let (authorisationIndex, authorisationReason) = authorisation(for: query)
        let myAreas = authorisationIndex.map { authorisedAreas[$0] } ?? []
        var reasons: [Reason] = authorisationReason.map { [$0] } ?? []
        var warnings: [Reason] = []
        var zones = ZonesByKind()
        var nearest: BoundaryDistance?
        var areaFixes: [(fix: ZoneFix, active: Bool)] = []
        func consider(_ fix: ZoneFix) {
            let distance = fix.distance
            if nearest == nil || distance < nearest!.metres {
                let zone = bundle.zones[fix.index]
                nearest = BoundaryDistance(zone: zone.id, kind: zone.kind, metres: distance, isInside: fix.isInsideVolume)
            }
        }

        for candidate in candidates(near: point, radius: searchRadius) {
            let index = Int(candidate)
            let zone = bundle.zones[index]
            let isMine = myAreas.contains(index)
            let active = zone.activity.isActive(at: query.time)
            guard active || isMine else { continue }
            // Skip the shape's edges when its boxes show it is out of reach for everything this zone could
            // report: containment, a warning, or (no-fly) the nearest boundary.
            let reach = zone.kind == .noFly ? max(searchRadius, zone.marginMetres) : zone.marginMetres
            if !isMine, !zone.shape.boundingBoxes.contains(where: { $0.minimumDistance(to: point) <= reach }) { continue }
            let zoneFix = fix(index, at: point, altitudeAMSL: altitudeAMSL)
            if isMine { areaFixes.append((zoneFix, active)) }
            guard active else { continue }
            if zoneFix.isInsideVolume { zones[zone.kind].append(zone.id) }
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
                if zoneFix.isInsideVolume || zoneFix.distance <= searchRadius { consider(zoneFix) }
            case .noCapture:
                if !zoneFix.isInsideVolume, zoneFix.distance <= zone.marginMetres {
                    warnings.append(
                        Reason(
                            .nearNoCapture, subject: zone.id,
                            detail: "\(metres(zoneFix.distance)) from no-capture zone '\(zone.name)'"))
                }
            }
        }

        var isInsideOperationArea = false
        if let authorisationIndex {
            // Inside overlapping areas, the one with the most room is the one the drone would leave last.
            let roomiest = areaFixes.filter { $0.active && $0.fix.isInsideVolume }.max { $0.fix.distance < $1.fix.distance }
            if let roomiest = roomiest?.fix {
                isInsideOperationArea = true
                consider(roomiest)
                let zone = bundle.zones[roomiest.index]
                if zone.marginMetres > 0, roomiest.distance <= zone.marginMetres {
                    warnings.append(
                        Reason(
                            .nearOperationAreaBoundary, subject: zone.id,
                            detail: "\(metres(roomiest.distance)) from the area's limits, margin \(metres(zone.marginMetres))"))
                }
            } else {
                let reason = operationAreaReason(areaFixes, authorisation: authorisationIndex, query: query, altitudeAMSL: altitudeAMSL)
                reasons.insert(reason.reason, at: 0)
                if let closest = reason.closest { consider(closest) }
            }
        }
        return Assessment(
            verdict: reasons.isEmpty ? .compliant : .breach, reasons: reasons, warnings: warnings, zones: zones,
            authorisation: authorisationIndex.map { bundle.authorisations[$0].id },
            isAuthorisedHere: isInsideOperationArea, nearestBoundary: nearest)
    }

    /// The authorisation that covers this drone and mission now, or why there is none.
    func authorisation(for query: PositionQuery) -> (Int?, Reason?) {
        var next: Authorisation?
        var last: Authorisation?
        for index in authorisationsByMission[query.mission] ?? [] {
            let auth = bundle.authorisations[index]
            guard auth.drones.contains(query.drone) else { continue }
            if auth.isValid(at: query.time) { return (index, nil) }
            if auth.validFrom > query.time {
                if next == nil || auth.validFrom < next!.validFrom { next = auth }
            } else if last == nil || auth.validUntil > last!.validUntil {
                last = auth
            }
        }
        if let next {
            return (nil, Reason(.authorisationNotYetValid, subject: next.id, detail: "valid from \(RFC3339.format(next.validFrom))"))
        }
        if let last {
            return (nil, Reason(.authorisationExpired, subject: last.id, detail: "ended at \(RFC3339.format(last.validUntil))"))
        }
        return (nil, Reason(.noAuthorisation, detail: "no authorisation of mission '\(query.mission)' names drone '\(query.drone)'"))
    }

    /// The most specific reason a position is not inside any active operation area of its authorisation, and
    /// the active area closest to it.
    private func operationAreaReason(
        _ fixes: [(fix: ZoneFix, active: Bool)], authorisation: Int, query: PositionQuery, altitudeAMSL: Double
    ) -> (reason: Reason, closest: ZoneFix?) {
        let underOutline = fixes.filter(\.fix.horizontal.isInside)
        if let active = underOutline.first(where: \.active)?.fix {
            let id = bundle.zones[active.index].id
            switch active.vertical {
            case .below(let by): return (Reason(.belowFloor, subject: id, detail: "\(metres(by)) below the floor"), active)
            case .above(let by): return (Reason(.aboveCeiling, subject: id, detail: "\(metres(by)) above the ceiling"), active)
            case .within: break  // unreachable: inside outline and band is inside the area
            }
        }
        // Outside every active area's outline: measure the way back to the nearest active one.
        let nearestArea = authorisedAreaTrees[authorisation].nearest(to: query.position) { value in
            let zone = bundle.zones[Int(value)]
            guard zone.activity.isActive(at: query.time) else { return nil }
            return fix(Int(value), at: query.position, altitudeAMSL: altitudeAMSL).distance
        }
        let closest = nearestArea.map { fix(Int($0.value), at: query.position, altitudeAMSL: altitudeAMSL) }
        if let inactive = underOutline.first?.fix {
            return (Reason(.operationAreaInactive, subject: bundle.zones[inactive.index].id, detail: "the area is not active now"), closest)
        }
        guard let closest else {
            return (Reason(.outsideOperationArea, detail: "no operation area of the authorisation is active now"), nil)
        }
        return (
            Reason(
                .outsideOperationArea, subject: bundle.zones[closest.index].id,
                detail: "\(metres(closest.horizontal.distanceToBoundary)) outside the area"),
            closest
        )
    }

    private func metres(_ value: Double) -> String {
        String(format: "%.1f m", value)
    }
}
