import Foundation
import Geo

extension AirspaceIndex {
    /// Which zones and authorisations apply to a drone at a position, altitude and instant, and whether it is
    /// compliant there.
    public func assess(_ query: PositionQuery) -> Assessment {
        let point = query.position
        let altitudeAMSL = bundle.site.datum.amsl(query.altitude, query.altitudeReference)
        let scale = WGS84.metresPerDegree(atLatitude: point.latitude)
        let (authorisationIndex, authorisationReason) = authorisation(for: query)
        let myAreas = authorisationIndex.map { authorisedAreas[$0] } ?? []
        var reasons: [Reason] = authorisationReason.map { [$0] } ?? []
        var warnings: [Reason] = []
        var zones = ZonesByKind()
        var nearest = NearestLimit()
        var areaFixes: [(fix: ZoneFix, active: Bool)] = []

        withCandidates(near: point, scale: scale) { candidates in
            // Every candidate's record and outline are read below, one after another: ask for them all first.
            records.withUnsafeBufferPointer { records in
                guard let base = records.baseAddress else { return }
                for candidate in candidates { Prefetch.lines(of: base + Int(candidate)) }
            }
            outlines.prefetch(candidates)
            for candidate in candidates {
                let index = Int(candidate)
                let record = records[index]
                let kind = record.kind
                let isMine = kind == .operationArea && myAreas.contains(candidate)
                let active = isActive(index, at: query.time)
                guard active || isMine else { continue }
                let margin = record.margin
                let boxDistance = record.outerBox.minimumDistance(to: point, scale: scale)
                // Out of reach of everything this zone could report (containment, a warning, or for a no-fly
                // zone the nearest boundary): skip its edges. One of the drone's own areas is kept to explain a
                // breach, but outside its box the drone cannot be inside it.
                // A point within the boundary tolerance of the outline counts as inside it, so it may lie that
                // far outside the box too.
                if !isMine, boxDistance > record.reach(searchRadius: searchRadius) { continue }
                // Distances cost a pass over the edges; measure only where a warning or the nearest boundary may
                // need them: a no-fly zone within its margin, or nearer than the nearest boundary found so far
                // (a farther one cannot replace it) and the search radius; a no-capture zone from outside within
                // its margin. A zone whose band is farther than that above or below is not even located.
                let zoneFix: ZoneFix
                switch kind {
                case .operationArea:
                    zoneFix = fix(
                        index, at: point, altitudeAMSL: altitudeAMSL,
                        measure: isMine && boxDistance <= Shape.boundaryTolerance)
                case .noFly:
                    let limit = max(margin, min(searchRadius, nearest.metres))
                    if record.band.locate(altitudeAMSL).excess > limit { continue }
                    // Its box, a lower bound on the distance to its outline, may already be farther.
                    if boxDistance > max(limit, Shape.boundaryTolerance) { continue }
                    zoneFix = fix(index, at: point, altitudeAMSL: altitudeAMSL, within: limit, fromInside: true)
                case .noCapture:
                    if record.band.locate(altitudeAMSL).excess > margin { continue }
                    zoneFix =
                        margin > 0
                        ? fix(index, at: point, altitudeAMSL: altitudeAMSL, within: margin, fromInside: false)
                        : fix(index, at: point, altitudeAMSL: altitudeAMSL, measure: false)
                }
                if isMine { areaFixes.append((zoneFix, active)) }
                guard active else { continue }
                if zoneFix.isInsideVolume { zones[kind].append(bundle.zones[index].id) }
                switch kind {
                case .operationArea:
                    continue
                case .noFly:
                    if zoneFix.isInsideVolume {
                        reasons.append(Reason(.inNoFly, subject: bundle.zones[index].id, metres: zoneFix.distance))
                    } else if zoneFix.distance <= margin {
                        warnings.append(
                            Reason(
                                .nearNoFly, subject: bundle.zones[index].id, metres: zoneFix.distance, margin: margin))
                    }
                    if zoneFix.isInsideVolume || zoneFix.distance <= searchRadius { nearest.consider(zoneFix) }
                case .noCapture:
                    if !zoneFix.isInsideVolume, margin > 0, zoneFix.distance <= margin {
                        warnings.append(
                            Reason(
                                .nearNoCapture, subject: bundle.zones[index].id, metres: zoneFix.distance,
                                margin: margin))
                    }
                }
            }
        }

        var isInsideOperationArea = false
        if let authorisationIndex {
            // Inside overlapping areas, the one with the most room is the one the drone would leave last.
            var roomiest: ZoneFix?
            for (fix, active) in areaFixes where active && fix.isInsideVolume {
                if roomiest == nil || roomiest!.distance < fix.distance { roomiest = fix }
            }
            if let roomiest {
                isInsideOperationArea = true
                nearest.consider(roomiest)
                let margin = records[roomiest.index].margin
                if margin > 0, roomiest.distance <= margin {
                    warnings.append(
                        Reason(
                            .nearOperationAreaBoundary, subject: bundle.zones[roomiest.index].id,
                            metres: roomiest.distance, margin: margin))
                }
            } else {
                let reason = operationAreaReason(
                    areaFixes, authorisation: authorisationIndex, query: query, altitudeAMSL: altitudeAMSL)
                // First among the reasons; usually the only one (inserting into an empty array costs more).
                if reasons.isEmpty { reasons.append(reason.reason) } else { reasons.insert(reason.reason, at: 0) }
                if let closest = reason.closest { nearest.consider(closest) }
            }
        }
        return Assessment(
            verdict: reasons.isEmpty ? .compliant : .breach, reasons: reasons, warnings: warnings, zones: zones,
            authorisation: authorisationIndex.map { bundle.authorisations[$0].id },
            isAuthorisedHere: isInsideOperationArea,
            nearestBoundary: nearest.isFound
                ? BoundaryDistance(
                    zone: bundle.zones[nearest.index].id, kind: records[nearest.index].kind, metres: nearest.metres,
                    isInside: nearest.isInside)
                : nil)
    }

    /// The authorisation that covers this drone and mission now, or why there is none.
    func authorisation(for query: PositionQuery) -> (Int?, Reason?) {
        var next: Int?
        var last: Int?
        let authorisations = bundle.authorisations
        for index in authorisationIndexes(ofMission: query.mission) {
            guard authorisations[index].drones.contains(query.drone) else { continue }
            if authorisations[index].isValid(at: query.time) { return (index, nil) }
            if authorisations[index].validFrom > query.time {
                if next == nil || authorisations[index].validFrom < authorisations[next!].validFrom { next = index }
            } else if last == nil || authorisations[index].validUntil > authorisations[last!].validUntil {
                last = index
            }
        }
        if let next {
            let auth = authorisations[next]
            return (nil, Reason(.authorisationNotYetValid, subject: auth.id, instant: auth.validFrom))
        }
        if let last {
            let auth = authorisations[last]
            return (nil, Reason(.authorisationExpired, subject: auth.id, instant: auth.validUntil))
        }
        return (nil, Reason(.noAuthorisation))
    }

    /// The most specific reason a position is not inside any active operation area of its authorisation, and
    /// the active area closest to it.
    private func operationAreaReason(
        _ fixes: [(fix: ZoneFix, active: Bool)], authorisation: Int, query: PositionQuery, altitudeAMSL: Double
    ) -> (reason: Reason, closest: ZoneFix?) {
        if let active = fixes.first(where: { $0.active && $0.fix.isInsideOutline })?.fix {
            let id = bundle.zones[active.index].id
            switch active.vertical {
            case .below(let by): return (Reason(.belowFloor, subject: id, metres: by), active)
            case .above(let by): return (Reason(.aboveCeiling, subject: id, metres: by), active)
            case .within: break  // unreachable: inside outline and band is inside the area
            }
        }
        // Outside every active area's outline: measure the way back to the nearest active one, reusing the
        // areas measured already.
        var closest: ZoneFix?
        // Through a pointer: a copy of the tree would retain and release each of its arrays.
        _ = authorisedAreaTrees.withUnsafeBufferPointer { trees in
            trees[authorisation].nearest(to: query.position) { value in
                let index = Int(value)
                guard isActive(index, at: query.time) else { return nil }
                // An area farther than the closest so far cannot replace it: its distance need not be exact.
                let areaFix =
                    fixes.first { $0.fix.index == index && $0.fix.outlineDistance != nil }?.fix
                    ?? fix(
                        index, at: query.position, altitudeAMSL: altitudeAMSL, within: closest?.distance ?? .infinity,
                        fromInside: true)
                if closest == nil || areaFix.distance < closest!.distance { closest = areaFix }
                return areaFix.distance
            }
        }
        if let inactive = fixes.first(where: \.fix.isInsideOutline)?.fix {
            return (Reason(.operationAreaInactive, subject: bundle.zones[inactive.index].id), closest)
        }
        guard let closest else {
            return (Reason(.outsideOperationArea), nil)
        }
        return (
            Reason(
                .outsideOperationArea, subject: bundle.zones[closest.index].id, metres: closest.outlineDistance ?? 0),
            closest
        )
    }
}
