public import Audit
import Foundation
import StrictJSON

/// The events and decisions of a run in order: for a terminal, or as JSON lines for programs.
public enum Timeline {
    /// What the timeline shows; tracks, tallies, payload summaries and checkpoints are left to the other views.
    public static let kinds: Set<AuditKind> = [
        .start, .stop, .configLoad, .decision, .event, .suspension, .release, .purge, .gap, .incident,
    ]

    public static func entries(_ run: RecordedRun) -> [AuditRecord] {
        run.records.filter { $0.kindValue.map(kinds.contains) ?? false }
    }

    /// One line per record: time, seq, kind, who, and what happened.
    public static func text(_ records: [AuditRecord]) -> String {
        records.map { record in
            let who = [record.drone, record.mission, record.stream].compactMap { $0 }.joined(separator: "/")
            let kind = record.kind.padding(toLength: 11, withPad: " ", startingAt: 0)
            return "\(record.time)  #\(record.seq)  \(kind) \(who.isEmpty ? "-" : who)  \(describe(record))"
        }.joined(separator: "\n") + (records.isEmpty ? "" : "\n")
    }

    /// One JSON object per line: the record's columns and its body (`null` when retention removed it).
    public static func jsonLines(_ records: [AuditRecord]) -> String {
        records.map { record in
            func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
            let object: JSONObject = [
                "seq": .number(Int(record.seq)), "time": .string(record.time), "kind": .string(record.kind),
                "drone": text(record.drone), "mission": text(record.mission), "stream": text(record.stream),
                "digest": text(record.digest), "body": record.isPruned ? .null : .object(record.fields),
            ]
            return JSONWriter.write(.object(object)) + "\n"
        }.joined()
    }

    private static func describe(_ record: AuditRecord) -> String {
        let fields = record.fields
        func string(_ key: String) -> String? { fields[key]?.stringValue }
        func list(_ key: String) -> String {
            (fields[key]?.arrayValue ?? []).map { $0.stringValue ?? $0["code"]?.stringValue ?? "?" }
                .joined(separator: ", ")
        }
        switch record.kindValue {
        case .decision:
            let size = fields["size"]?.doubleValue.map { " \(Int($0)) B" } ?? ""
            let product = string("product").map { " \($0)," } ?? ""
            let digest = record.digest.map { " sha256 \($0.prefix(12))" } ?? ""
            return
                "\(string("verdict") ?? "?"): \(list("reasons")) (\(string("topic") ?? "?"),\(product)\(size)\(digest))"
        case .event where string("event") == "partitions_changed":
            // An ownership change in a cluster (Docs/CLUSTER.md): which instance took or handed on what.
            func partitions(_ key: String) -> String {
                let numbers = (fields[key]?.arrayValue ?? []).compactMap { $0.doubleValue.map { String(Int($0)) } }
                return "[" + numbers.joined(separator: ", ") + "]"
            }
            return "partitions_changed: \(string("instance") ?? "?") owns \(partitions("owned")), acquired "
                + "\(partitions("acquired")), released \(partitions("released")) (members: \(list("members")))"
        case .event:
            let detail = [list("reasons"), string("code") ?? ""].filter { !$0.isEmpty }.joined(separator: "; ")
            return "\(string("event") ?? "event")\(detail.isEmpty ? "" : ": \(detail)")"
        case .suspension, .release:
            return "by \(string("by") ?? "?"): \(string("reason") ?? "?")"
        case .configLoad:
            return "bundle \(string("bundle_path") ?? "?") (\(string("bundle_digest")?.prefix(12) ?? "?")), "
                + "config \(string("config_digest")?.prefix(12) ?? "?"), policy \(string("policy_version") ?? "?")"
        case .gap: return string("reason") ?? "gap"
        case .incident:
            return "\(string("previous_file") ?? "?") was broken (\(string("problem") ?? "?") at seq "
                + "\(fields["problem_seq"]?.doubleValue.map { Int($0) } ?? 0): \(string("detail") ?? "?")); last good "
                + "seq \(fields["previous_last_good_seq"]?.doubleValue.map { Int($0) } ?? 0), kept as found"
        case .purge:
            return
                "\(fields["pruned"]?.doubleValue.map { Int($0) } ?? 0) bodies older than \(string("older_than") ?? "?")"
        default:
            return record.isPruned ? "(body removed by retention)" : (record.body ?? "")
        }
    }
}
