import Airspace
import Compliance
import Foundation
import Gateway
import Testing

/// The payload side of the configuration: the purpose limits, per-family modes and payload topics.
@Suite("Reading the purpose settings of the configuration")
struct ConfigPurposeTests {
    @Test("purpose limits, per-family modes, fix age and payload topics are read")
    func everything() throws {
        let yaml = """
            \(minimalYAML)
            topics:
              payload: drones/{drone}/data/{stream}
              compliant_payload: out/{drone}/data/{stream}
              control: ops/release
            limits:
              max_fix_age_s: 3
            purpose:
              min_cell_m: 25
              k: 5
              pixel_density_ceiling: 40
              min_depression_deg: 30
            modes:
              geofence: observe
              optics: observe
              purpose: enforce
            """
        let policy = try ConfigFolder.with { try $0.load(yaml) }.policy
        #expect(policy.topics.payload.description == "drones/{drone}/data/{stream}")
        #expect(policy.topics.compliantPayload.topic(for: "D1", stream: "s") == "out/D1/data/s")
        #expect(policy.topics.control == "ops/release")
        #expect(policy.maximumFixAge == 3)
        #expect(policy.payload.minimumCellSize == 25)
        #expect(policy.payload.suppressionThreshold == 5)
        #expect(policy.payload.pixelDensityCeiling == 40)
        #expect(policy.payload.minimumDepression == 30)
        #expect(policy.observing == [.geofence, .optics])
    }

    @Test("the defaults enforce every family with the documented limits")
    func defaults() throws {
        let policy = try ConfigFolder.with { try $0.load(minimalYAML) }.policy
        #expect(policy.observing.isEmpty)
        #expect(policy.maximumFixAge == 5)
        #expect(policy.payload == PayloadPolicy())
        #expect(policy.payload.pixelDensityCeiling == 80)
        #expect(policy.payload.suppressionThreshold == 3)
        #expect(policy.payload.minimumCellSize == 10)
    }

    @Test("a pixel-density ceiling above 125 px/m is refused with the reason", arguments: ["125.5", "200"])
    func ceilingTooHigh(value: String) throws {
        let issues = try ConfigFolder.with {
            $0.issues(minimalYAML + "\npurpose:\n  pixel_density_ceiling: \(value)\n")
        }
        let issue = try #require(issues.issue("purpose.pixel_density_ceiling"), "\(issues)")
        #expect(issue.value == "\"\(value)\"")
        #expect(issue.line == 7)
        #expect(issue.problem.contains("125 px/m"))
        #expect(issue.problem.contains("recognition of persons"))
    }

    @Test("the ceiling may be exactly 125 px/m")
    func ceilingAtLimit() throws {
        let policy = try ConfigFolder.with { try $0.load(minimalYAML + "\npurpose:\n  pixel_density_ceiling: 125\n") }
        #expect(policy.policy.payload.pixelDensityCeiling == 125)
    }

    @Test("a mode must be enforce or observe", arguments: ["block", "Observe", "true"])
    func badMode(value: String) throws {
        let issues = try ConfigFolder.with { $0.issues(minimalYAML + "\nmodes:\n  aggregation: \(value)\n") }
        let issue = try #require(issues.issue("modes.aggregation"), "\(issues)")
        #expect(issue.problem == "must be enforce or observe")
    }

    @Test(
        "payload patterns need {stream}; the others may not have it",
        arguments: [
            ("payload", "fleet/{drone}/payload", "needs one level that is {stream}"),
            ("compliant_payload", "compliant/{drone}", "needs one level that is {stream}"),
            ("telemetry", "fleet/{drone}/{stream}", "may not have a {stream} level"),
        ])
    func streamLevel(key: String, pattern: String, problem: String) throws {
        let issues = try ConfigFolder.with { $0.issues(minimalYAML + "\ntopics:\n  \(key): \(pattern)\n") }
        let issue = try #require(issues.issue("topics.\(key)"), "\(issues)")
        #expect(issue.problem == problem)
    }

    @Test("unknown purpose keys are refused, and k below 1 is out of range")
    func purposeKeys() throws {
        let issues = try ConfigFolder.with {
            $0.issues(minimalYAML + "\npurpose:\n  min_cells: 10\n  k: 0\n")
        }
        #expect(issues.issue("purpose.min_cells") != nil, "\(issues)")
        #expect(issues.issue("purpose.k") != nil, "\(issues)")
    }
}

/// The `zone_import` section: the configuration overrides how the bundle's ED-269 / ED-318 files map.
@Suite("Reading the zone import mapping of the configuration")
struct ConfigZoneImportTests {
    @Test("restriction and reason overrides reach the mapping; the default is the standard mapping")
    func overrides() throws {
        let standard = try ConfigFolder.with { try $0.load(minimalYAML) }
        #expect(standard.zoneImport == ZoneImportOptions())
        let yaml =
            minimalYAML + "\nzone_import:\n  restrictions: {REQ_AUTHORISATION: skip}\n  reasons: {NATURE: no_fly}\n"
        let config = try ConfigFolder.with { try $0.load(yaml) }
        #expect(config.zoneImport.mapping.restrictions["REQ_AUTHORISATION"] == .skip)
        #expect(config.zoneImport.mapping.reasons["NATURE"] == .noFly)
        #expect(config.zoneImport.mapping.reasons["PRIVACY"] == .noCapture, "the rest stays standard")
    }

    @Test("an unknown restriction and an unknown action are named")
    func errors() throws {
        let issues = try ConfigFolder.with {
            $0.issues(minimalYAML + "\nzone_import:\n  restrictions: {FORBIDDEN: skip, PROHIBITED: maybe}\n")
        }
        #expect(issues.issue("zone_import.restrictions.PROHIBITED")?.problem == "must be no_fly, no_capture or skip")
        let unknown = try #require(issues.issue("zone_import.restrictions.FORBIDDEN"), "\(issues)")
        #expect(unknown.problem.contains("PROHIBITED"), "lists the known restrictions")
    }
}
