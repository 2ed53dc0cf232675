import Compliance
import Foundation
import StrictJSON
import Testing

/// What each payload rule found, as values: the facts a finding carries until it is printed, and that no fact
/// and no word of a finding holds anything the sender wrote.
@Suite("Payload facts")
struct PayloadFactsTests {
    typealias Wording = PayloadFindingWordingTests

    /// A value no rule may keep: it names nothing, so only a rule that copied the payload could hold it.
    static let marker = "QZXMARK7731"

    static func facts(
        _ bytes: [UInt8], code: PayloadCode, policy: PayloadPolicy = PayloadPolicy(), height: Double? = 60,
        topicStream: String = Payload.topicStream
    ) throws -> PayloadFacts {
        let judgement = PayloadInspector(policy: policy).inspect(
            bytes, topicDrone: Payload.topicDrone, topicStream: topicStream, heightAboveGround: height)
        return try #require(judgement.findings.first { $0.code == code }, "\(judgement.findings)").facts
    }

    /// The vocabulary's term a `namesIdentification` or `referenceIdentification` fact matched.
    static func term(_ facts: PayloadFacts) -> String? {
        switch facts {
        case .namesIdentification(_, let match): match.term
        case .referenceIdentification(_, .words(let match)): match.term
        default: nil
        }
    }

    @Test("products off the allowlist: the spec's name, the schema's product, or no name at all")
    func products() throws {
        #expect(
            try Self.facts(Wording.message("face_crop"), code: .identificationProduct)
                == .listedIdentificationProduct("face_crop"))
        let named = try Self.facts(Wording.message("crowd_face_map"), code: .identificationProduct)
        guard case .namesIdentification(.product, _) = named else {
            Issue.record("\(named)")
            return
        }
        #expect(Self.term(named) == "face")
        var policy = PayloadPolicy()
        policy.allowedProducts = [.crowdCount]
        #expect(
            try Self.facts(Wording.message(), code: .productNotAllowed, policy: policy)
                == .productNotAllowed(.crowdDensity))
        #expect(try Self.facts(Wording.message("weather_map"), code: .productNotAllowed) == .unknownProduct)
    }

    @Test("sensor kinds: the spec's list, the policy's allowlist, the vocabulary, or unknown")
    func sensors() throws {
        let listed = Wording.message(sensor: Wording.camera { $0["kind"] = "imsi_catcher" })
        #expect(
            try Self.facts(listed, code: .identificationSensor) == .listedIdentificationSensor("imsi_catcher"))
        var policy = PayloadPolicy()
        policy.allowedSensorKinds = [.eoCamera]
        let infrared = Wording.message(sensor: Wording.camera { $0["kind"] = "ir_camera" })
        #expect(
            try Self.facts(infrared, code: .sensorNotAllowed, policy: policy) == .sensorKindNotAllowed(.irCamera))
        let named = try Self.facts(
            Wording.message(sensor: Wording.camera { $0["kind"] = "face_cam" }), code: .identificationSensor)
        guard case .namesIdentification(.sensorKind, _) = named else {
            Issue.record("\(named)")
            return
        }
        let unknown = Wording.message(sensor: Wording.camera { $0["kind"] = "lidar" })
        #expect(try Self.facts(unknown, code: .sensorNotAllowed) == .unknownSensorKind)
    }

    @Test("stream and mission names are told apart")
    func names() throws {
        let stream = try Self.facts(
            Wording.message(stream: "face_tracks"), code: .identifyingName, topicStream: "face_tracks")
        guard case .namesIdentification(.stream, _) = stream else {
            Issue.record("\(stream)")
            return
        }
        let mission = try Self.facts(Wording.message(mission: "face_sweep"), code: .identifyingName)
        guard case .namesIdentification(.mission, _) = mission else {
            Issue.record("\(mission)")
            return
        }
    }

    @Test("a refused reference keeps the broken limit as numbers, and the schema path")
    func references() throws {
        let path = "data.frame_ref"
        #expect(
            try Self.facts(Wording.imagery("ftp:x").0, code: .referenceRefused)
                == .referenceRefused(path: path, .scheme(allowed: ["https", "s3", "urn"])))
        let segments = "urn:" + Array(repeating: "a", count: 30).joined(separator: ":")
        #expect(
            try Self.facts(Wording.imagery(segments).0, code: .referenceRefused)
                == .referenceRefused(path: path, .segments(count: 30, maximum: 24)))
        #expect(
            try Self.facts(Wording.imagery("urn:x:" + String(repeating: "b", count: 70)).0, code: .referenceRefused)
                == .referenceRefused(path: path, .segmentLength(70, maximum: 64)))
        #expect(
            try Self.facts(Wording.imagery("https://h/a?b").0, code: .referenceRefused)
                == .referenceRefused(path: path, .character(UInt8(ascii: "?"))))
        #expect(
            try Self.facts(Wording.imagery("urn:x:262011234567890").0, code: .identifierInValue)
                == .referenceIdentification(path: path, .identifier(.subscriberNumber)))
        let words = try Self.facts(Wording.imagery("s3:bucket/faces/1").0, code: .identifyingName)
        #expect(Self.term(words) == "face")
    }

    @Test("the deep scan keeps each kind and place once, and counts every undefined key")
    func deepScan() throws {
        let undefined = "data.\(PayloadFactsTests.undefinedName)"
        #expect(
            try Self.facts(
                Wording.message(data: Wording.density(adding: ["note": "+4915112345678"])), code: .identifierInValue)
                == .identifiersInValues([FoundAt(.identifier(.phoneNumber), at: undefined)]))
        let numbers = JSONValue.array((0..<40).map { .number($0) })
        #expect(
            try Self.facts(Wording.message(data: Wording.density(adding: ["weights": numbers])), code: .embeddingVector)
                == .embeddingVectors([FoundAt(40, at: undefined)]))
        let blobs: JSONValue = .array(["data:,1", "data:,2", "data:,3", "data:,4"])
        #expect(
            try Self.facts(Wording.message(data: Wording.density(adding: ["frames": blobs])), code: .embeddedBlob)
                == .embeddedBlobs((0..<4).map { FoundAt("a data: URI", at: "\(undefined)[\($0)]") }))
        #expect(
            try Self.facts(
                Wording.message(data: Wording.density(adding: ["note": "fine", "other": "too"])), code: .undefinedField)
                == .undefinedKeys(count: 2, places: ["data"]))
        let keys = try Self.facts(
            Wording.message(data: Wording.density(adding: ["person_id": "x"])), code: .identifyingField)
        guard case .identifyingKeys(let found) = keys else {
            Issue.record("\(keys)")
            return
        }
        #expect(found.map(\.path) == ["data"])
        #expect(found.map(\.what.term) == ["person id"])
    }

    static let undefinedName = "<undefined>"

    @Test("aggregation keeps the floor, the suppressed cells and k as numbers")
    func aggregation() throws {
        let area: JSONObject = [
            "area": .object(["lat": .number(52.5), "lon": .number(13.3), "radius_m": .number(2)]),
            "count": .number(40),
        ]
        #expect(
            try Self.facts(Wording.message("crowd_count", data: area), code: .cellTooSmall)
                == .countedAreaTooSmall(minimumCell: 10))
        var policy = PayloadPolicy()
        policy.minimumCellSize = 12.5
        #expect(
            try Self.facts(Wording.message(), code: .cellTooSmall, policy: policy)
                == .gridCellsTooSmall(minimumCell: 12.5))
        #expect(
            try Self.facts(
                Wording.message(data: Payload.density(counts: [0, 2, 31, 1, 0, 52])), code: .smallCountSuppressed)
                == .smallCountsSuppressed(cells: 2, threshold: 3))
    }

    @Test("optics keep what is missing, the depression floor, and the density with its ceiling")
    func optics() throws {
        #expect(
            try Self.facts(Wording.message("imagery", data: ["frame_ref": "urn:x:1"]), code: .opticsUnverifiable)
                == .opticsUnverifiable(.noSensor))
        let downward = Wording.camera {
            $0["slant_range_m"] = nil
            $0["depression_deg"] = .number(45)
        }
        #expect(
            try Self.facts(Wording.message(sensor: downward), code: .opticsUnverifiable, height: nil)
                == .opticsUnverifiable(.heightUnknown))
        let horizon = Wording.camera {
            $0["slant_range_m"] = nil
            $0["depression_deg"] = .number(12.5)
        }
        #expect(
            try Self.facts(Wording.message(sensor: horizon), code: .unboundedRange)
                == .unboundedRange(minimumDepression: 20))
        let zoomed = Wording.message(
            "imagery", data: ["frame_ref": "urn:x:1"], sensor: Wording.camera { $0["zoom"] = .number(6) })
        let dense = try Self.facts(zoomed, code: .pixelDensityExceeded)
        guard case .pixelDensityExceeded(let density, let ceiling) = dense else {
            Issue.record("\(dense)")
            return
        }
        #expect(abs(density - 87.146) < 0.01)
        #expect(ceiling == 80)
    }

    @Test("an undecodable message keeps the signs it found, or the word limit")
    func undecodable() throws {
        let broken = Array(#"{"product":"face_crop","note":"+4915112345678","#.utf8)
        let signs = try Self.facts(broken, code: .uninspectableIdentification)
        guard case .undecodableIdentification(let found) = signs, found.count == 2,
            case .words(let match) = found[0]
        else {
            Issue.record("\(signs)")
            return
        }
        #expect(match.category == "face")
        #expect(found[1] == .identifier(.phoneNumber))
        let many = Array(("[" + (0..<2_100).map { "\"w\($0)\"" }.joined(separator: ",")).utf8)
        #expect(
            try Self.facts(many, code: .uninspectableIdentification)
                == .undecodableIdentification([.tooManyWords(limit: RawIdentificationScan.mostTokens)]))
    }

    /// Messages that put the marker in every place a rule looks: values under identifying and undefined keys,
    /// keys themselves, names, references, blobs and broken bytes.
    static let carriers: [(String, [UInt8], String)] = {
        let marker = PayloadFactsTests.marker
        let phone = "+4915112345678"
        return [
            (
                "identifying and undefined keys",
                Wording.message(
                    data: Wording.density(adding: [
                        "person_id": .string(marker), "\(marker)_face_id": .string(marker),
                        "note": .string("\(marker) \(phone)"), "embedding": .array((0..<40).map { .number($0) }),
                        "photo": .string("data:image/png;base64,\(marker)"),
                    ])), Payload.topicStream
            ),
            ("a product naming identification", Wording.message("face_\(marker)"), Payload.topicStream),
            ("a product of no known kind", Wording.message("\(marker)_map"), Payload.topicStream),
            (
                "a sensor kind", Wording.message(sensor: Wording.camera { $0["kind"] = .string("face_\(marker)") }),
                Payload.topicStream
            ),
            ("a stream name", Wording.message(stream: "face_\(marker)"), "face_\(marker)"),
            ("a refused reference", Wording.imagery("ftp://\(marker)/x?y").0, Payload.topicStream),
            ("a reference with an identifier", Wording.imagery("urn:\(marker):262011234567890").0, Payload.topicStream),
            ("a reference naming identification", Wording.imagery("s3:\(marker)/faces/1").0, Payload.topicStream),
            ("an undecodable message", Array("{\"face_\(marker)\":\"\(phone)\",".utf8), Payload.topicStream),
        ]
    }()

    @Test("no fact and no word of a finding holds a value of the payload", arguments: carriers.indices)
    func noPayloadValue(_ index: Int) {
        let (name, bytes, topicStream) = Self.carriers[index]
        let judgement = PayloadInspector().inspect(
            bytes, topicDrone: Payload.topicDrone, topicStream: topicStream, heightAboveGround: 60)
        #expect(!judgement.findings.isEmpty, "\(name)")
        for finding in judgement.findings {
            var facts = ""
            dump(finding.facts, to: &facts)
            for text in [facts, finding.detail, finding.description] {
                #expect(!text.contains(Self.marker), "\(name): \(text)")
                #expect(!text.contains("4915112345678"), "\(name): \(text)")
                #expect(!text.contains("262011234567890"), "\(name): \(text)")
            }
        }
    }

    @Test("the engine's finding carries the payload rule's facts, and words them the same")
    func engineFinding() throws {
        var engine = ComplianceEngine.withCompliantFix()
        var payload = LivePayload()
        payload.data = Wording.density(adding: ["person_id": .string(Self.marker)])
        let decision = engine.send(payload, now: Demo.noon.addingTimeInterval(1))
        let finding = try #require(decision.findings.first { $0.code == .payload(.identifyingField) })
        guard case .payload(.identifyingKeys(let keys)) = finding.facts else {
            Issue.record("\(finding.facts)")
            return
        }
        #expect(keys.map(\.path) == ["data"])
        #expect(finding.detail == "keys naming identifying data: 'person id' (per-person track) in data")
        var facts = ""
        dump(decision.findings, to: &facts)
        #expect(!facts.contains(Self.marker))
        #expect(!decision.findings.map(\.detail).joined().contains(Self.marker))
    }
}
