import Airspace
import Foundation
import StrictJSON
import Testing

/// Each rule of bundle validation, broken once, must be reported with its file, item, field and value.
@Suite("Bundle validation errors")
struct BundleValidationTests {
    /// The only issue of a fixture after `edit`; records a failure when there is not exactly one.
    func onlyIssue(_ edit: (inout BundleFixture) -> Void, sourceLocation: SourceLocation = #_sourceLocation)
        -> BundleIssue?
    {
        var fixture = BundleFixture()
        edit(&fixture)
        let issues = fixture.issues()
        #expect(issues.count == 1, "expected one issue, got \(issues)", sourceLocation: sourceLocation)
        return issues.first
    }

    func setRing(_ fixture: inout BundleFixture, _ id: String, _ ring: [[Double]]) {
        fixture.editFeature(id) {
            $0["geometry"] = .object([
                "type": "Polygon", "coordinates": .array([.array(ring.map { .array($0.map { .number($0) }) })]),
            ])
        }
    }

    @Test("an unclosed ring")
    func unclosedRing() {
        let issue = onlyIssue {
            setRing(&$0, "NC-1", [[13.37, 52.51], [13.38, 52.51], [13.38, 52.52], [13.37, 52.52]])
        }
        #expect(issue?.file == "zones.geojson")
        #expect(issue?.item == "zone 'NC-1'")
        #expect(issue?.field == "geometry.coordinates[0]")
        #expect(issue?.problem.contains("not closed") == true)
    }

    @Test("a ring of fewer than 4 positions")
    func shortRing() {
        let issue = onlyIssue { setRing(&$0, "NC-1", [[13.37, 52.51], [13.38, 52.51], [13.37, 52.51]]) }
        #expect(issue?.field == "geometry.coordinates[0]")
        #expect(issue?.value == "\"3 positions\"")
        #expect(issue?.problem.contains("at least 4") == true)
    }

    @Test("a self-intersecting ring (bow tie)")
    func selfIntersecting() {
        let issue = onlyIssue {
            setRing(&$0, "NC-1", [[13.37, 52.51], [13.38, 52.52], [13.38, 52.51], [13.37, 52.52], [13.37, 52.51]])
        }
        #expect(issue?.field == "geometry.coordinates[0]")
        #expect(issue?.problem.contains("intersects itself") == true)
    }

    @Test("a coordinate out of range names the position")
    func coordinateOutOfRange() {
        let issue = onlyIssue {
            setRing(&$0, "NC-1", [[13.37, 52.51], [13.38, 91.0], [13.38, 52.52], [13.37, 52.51]])
        }
        #expect(issue?.field == "geometry.coordinates[0][1]")
        #expect(issue?.value == "[13.38,91.0]")
        #expect(issue?.problem.contains("latitude 91.0 is out of range") == true)
    }

    @Test("a number too large to be finite is refused by the JSON reader")
    func notFinite() {
        var fixture = BundleFixture()
        let text = String(decoding: fixture.zonesData, as: UTF8.self).replacingOccurrences(of: "13.3777", with: "1e999")
        let issues: [BundleIssue]
        do {
            _ = try BundleLoader.load(
                site: .success(fixture.siteData), zones: .success(Data(text.utf8)),
                authorisations: .success(fixture.authorisationsData))
            issues = []
        } catch {
            issues = error.issues
        }
        fixture = BundleFixture()
        #expect(issues.count == 1)
        #expect(issues.first?.problem == "number is too large")
        #expect(issues.first?.field.hasPrefix("line 1, column") == true)
    }

    @Test("a floor above the ceiling, compared across references")
    func floorAboveCeiling() {
        // 100 m AGL is 134 m AMSL here, above a ceiling of 120 m AMSL.
        let issue = onlyIssue {
            $0.editProperties("OA-1") { $0["band"] = BundleFixture.band(floor: (100, "AGL"), ceiling: (120, "AMSL")) }
        }
        #expect(issue?.item == "zone 'OA-1'")
        #expect(issue?.field == "properties.band.floor")
        #expect(issue?.problem.contains("above the ceiling") == true)
    }

    @Test("an unknown kind")
    func unknownKind() {
        let issue = onlyIssue { $0.editProperties("NC-1") { $0["kind"] = "no_photo" } }
        #expect(issue?.field == "properties.kind")
        #expect(issue?.value == "\"no_photo\"")
    }

    @Test("an unknown altitude reference and unit")
    func unknownReference() {
        var fixture = BundleFixture()
        fixture.editProperties("NF-1") {
            $0["band"] = .object([
                "floor": .object(["value": .number(0), "ref": "MSL"]),
                "ceiling": .object(["value": .number(300), "ref": "AGL", "unit": "yd"]),
            ])
        }
        let issues = fixture.issues()
        #expect(issues.map(\.field).sorted() == ["properties.band.ceiling.unit", "properties.band.floor.ref"])
        #expect(issues.map(\.value).sorted() == ["\"MSL\"", "\"yd\""])
    }

    @Test("duplicate zone ids")
    func duplicateZoneIDs() {
        let issue = onlyIssue {
            $0.features.append(
                BundleFixture.feature(
                    id: "NC-1", kind: "no_capture",
                    geometry: BundleFixture.square(lat: 52.51, lon: 13.37, halfSide: 0.001)))
        }
        #expect(issue?.field == "properties.id")
        #expect(issue?.problem.contains("features[2] and features[3]") == true)
    }

    @Test("duplicate authorisation ids")
    func duplicateAuthorisationIDs() {
        let issue = onlyIssue { $0.authorisations.append($0.authorisations[0]) }
        #expect(issue?.file == "authorisations.json")
        #expect(issue?.field == "id")
        #expect(issue?.problem.contains("duplicate") == true)
    }

    @Test("an operation area that no authorisation references")
    func unreferencedOperationArea() {
        let issue = onlyIssue {
            $0.features.append(
                BundleFixture.feature(
                    id: "OA-2", kind: "operation_area",
                    geometry: BundleFixture.square(lat: 52.52, lon: 13.39, halfSide: 0.002),
                    extra: ["missions": .array(["M-1"])]))
        }
        #expect(issue?.item == "zone 'OA-2'")
        #expect(issue?.problem.contains("referenced by no authorisation") == true)
    }

    @Test("an authorisation naming an unknown area, and one naming a no-fly zone")
    func unknownArea() {
        var fixture = BundleFixture()
        fixture.authorisations[0]["operation_areas"] = .array(["OA-1", "OA-9", "NF-1"])
        let issues = fixture.issues()
        #expect(issues.count == 2)
        #expect(issues.map(\.field) == ["operation_areas[1]", "operation_areas[2]"])
        #expect(issues[0].value == "\"OA-9\"")
        #expect(issues[0].problem.contains("names no zone"))
        #expect(issues[1].problem.contains("no_fly"))
    }

    @Test("an authorisation for a mission the area does not list")
    func missionMismatch() {
        var fixture = BundleFixture()
        fixture.authorisations[0]["mission"] = "M-2"
        let issues = fixture.issues()
        #expect(issues.count == 2)
        #expect(
            issues.first { $0.file == "authorisations.json" }?.problem.contains("does not list mission 'M-2'") == true)
        // And the area's own mission is left without an authorisation.
        #expect(issues.first { $0.file == "zones.geojson" }?.field == "properties.missions[0]")
    }

    @Test(
        "an authorisation without justification, authority or window",
        arguments: ["justification", "authority", "valid_from", "valid_until", "legal_reference"])
    func missingMandatoryField(field: String) {
        let issue = onlyIssue { $0.authorisations[0][field] = nil }
        #expect(issue?.item == "authorisation 'AUTH-1'")
        #expect(issue?.field == field)
        #expect(issue?.problem == "is required")
    }

    @Test("a blank or token justification is refused")
    func shortJustification() {
        let issue = onlyIssue { $0.authorisations[0]["justification"] = "n/a" }
        #expect(issue?.field == "justification")
        #expect(issue?.problem.contains("at least 20 characters") == true)
    }

    @Test("an authorisation longer than the bundle's maximum: no blanket authorisation")
    func blanketAuthorisation() {
        let issue = onlyIssue { $0.authorisations[0]["valid_until"] = "2026-11-28T21:00:00Z" }
        #expect(issue?.field == "valid_until")
        #expect(issue?.problem.contains("13 h exceeds the bundle's maximum of 12 h") == true)
    }

    @Test("the maximum is the site's to set")
    func configuredMaximum() throws {
        var fixture = BundleFixture()
        fixture.site["max_authorisation_hours"] = .number(6)
        let issues = fixture.issues()
        #expect(issues.first?.problem.contains("maximum of 6 h") == true)
        fixture.authorisations[0]["valid_until"] = "2026-11-28T14:00:00Z"
        #expect(fixture.issues().isEmpty)
    }

    @Test("a purpose other than crowd_flow")
    func wrongPurpose() {
        let issue = onlyIssue { $0.authorisations[0]["purpose"] = "identification" }
        #expect(issue?.field == "purpose")
    }

    @Test("all errors across all files are reported in one pass")
    func allErrorsAtOnce() {
        var fixture = BundleFixture()
        fixture.site["geoid_undulation_m"] = "forty"
        fixture.editProperties("OA-1") { $0["kind"] = "operation_zone" }
        setRing(&fixture, "NC-1", [[13.37, 52.51], [13.38, 52.51], [13.38, 52.52], [13.37, 52.52]])
        fixture.authorisations[0]["justification"] = nil
        fixture.authorisations[0]["drones"] = .array([])
        let issues = fixture.issues()
        #expect(
            Set(issues.map { "\($0.file) \($0.field)" }) == [
                "site.json geoid_undulation_m", "zones.geojson properties.kind",
                "zones.geojson geometry.coordinates[0]",
                "authorisations.json justification", "authorisations.json drones",
            ])
        // Every message is self-contained: file, item, field and value in one line.
        #expect(issues.allSatisfy { !$0.description.contains("\n") && $0.description.hasPrefix($0.file) })
    }

    @Test("a null band or radius is refused, never read as 'no limit' or 'no zone'")
    func nullsRefused() {
        var fixture = BundleFixture()
        fixture.editProperties("NF-1") {
            $0["band"] = .null; $0["radius_m"] = .null
        }
        let issues = fixture.issues()
        #expect(issues.map(\.field).sorted() == ["properties.band", "properties.radius_m"])
        #expect(issues.allSatisfy { $0.value == "null" && $0.problem.contains("may not be null") })
    }

    @Test("a zone description must be text")
    func descriptionType() {
        let issue = onlyIssue { $0.editProperties("NC-1") { $0["description"] = .number(42) } }
        #expect(issue?.field == "properties.description")
        #expect(issue?.problem.contains("expected a string") == true)
    }

    @Test("a hole whose edge cuts outside a concave outer ring")
    func holeCrossingOuter() {
        // An outer ring shaped like a U; the hole's corners are inside the U's arms but its edge crosses the gap.
        let outer: [[Double]] = [
            [13.370, 52.510], [13.376, 52.510], [13.376, 52.516], [13.374, 52.516], [13.374, 52.512],
            [13.372, 52.512], [13.372, 52.516], [13.370, 52.516], [13.370, 52.510],
        ]
        let hole: [[Double]] = [
            [13.3705, 52.5125], [13.3755, 52.5125], [13.3755, 52.5110], [13.3705, 52.5110], [13.3705, 52.5125],
        ]
        let issue = onlyIssue { fixture in
            fixture.editFeature("NC-1") {
                $0["geometry"] = .object([
                    "type": "Polygon",
                    "coordinates": .array(
                        [outer, hole].map { ring in .array(ring.map { .array($0.map { .number($0) }) }) }),
                ])
            }
        }
        #expect(issue?.field == "geometry.coordinates[1]")
        #expect(issue?.problem == "hole's edges cross the outer ring")
    }

    @Test("overlapping holes")
    func overlappingHoles() {
        let issue = onlyIssue { fixture in
            fixture.editFeature("NC-1") {
                $0["geometry"] = .object([
                    "type": "Polygon",
                    "coordinates": .array([
                        BundleFixture.ring(lat: 52.5140, lon: 13.3740, halfSide: 0.002),
                        BundleFixture.ring(lat: 52.5140, lon: 13.3740, halfSide: 0.0005),
                        BundleFixture.ring(lat: 52.5143, lon: 13.3743, halfSide: 0.0005),
                    ]),
                ])
            }
        }
        #expect(issue?.field == "geometry.coordinates[2]")
        #expect(issue?.problem == "hole overlaps hole coordinates[1]")
    }

    @Test("MultiPolygon parts that overlap, and parts that only touch")
    func multiPolygonParts() {
        func multi(_ second: JSONValue) -> (inout BundleFixture) -> Void {
            { fixture in
                fixture.editFeature("NC-1") {
                    $0["geometry"] = .object([
                        "type": "MultiPolygon",
                        "coordinates": .array([
                            .array([BundleFixture.ring(lat: 52.5140, lon: 13.3740, halfSide: 0.001)]), .array([second]),
                        ]),
                    ])
                }
            }
        }
        let overlap = onlyIssue(multi(BundleFixture.ring(lat: 52.5145, lon: 13.3745, halfSide: 0.001)))
        #expect(overlap?.field == "geometry.coordinates[1]")
        #expect(overlap?.problem.contains("overlaps polygon geometry.coordinates[0]") == true)
        // Side by side, sharing an edge: allowed.
        var touching = BundleFixture()
        multi(BundleFixture.ring(lat: 52.5140, lon: 13.3760, halfSide: 0.001))(&touching)
        #expect(touching.issues().isEmpty)
        // One part inside the other.
        let nested = onlyIssue(multi(BundleFixture.ring(lat: 52.5140, lon: 13.3740, halfSide: 0.0002)))
        #expect(nested?.problem.contains("overlaps") == true)
    }

    @Test("a schedule time with a sign or one digit is refused")
    func scheduleTimeFormat() {
        var fixture = BundleFixture()
        fixture.editProperties("OA-1") {
            $0["schedule"] = .array([.object(["days": .array(["SAT"]), "start": "+8:00", "end": "7:00"])])
        }
        let issues = fixture.issues()
        #expect(issues.map(\.field) == ["properties.schedule[0].start", "properties.schedule[0].end"])
    }

    @Test("a day named twice in different case is refused, not silently dropped")
    func duplicateDay() {
        var fixture = BundleFixture()
        fixture.editProperties("OA-1") {
            $0["schedule"] = .array([.object(["days": .array(["SAT", "sat"]), "start": "08:00", "end": "20:00"])])
        }
        let issues = fixture.issues()
        #expect(issues.map(\.field) == ["properties.schedule[0].days[1]"])
        #expect(issues.first?.problem == "names SAT a second time")
    }

    @Test("a blank entry in a list is refused")
    func blankListEntry() {
        let issue = onlyIssue { $0.authorisations[0]["drones"] = .array(["D1", " "]) }
        #expect(issue?.field == "drones[1]")
        #expect(issue?.problem == "must not be empty or blank")
    }

    @Test("holes that fill the whole outer ring leave no area, and are refused")
    func holeFillsOuter() {
        let issue = onlyIssue { fixture in
            fixture.editFeature("NC-1") {
                $0["geometry"] = .object([
                    "type": "Polygon",
                    "coordinates": .array([
                        BundleFixture.ring(lat: 52.5140, lon: 13.3740, halfSide: 0.001),
                        BundleFixture.ring(lat: 52.5140, lon: 13.3740, halfSide: 0.001),
                    ]),
                ])
            }
        }
        #expect(issue?.field == "geometry.coordinates")
        #expect(issue?.problem.contains("no area") == true)
    }

    @Test("a third position element that is not a number is refused")
    func thirdElement() {
        let issue = onlyIssue { fixture in
            fixture.editFeature("NF-1") {
                $0["geometry"] = .object([
                    "type": "Point", "coordinates": .array([.number(13.3777), .number(52.519), .null]),
                ])
            }
        }
        #expect(issue?.field == "geometry.coordinates")
        #expect(issue?.problem.contains("third element") == true)
    }
}
