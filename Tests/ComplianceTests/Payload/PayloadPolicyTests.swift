import Compliance
import StrictJSON
import Testing

@Suite("Payload policy")
struct PayloadPolicyTests {
    @Test("the defaults are the documented ones")
    func defaults() throws {
        let policy = PayloadPolicy()
        #expect(policy.maximumBytes == 65_536)
        #expect(policy.minimumCellSize == 10)
        #expect(policy.suppressionThreshold == 3)
        #expect(policy.pixelDensityCeiling == 80)
        #expect(policy.minimumDepression == 20)
        #expect(policy.allowedProducts == Set(PayloadProduct.allCases))
        #expect(policy.allowedSensorKinds == [.eoCamera, .irCamera])
        #expect(try PayloadPolicy.validated() == policy)
    }

    @Test("a ceiling of 125 px/m is accepted, 125.1 is refused with the reason")
    func ceiling() throws {
        #expect(try PayloadPolicy.validated(pixelDensityCeiling: 125).pixelDensityCeiling == 125)
        let error = try #require(throws: PayloadPolicyError.self) {
            try PayloadPolicy.validated(pixelDensityCeiling: 125.1)
        }
        #expect(error.setting == "pixel_density_ceiling")
        #expect(error.description.contains("125.1"))
        #expect(error.description.contains("IEC 62676-4"))
        #expect(error.description.contains("Perceive"))
        #expect(error.description.contains("recognition of persons"))
    }

    /// One setting changed from its default: the setting's name and the values to validate.
    struct Settings: Sendable {
        var setting: String
        var bytes = 65_536
        var cell = 10.0
        var k = 3
        var ceiling = 80.0
        var depression = 20.0
    }

    @Test(
        "nonsense values are refused, naming the setting",
        arguments: [
            Settings(setting: "k", k: 0), Settings(setting: "k", k: -3), Settings(setting: "min_cell_m", cell: -1),
            Settings(setting: "min_cell_m", cell: 0), Settings(setting: "min_cell_m", cell: .nan),
            Settings(setting: "pixel_density_ceiling", ceiling: 0),
            Settings(setting: "pixel_density_ceiling", ceiling: .infinity),
            Settings(setting: "min_depression_deg", depression: 91),
            Settings(setting: "max_payload_bytes", bytes: 0),
        ])
    func refused(_ values: Settings) throws {
        let error = try #require(throws: PayloadPolicyError.self) {
            try PayloadPolicy.validated(
                maximumBytes: values.bytes, minimumCellSize: values.cell, suppressionThreshold: values.k,
                pixelDensityCeiling: values.ceiling, minimumDepression: values.depression)
        }
        #expect(error.setting == values.setting)
    }

    @Test("k = 1 suppresses nothing; a lower ceiling and a larger floor apply")
    func configured() throws {
        let lenient = try PayloadPolicy.validated(suppressionThreshold: 1)
        #expect(
            Payload.inspect(
                Payload.message("crowd_density", data: Payload.density(counts: [1, 2, 0, 0, 0, 0])), policy: lenient
            ).verdict == .forward)
        let strict = try PayloadPolicy.validated(minimumCellSize: 20, suppressionThreshold: 5, pixelDensityCeiling: 10)
        let judgement = Payload.inspect(
            Payload.message(
                "crowd_density", data: Payload.density(counts: [4, 5, 0, 0, 0, 0]), sensor: Payload.camera),
            policy: strict)
        #expect(judgement.codes == [.cellTooSmall, .smallCountSuppressed, .pixelDensityExceeded])
        #expect(judgement.suppressed == [0])
    }

    @Test("a product or sensor kind the policy leaves out is not allowed")
    func allowLists() throws {
        let noImagery = try PayloadPolicy.validated(allowedProducts: [.crowdCount, .crowdDensity])
        let frame: JSONObject = ["frame_ref": "urn:x:1"]
        let imagery = Payload.inspect(
            Payload.message("imagery", data: frame, sensor: Payload.camera), policy: noImagery)
        #expect(imagery.codes == [.productNotAllowed])
        #expect(imagery.verdict(observing: [.purpose]) == .block)
        let eoOnly = try PayloadPolicy.validated(allowedSensorKinds: [.eoCamera])
        var infrared = Payload.camera
        infrared["kind"] = "ir_camera"
        let judgement = Payload.inspect(
            Payload.message("crowd_density", data: Payload.density(), sensor: infrared), policy: eoOnly)
        #expect(judgement.codes == [.sensorNotAllowed])
        #expect(judgement.findings[0].detail.contains("ir_camera"))
        // A kind off the allowlist cannot be classified: blocked in every mode.
        #expect(judgement.verdict(observing: Set(RuleFamily.allCases)) == .block)
        #expect(!judgement.identification)
    }
}
