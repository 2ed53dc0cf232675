import Compliance
import Foundation
import StrictJSON
import Testing

/// The payload corpus (`payload-corpus.jsonl`, one case a line) through the pure inspector. The same file can
/// be replayed through `flowgate replay`: each line names its topic, the drone's height above ground, the
/// message, and the verdict, reasons and number of suppressed cells a correct gateway gives it.
@Suite("Payload corpus")
struct PayloadCorpusTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var topic: String
        var height: Double?
        var payload: [UInt8]
        var verdict: String
        var reasons: Set<String>
        var suppressed: Int?

        var testDescription: String { name }
    }

    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("payload-corpus.jsonl")

    static let cases: [Case] = {
        do {
            let text = try String(contentsOf: file, encoding: .utf8)
            return try text.split(separator: "\n").map { line in
                let object = try #require(try JSONParser.parse(String(line)).objectValue)
                let payload =
                    try object["payload"].map { Array(JSONWriter.write($0).utf8) }
                    ?? Array(#require(object["payload_raw"]?.stringValue).utf8)
                return Case(
                    name: try #require(object["name"]?.stringValue), topic: try #require(object["topic"]?.stringValue),
                    height: object["height_agl_m"]?.doubleValue, payload: payload,
                    verdict: try #require(object["verdict"]?.stringValue),
                    reasons: Set(try #require(object["reasons"]?.arrayValue).compactMap(\.stringValue)),
                    suppressed: object["suppressed"]?.doubleValue.map { Int($0) })
            }
        } catch {
            fatalError("the payload corpus does not load: \(error)")
        }
    }()

    @Test("each case gets its verdict, its reasons and its suppressed cells", arguments: cases)
    func corpusCase(_ sample: Case) throws {
        let levels = sample.topic.split(separator: "/").map(String.init)
        try #require(levels.count == 4 && levels[0] == "fleet" && levels[2] == "payload")
        let judgement = PayloadInspector().inspect(
            sample.payload, topicDrone: levels[1], topicStream: levels[3], heightAboveGround: sample.height)
        var reasons = Set(judgement.codes.map(\.rawValue))
        if let rejection = judgement.rejection { reasons.insert(rejection.code.rawValue) }
        #expect(
            judgement.verdict.rawValue == sample.verdict,
            "\(judgement.findings) \(String(describing: judgement.rejection))")
        #expect(reasons == sample.reasons)
        if let suppressed = sample.suppressed { #expect(judgement.suppressedCells == suppressed) }
        let forwarded = judgement.forwarded
        #expect((forwarded != nil) == (judgement.verdict != .block))
        #expect(forwarded?.suppressedCells ?? 0 == (judgement.verdict == .redact ? judgement.suppressedCells : 0))
        #expect(judgement.identification == judgement.codes.contains { $0.isIdentification })
        // The bytes the gateway publishes are canonical JSON (read back and written out, the same text), enforced
        // and with every family observed.
        for observing in [[], Set(RuleFamily.allCases)] {
            guard let forward = judgement.forwarded(observing: observing) else { continue }
            #expect(forward.bytes == JSONWriter.bytes(.object(forward.message)), "observing \(observing)")
        }
    }

    @Test("the corpus has at least 60 cases, every verdict and every payload code")
    func coverage() {
        #expect(Self.cases.count >= 60)
        #expect(Set(Self.cases.map(\.verdict)) == Set(PayloadVerdict.allCases.map(\.rawValue)))
        let reasons = Self.cases.reduce(into: Set<String>()) { $0.formUnion($1.reasons) }
        let missing = Set(PayloadCode.allCases.map(\.rawValue)).subtracting(reasons)
        #expect(missing.isEmpty, "no case for \(missing)")
        #expect(Set(Self.cases.map(\.name)).count == Self.cases.count, "names are unique")
    }
}
