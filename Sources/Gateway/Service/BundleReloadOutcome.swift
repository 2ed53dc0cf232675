import Compliance
import Foundation
import Geo
import StrictJSON

/// What asked a running gateway to read its bundle again.
public enum BundleReloadTrigger: String, Sendable {
    /// `kill -HUP` on the `flowgate run` process.
    case sighup
    /// `flowgate zones reload`, through the gateway's loopback admin port.
    case command
}

/// The answer to a reload: the new bundle is in force, or the old one still is and why.
public enum BundleReloadOutcome: Sendable, Equatable {
    /// In force from the next message on.
    /// - Parameters:
    ///   - digest: the bundle's digest, as recorded in the new `config_load`.
    ///   - seconds: reading, checking and indexing, off the message path.
    case applied(digest: String, zones: Int, authorisations: Int, seconds: Double)
    /// Nothing changed: every problem found, each naming its file, item, field and value.
    case refused(problems: [String])

    public var isApplied: Bool {
        if case .applied = self { return true }
        return false
    }

    /// The event the gateway records and publishes for it.
    func event(trigger: BundleReloadTrigger, bundle: URL, now: Date) -> JSONObject {
        var event: JSONObject = [
            "v": .number(1), "bundle_path": .string(bundle.path), "trigger": .string(trigger.rawValue),
            "time": .string(RFC3339.format(now)),
        ]
        switch self {
        case .applied(let digest, let zones, let authorisations, let seconds):
            event["event"] = .string(EventKind.bundleReloaded.rawValue)
            event["bundle_digest"] = .string(digest)
            event["zones"] = .number(Double(zones))
            event["authorisations"] = .number(Double(authorisations))
            event["load_ms"] = .number((seconds * 1000).rounded())
        case .refused(let problems):
            event["event"] = .string(EventKind.bundleReloadRefused.rawValue)
            // The first problems say what to fix; thousands would only bloat the record.
            event["problems"] = .array(problems.prefix(BundleReloadOutcome.problemsKept).map { .string($0) })
            event["problem_count"] = .number(Double(problems.count))
        }
        return event
    }

    static let problemsKept = 20

    /// The answer `flowgate zones reload` prints.
    public var json: [UInt8] {
        switch self {
        case .applied(let digest, let zones, let authorisations, let seconds):
            JSONWriter.bytes(
                .object([
                    "applied": .bool(true), "bundle_digest": .string(digest), "zones": .number(Double(zones)),
                    "authorisations": .number(Double(authorisations)), "load_ms": .number((seconds * 1000).rounded()),
                ]))
        case .refused(let problems):
            JSONWriter.bytes(.object(["applied": .bool(false), "problems": .array(problems.map { .string($0) })]))
        }
    }
}
