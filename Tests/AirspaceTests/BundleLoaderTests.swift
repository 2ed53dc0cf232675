import Airspace
import Foundation
import Geo
import StrictJSON
import Testing

@Suite("Loading a bundle")
struct BundleLoaderTests {
    @Test("the fixture bundle loads with its zones, bands and authorisation")
    func loadsValidBundle() throws {
        let bundle = try BundleFixture().load()
        #expect(bundle.site.name == "Test site")
        #expect(bundle.site.datum.groundElevationAMSL == 34)
        #expect(bundle.zones.map(\.id) == ["OA-1", "NF-1", "NC-1"])
        #expect(bundle.zones.map(\.kind) == [.operationArea, .noFly, .noCapture])
        #expect(bundle.zones[0].missions == ["M-1"])
        #expect(bundle.zones[0].marginMetres == 25)
        #expect(bundle.zones[0].band.floor == AltitudeLimit(value: 30, reference: .agl))
        guard case .circle(let circle) = bundle.zones[1].shape else {
            Issue.record("NF-1 should be a circle")
            return
        }
        #expect(circle.radius == 150)
        guard case .polygon(let polygon) = bundle.zones[2].shape else {
            Issue.record("NC-1 should be a polygon")
            return
        }
        #expect(polygon.holes.count == 1)
        let auth = try #require(bundle.authorisations.first)
        #expect(auth.drones == ["D1", "D2"])
        #expect(auth.validUntil.timeIntervalSince(auth.validFrom) == 12 * 3600)
        #expect(bundle.site.maximumAuthorisationHours == 12)
    }

    @Test("loading from a folder reads the three files")
    func loadsFromFolder() throws {
        let folder = try BundleFixture().write()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bundle = try BundleLoader.load(directory: folder)
        #expect(bundle.zones.count == 3)
    }

    @Test("a missing file is named")
    func missingFile() throws {
        let folder = try BundleFixture().write()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent(BundleLoader.authorisationsFile))
        #expect(throws: BundleError.self) { try BundleLoader.load(directory: folder) }
        do {
            _ = try BundleLoader.load(directory: folder)
        } catch {
            let issue = try #require(error.issues.first)
            #expect(issue.file == BundleLoader.authorisationsFile)
            #expect(issue.problem.hasPrefix("not found: "))
            #expect(issue.problem.hasSuffix(BundleLoader.authorisationsFile))
        }
    }

    @Test("malformed JSON is reported with its line and column")
    func malformedJSON() {
        let issues: [BundleIssue]
        do {
            _ = try BundleLoader.load(
                site: .success(BundleFixture().siteData),
                zones: .success(Data("{\n  \"type\": \"FeatureCollection\",,".utf8)),
                authorisations: .success(BundleFixture().authorisationsData))
            issues = []
        } catch {
            issues = error.issues
        }
        let issue = issues.first { $0.file == BundleLoader.zonesFile }
        #expect(issue?.field == "line 2, column 31")
        // The authorisation names OA-1, which cannot be checked against an unreadable zones file: no cascade.
        #expect(issues.count == 1)
    }

    @Test("extension properties prefixed x_ are accepted, other unknown fields are refused")
    func unknownFields() {
        var fixture = BundleFixture()
        fixture.editProperties("NF-1") {
            $0["x_source"] = "survey 2026"; $0["margn_m"] = .number(10)
        }
        let issues = fixture.issues()
        #expect(issues.count == 1)
        #expect(issues.first?.item == "zone 'NF-1'")
        #expect(issues.first?.field == "properties.margn_m")
        #expect(issues.first?.problem.contains("unknown field") == true)
    }
}
