import Airspace
import Foundation
import Geo
import StrictJSON
import Testing

@Suite("ED-269 / ED-318 files inside a bundle, and imports written as bundle zones")
struct BundleImportTests {
    /// A bundle folder with the fixture's three files plus `extra` files.
    func folder(extra: [String: Data]) throws -> URL {
        let url = try BundleFixture().write()
        for (name, data) in extra { try data.write(to: url.appendingPathComponent(name)) }
        return url
    }

    @Test("a bundle loads the zones of its *.ed269.json and *.ed318.json files beside its own")
    func directLoading() throws {
        let url = try folder(extra: [
            "swiss.ed269.json": try ImportSamples.data("ed269/cis_source_sample_ed269.json"),
            "france.ed318.json": try ImportSamples.data("ed318/Example_Collection.json"),
        ])
        defer { try? FileManager.default.removeItem(at: url) }
        let bundle = try BundleLoader.load(directory: url)
        let ids = bundle.zones.map(\.id)
        #expect(ids.contains("OA-1"))
        #expect(ids.suffix(4) == ["NFZ6547#v1", "NFZ6547#v2", "ABC1234", "LSXX"])
        let options = ZoneImportOptions(
            mapping: try ZoneKindMapping.standard.overriding(restrictions: ["REQ_AUTHORISATION": .skip]))
        let mapped = try BundleLoader.load(directory: url, importOptions: options)
        #expect(mapped.zones.map(\.id).suffix(1) == ["ABC1234"])
    }

    @Test("an invalid ED-318 file in a bundle fails the whole bundle, naming the file")
    func invalidFileFailsBundle() throws {
        let url = try folder(extra: [
            "bad.ed318.json": try ImportSamples.data("ed318/InvalidExample_GeoZone_2_Layers.json")
        ])
        defer { try? FileManager.default.removeItem(at: url) }
        #expect {
            try BundleLoader.load(directory: url)
        } throws: { error in
            (error as? BundleError)?.issues.contains { $0.file == "bad.ed318.json" && $0.field == "properties.type" }
                == true
        }
    }

    @Test("an imported zone may not reuse an id of zones.geojson")
    func duplicateID() throws {
        let clash = Data(
            (#"{"features":[{"identifier":"NF-1","restriction":"PROHIBITED","geometry":[{"uomDimensions":"M","#
                + #""horizontalProjection":{"type":"Circle","center":[13.0,52.0],"radius":50}}]}]}"#).utf8)
        let url = try folder(extra: ["clash.ed269.json": clash])
        defer { try? FileManager.default.removeItem(at: url) }
        #expect {
            try BundleLoader.load(directory: url)
        } throws: { error in
            (error as? BundleError)?.issues.first?.problem
                == "an earlier file of the bundle already declares this zone id"
        }
    }

    @Test("imported zones written as zones.geojson read back identical")
    func roundTrip() throws {
        var zones = try ImportSamples.read("ed318/Example_Collection.json", .ed318).zones
        zones += try ImportSamples.read("ed269/cis_source_sample_ed269.json", .ed269).zones
        let text = JSONWriter.write(ZoneGeoJSON.featureCollection(zones, source: "test"))
        let fixture = BundleFixture()
        let bundle = try BundleLoader.load(
            site: .success(fixture.siteData), zones: .success(Data(text.utf8)),
            authorisations: .success(Data(#"{"authorisations":[]}"#.utf8)))
        #expect(bundle.zones.map(\.id) == zones.map(\.id))
        #expect(bundle.zones.map(\.band) == zones.map(\.band))
        #expect(bundle.zones.map(\.activity) == zones.map(\.activity))
        #expect(bundle.zones.map(\.kind) == zones.map(\.kind))
        #expect(bundle.zones.map(\.shape) == zones.map(\.shape))
    }
}
