import AirspaceFixtures
import Foundation
import Geo
import PropertyBased
import StrictJSON
import Testing

@testable import Compliance

/// The inspector's fast path over the bytes must judge exactly as the tree: what ``PayloadScan`` accepts decodes
/// to the tree's values with nothing for the deep scan to find, and ``PayloadInspector/inspect`` gives the same
/// judgement (envelope, rejection, findings, suppressed cells, pixel density, verdicts and forwarded bytes in
/// every mode) with and without it.
@Suite("Payload inspector: the fast path agrees with the tree")
struct PayloadScanTests {
    /// Bytes without contiguous storage: the fast path reads only contiguous bytes, so `inspect` judges these
    /// through the tree (``agree(_:_:height:reported:)`` checks that it does).
    struct TreeOnly: Collection {
        let bytes: [UInt8]
        var startIndex: Int { bytes.startIndex }
        var endIndex: Int { bytes.endIndex }
        subscript(position: Int) -> UInt8 { bytes[position] }
        func index(after i: Int) -> Int { i + 1 }
    }

    /// Everything a judgement says, comparable.
    struct Said: Equatable {
        var envelope: PayloadEnvelope?
        var rejection: Rejection?
        var findings: [PayloadFinding]
        var suppressed: [Int]
        var pixelDensity: Double?
        var sensor: SensorGeometry?
        var data: ProductData?
        var verdicts: [PayloadVerdict]
        var forwarded: [[UInt8]?]

        /// Every combination of observed families.
        static let modes: [Set<RuleFamily>] = (0..<16).map { bits in
            Set(RuleFamily.allCases.enumerated().filter { bits & (1 << $0.offset) != 0 }.map(\.element))
        }

        init(_ judgement: PayloadJudgement) {
            envelope = judgement.envelope
            rejection = judgement.rejection
            findings = judgement.findings
            suppressed = judgement.suppressed
            pixelDensity = judgement.pixelDensity
            sensor = judgement.content?.sensor
            data = judgement.content?.data
            verdicts = Self.modes.map { judgement.verdict(observing: $0) }
            forwarded = Self.modes.map { judgement.forwarded(observing: $0)?.bytes }
        }
    }

    /// Whether `inspect` judges `payload` (from `fleet/D7/payload/{stream}`) as the tree does, and whether the fast
    /// path answered.
    static func agree(
        _ payload: [UInt8], _ inspector: PayloadInspector = PayloadInspector(), height: Double? = 60,
        reported: ReportedCamera? = nil, stream: String = Payload.topicStream
    ) -> (agrees: Bool, fast: Bool) {
        let drone = Payload.topicDrone
        let judged = inspector.inspect(
            payload, topicDrone: drone, topicStream: stream, heightAboveGround: height, reported: reported)
        let tree = inspector.inspect(
            TreeOnly(bytes: payload), topicDrone: drone, topicStream: stream, heightAboveGround: height,
            reported: reported)
        let treeTaken =
            inspector.inspectScanned(
                TreeOnly(bytes: payload), topicDrone: drone, topicStream: stream, heightAboveGround: height,
                reported: reported) == nil
        let fast =
            inspector.inspectScanned(
                payload, topicDrone: drone, topicStream: stream, heightAboveGround: height, reported: reported) != nil
        return (treeTaken && Said(judged) == Said(tree) && scanAgrees(payload, stream: stream), fast)
    }

    /// Whether ``PayloadScan``, when it answers, gives the tree decoder's values, with nothing the deep scan finds.
    static func scanAgrees(_ payload: [UInt8], stream: String = Payload.topicStream) -> Bool {
        let decoder = PayloadDecoder()
        let drone = Payload.topicDrone
        guard
            let scan = payload.withUnsafeBufferPointer({ PayloadScan.read($0, topicDrone: drone, topicStream: stream) })
        else { return true }
        guard let object = try? decoder.parse(payload),
            let envelope = try? decoder.decodeEnvelope(object, topicDrone: drone, topicStream: stream)
        else { return false }
        let fields = Fields(object: object, path: "")
        let sensor = try? fields.optionalObject("sensor").map { try decoder.decodeSensor($0) }
        let data = try? decoder.decodeData(try fields.object("data"), product: scan.product)
        return envelope == scan.envelope && sensor == scan.sensor
            && object["sensor"]?["kind"]?.stringValue == scan.sensorKind && data == scan.data
            && PayloadScanner.scan(object, product: scan.product).findings.isEmpty
    }

    /// A policy, a height and a reported camera, from the seed.
    static func setting(_ generator: inout PayloadMessageGenerator) -> (PayloadInspector, Double?, ReportedCamera?) {
        let policies = [
            PayloadPolicy(), try! PayloadPolicy.validated(suppressionThreshold: 1),
            try! PayloadPolicy.validated(suppressionThreshold: 6), try! PayloadPolicy.validated(minimumCellSize: 20),
            try! PayloadPolicy.validated(pixelDensityCeiling: 30),
            try! PayloadPolicy.validated(allowedProducts: [.crowdDensity, .crowdCount]),
            try! PayloadPolicy.validated(allowedSensorKinds: [.eoCamera]),
            try! PayloadPolicy.validated(maximumBytes: 600),
        ]
        let reported: [ReportedCamera?] = [
            nil, ReportedCamera(zoom: 4, slantRange: nil, depression: 45),
            ReportedCamera(zoom: nil, slantRange: 30, depression: nil),
        ]
        return (
            PayloadInspector(policy: generator.pick(policies)), generator.pick([nil, 60, 0, 150]),
            generator.pick(reported)
        )
    }

    @Test("generated and mutated messages: the same judgement with and without the fast path")
    func generatedMessages() async {
        await propertyCheck(count: 150, input: Gen.uint64(in: 1...UInt64.max >> 1)) { seed in
            var generator = PayloadMessageGenerator(seed: seed)
            for _ in 0..<30 {
                var payload = generator.next()
                let (inspector, height, reported) = Self.setting(&generator)
                // Now and then a stream of another name, the topic's too: names the envelope's rules may refuse
                // or classify.
                let stream = generator.pick(["cam0", "cam0", "cam0", "faces", "track-ids", "a..b", ".s"])
                payload = Array(
                    String(decoding: payload, as: UTF8.self).replacingOccurrences(
                        of: #""stream":"cam0""#, with: #""stream":"\#(stream)""#
                    ).utf8)
                #expect(
                    Self.agree(payload, inspector, height: height, reported: reported, stream: stream).agrees,
                    "\(stream): \(String(decoding: payload, as: UTF8.self))")
            }
        }
    }

    @Test("valid messages of the products it reads take the fast path, in any order, spacing and number spelling")
    func fastPathTaken() {
        var generator = PayloadMessageGenerator(seed: 29)
        for index in 0..<1_000 {
            let product = ["crowd_count", "crowd_density", "crowd_flow", "route_estimate"][index % 4]
            var text = Array(JSONWriter.write(.object(generator.valid(product: product))).utf8)
            text = PayloadTextMutation.respellNumbers(text, using: &generator.rng)
            text = TelemetryScanTests.respell(text, using: &generator.rng)
            let answer = Self.agree(text)
            #expect(answer.agrees && answer.fast, "\(String(decoding: text, as: UTF8.self))")
        }
    }

    @Test("the benchmark's sizes: a 50x50 density grid and a 500-cell flow take the fast path")
    func benchmarkSizes() {
        let counts = (0..<2_500).map { ($0 * 7) % 5 == 0 ? 0 : 3 + $0 % 40 }
        let cells = (0..<500).map { (index: Int) -> JSONValue in
            let direction = Double(index % 360) + 0.5
            let cell: JSONObject = [
                "row": .number(index / 23), "col": .number(index % 23), "direction_deg": .number(direction),
                "speed_mps": .number(1.2), "count": .number(1 + index % 50),
            ]
            return .object(cell)
        }
        for data in [Payload.density(counts: counts, rows: 50, cols: 50), Payload.flow(cells, rows: 23, cols: 23)] {
            let payload = Array(
                JSONWriter.write(.object(Payload.message("x", data: data, sensor: Payload.camera))).utf8)
            let product = data["counts"] == nil ? "crowd_flow" : "crowd_density"
            let text = String(decoding: payload, as: UTF8.self).replacingOccurrences(
                of: #""x""#, with: "\"\(product)\"")
            let answer = Self.agree(Array(text.utf8))
            #expect(answer.agrees && answer.fast, "\(product)")
        }
    }
}
