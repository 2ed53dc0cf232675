import Compliance
import Foundation
import Gateway

/// Four eyes on every release from the console: the first operator's approval waits up to the release window
/// for a second, different operator; then the console signs one order naming both and hands it to the gateway's
/// release path (``ComplianceGateway/release(_:)``), the same one the control topic's orders take.
actor ReleaseDesk {
    /// What an approval did.
    enum Outcome: Sendable {
        /// Recorded; a second operator must approve within the window.
        case awaitingSecond(ReleaseApproval)
        /// Released, by the order the gateway obeyed.
        case released(ReleaseOrder)
        /// Nothing changed; the reason says why.
        case refused(String)
    }

    /// Each approval's reason: long enough to say something, short enough that two fit in one order.
    static let reasonLength = 10...900

    private let gateway: ComplianceGateway
    private let signer: ConsoleSigner
    private let window: Double
    private let clock: @Sendable () -> Date
    private(set) var pending: [StreamKey: ReleaseApproval] = [:]

    init(gateway: ComplianceGateway, signer: ConsoleSigner, window: Double, clock: @escaping @Sendable () -> Date) {
        self.gateway = gateway
        self.signer = signer
        self.window = window
        self.clock = clock
    }

    /// The approvals still waiting for a second operator.
    func waiting() -> [StreamKey: ReleaseApproval] {
        expire()
        return pending
    }

    func approve(_ stream: StreamKey, by operatorName: String, reason: String) async -> Outcome {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard Self.reasonLength.contains(reason.count) else {
            return .refused(
                "give the reason in \(Self.reasonLength.lowerBound) to \(Self.reasonLength.upperBound) characters")
        }
        expire()
        let approval = ReleaseApproval(operatorName: operatorName, reason: reason, time: clock())
        guard let first = pending[stream] else {
            guard await gateway.suspensions[stream] != nil else { return .refused("\(stream) is not suspended") }
            pending[stream] = approval
            return .awaitingSecond(approval)
        }
        guard first.operatorName != operatorName else {
            return .refused(
                "\(operatorName) already approved this release: a second, different operator must approve it")
        }
        pending[stream] = nil
        do {
            let order = try signer.order(for: stream, first: first, second: approval, now: gateway.now())
            return .released(try await gateway.release(order))
        } catch let error as ComplianceGateway.ConsoleReleaseError {
            return .refused(error.description)
        } catch {
            return .refused("the order could not be signed: \(error)")
        }
    }

    private func expire() {
        let now = clock()
        pending = pending.filter { now.timeIntervalSince($0.value.time) <= window }
    }
}
