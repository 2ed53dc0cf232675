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
    static let events = [
        "stream_suspended", "payload_blocked", "stream_released", "release_refused", "would_block",
        "message_rejected", "breach_started", "breach_changed", "breach_ended", "warning_entered",
        "integrity_problem", "authorisation_expired", "seq_restarted",
    ]

    static var everyCode: [String] {
        let decoding = RejectionCode.allCases.map(\.rawValue) + ReasonCode.allCases.map(\.rawValue)
        let integrity = IntegrityCode.allCases.map(\.rawValue) + JoinCode.allCases.map(\.rawValue)
        let payload = PayloadCode.allCases.map(\.rawValue) + RuleFamily.allCases.map(\.rawValue)
        let verdicts = Decision.Verdict.allCases.map(\.rawValue) + ComplianceState.allCases.map(\.rawValue)
        return decoding + integrity + payload + verdicts + events
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
