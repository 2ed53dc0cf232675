import StrictJSON

/// Checks that zones and authorisations agree: unique ids, operation areas and authorisations that name
/// each other, and missions that match.
struct BundleConsistency {
    struct ZoneDeclaration {
        var id: String
        var index: Int
        var kind: String?
        var missions: [String]
    }

    struct AuthorisationDeclaration {
        var id: String?
        var index: Int
        var mission: String?
        var areas: [(index: Int, id: String)]
    }

    var zones: [ZoneDeclaration] = []
    var authorisations: [AuthorisationDeclaration] = []
    /// Whether each file could be read at all; references into an unreadable file are not checked.
    let zonesReadable: Bool
    let authorisationsReadable: Bool

    init(zonesJSON: JSONValue?, authorisationsJSON: JSONValue?) {
        zonesReadable = zonesJSON?["features"]?.arrayValue != nil
        authorisationsReadable = authorisationsJSON?["authorisations"]?.arrayValue != nil
        for (index, feature) in (zonesJSON?["features"]?.arrayValue ?? []).enumerated() {
            guard let properties = feature["properties"], let id = properties["id"]?.stringValue else { continue }
            let missions = properties["missions"]?.arrayValue?.compactMap(\.stringValue) ?? []
            zones.append(
                ZoneDeclaration(id: id, index: index, kind: properties["kind"]?.stringValue, missions: missions))
        }
        for (index, item) in (authorisationsJSON?["authorisations"]?.arrayValue ?? []).enumerated() {
            let areas = (item["operation_areas"]?.arrayValue ?? []).enumerated().compactMap { entry in
                entry.element.stringValue.map { (index: entry.offset, id: $0) }
            }
            authorisations.append(
                AuthorisationDeclaration(
                    id: item["id"]?.stringValue, index: index, mission: item["mission"]?.stringValue, areas: areas))
        }
    }

    func check(log: IssueLog) {
        let zonesFile = BundleLoader.zonesFile, authFile = BundleLoader.authorisationsFile
        var zoneByID: [String: ZoneDeclaration] = [:]
        for zone in zones {
            if let first = zoneByID[zone.id] {
                log.add(
                    BundleIssue(
                        file: zonesFile, item: "zone '\(zone.id)'", field: "properties.id", value: "\"\(zone.id)\"",
                        problem: "duplicate id: features[\(first.index)] and features[\(zone.index)] both use it"))
            } else {
                zoneByID[zone.id] = zone
            }
        }
        var seenAuthorisations: [String: Int] = [:]
        for auth in authorisations {
            guard let id = auth.id else { continue }
            if let first = seenAuthorisations[id] {
                log.add(
                    BundleIssue(
                        file: authFile, item: "authorisation '\(id)'", field: "id", value: "\"\(id)\"",
                        problem: "duplicate id: authorisations[\(first)] and authorisations[\(auth.index)] both use it")
                )
            } else {
                seenAuthorisations[id] = auth.index
            }
        }
        if zonesReadable { checkAuthorisationReferences(zoneByID: zoneByID, log: log) }
        if authorisationsReadable { checkOperationAreaCoverage(log: log) }
    }

    /// Every area an authorisation names exists, is an operation area, and lists the authorisation's mission.
    private func checkAuthorisationReferences(zoneByID: [String: ZoneDeclaration], log: IssueLog) {
        for auth in authorisations {
            let label = auth.id.map { "authorisation '\($0)'" } ?? "authorisations[\(auth.index)]"
            for area in auth.areas {
                let field = "operation_areas[\(area.index)]"
                guard let zone = zoneByID[area.id] else {
                    log.add(
                        BundleIssue(
                            file: BundleLoader.authorisationsFile, item: label, field: field, value: "\"\(area.id)\"",
                            problem: "names no zone in \(BundleLoader.zonesFile)"))
                    continue
                }
                // A zone whose kind is unknown has been reported already; judging it here would only repeat that.
                guard let kind = zone.kind.flatMap(ZoneKind.init(rawValue:)) else { continue }
                if kind != .operationArea {
                    log.add(
                        BundleIssue(
                            file: BundleLoader.authorisationsFile, item: label, field: field, value: "\"\(area.id)\"",
                            problem: "names a \(kind.rawValue) zone; authorisations name operation areas"))
                } else if let mission = auth.mission, !zone.missions.contains(mission) {
                    log.add(
                        BundleIssue(
                            file: BundleLoader.authorisationsFile, item: label, field: field, value: "\"\(area.id)\"",
                            problem: "operation area '\(area.id)' does not list mission '\(mission)' in its missions"))
                }
            }
        }
    }

    /// Every operation area is named by an authorisation of each mission it lists.
    private func checkOperationAreaCoverage(log: IssueLog) {
        for zone in zones where zone.kind == ZoneKind.operationArea.rawValue {
            let naming = authorisations.filter { $0.areas.contains { $0.id == zone.id } }
            if naming.isEmpty {
                log.add(
                    BundleIssue(
                        file: BundleLoader.zonesFile, item: "zone '\(zone.id)'", field: "properties.id",
                        value: "\"\(zone.id)\"",
                        problem:
                            "operation area is referenced by no authorisation in \(BundleLoader.authorisationsFile)"))
                continue
            }
            for (index, mission) in zone.missions.enumerated() where !naming.contains(where: { $0.mission == mission })
            {
                log.add(
                    BundleIssue(
                        file: BundleLoader.zonesFile, item: "zone '\(zone.id)'", field: "properties.missions[\(index)]",
                        value: "\"\(mission)\"",
                        problem: "no authorisation for mission '\(mission)' names this operation area"))
            }
        }
    }
}
