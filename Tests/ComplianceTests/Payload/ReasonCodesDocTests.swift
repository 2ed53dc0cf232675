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

    /// Every event the engine and the gateway publish, which the document promises.
    static let events = EventKind.allCases.map(\.rawValue)

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

    @Test("each event has its own row in an events table", arguments: EventKind.allCases)
    func eventRow(kind: EventKind) {
        #expect(Self.document.contains("| `\(kind.rawValue)` |"), "\(kind.rawValue)")
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
