import Airspace
import Compliance
import Foundation
import Testing

/// `Docs/REASON_CODES.md` lists every code flowgate uses, so the document cannot drift from the code.
@Suite("The reason code document")
struct ReasonCodesDocTests {
    static let document: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        do {
            return try String(contentsOf: root.appendingPathComponent("Docs/REASON_CODES.md"), encoding: .utf8)
        } catch {
            fatalError("Docs/REASON_CODES.md does not load: \(error)")
        }
    }()

    /// The codes the gateway's live join and streams use, which the document promises.
    static let liveJoin = [
        "no_fix", "fix_stale", "in_no_capture", "mission_mismatch", "stream_suspended", "payload_blocked",
        "stream_released", "would_block", "message_rejected", "breach_started", "breach_ended",
    ]

    static var everyCode: [String] {
        RejectionCode.allCases.map(\.rawValue) + ReasonCode.allCases.map(\.rawValue)
            + IntegrityCode.allCases.map(\.rawValue) + PayloadCode.allCases.map(\.rawValue)
            + PayloadVerdict.allCases.map(\.rawValue) + RuleFamily.allCases.map(\.rawValue)
            + [TelemetryDecision.Verdict.forward, .withhold, .reject].map(\.rawValue)
            + [ComplianceState.compliant, .warning, .breach].map(\.rawValue) + liveJoin
    }

    @Test("every code of every enum is listed", arguments: everyCode)
    func listed(code: String) {
        #expect(Self.document.contains("`\(code)`"))
    }

    @Test("each payload code's row gives its family and its meaning", arguments: PayloadCode.allCases)
    func payloadRow(code: PayloadCode) {
        let always = code.isObservable ? "" : ", always"
        #expect(Self.document.contains("| `\(code.rawValue)` | \(code.family.rawValue)\(always) | \(code.meaning) |"))
    }

    @Test("each airspace code's row gives its meaning", arguments: ReasonCode.allCases)
    func airspaceRow(code: ReasonCode) {
        #expect(Self.document.contains("| `\(code.rawValue)` | \(code.meaning) |"))
    }
}
