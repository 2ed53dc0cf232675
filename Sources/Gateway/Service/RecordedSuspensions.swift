import Audit
import Compliance
import Foundation
import StrictJSON

/// The streams still suspended according to the record (suspended and not released since): a latch survives
/// a restart of the gateway.
///
/// When the record goes on in a successor file (the file found at open was broken), the files it succeeds
/// count too, oldest first, so that breaking the record cannot lift a latch. From a broken file every
/// suspension counts, but only the releases up to its last good record: a release after the break may be
/// forged. A predecessor that is missing or cannot be read is skipped; its incident says it was broken.
enum RecordedSuspensions {
    static func read(from path: String) throws -> [StreamKey: Suspension] {
        var open: [StreamKey: Suspension] = [:]
        for file in lineage(of: path) {
            // The file written now must be readable; a predecessor may be too broken to read.
            guard let reader = file.path == path ? try AuditReader(path: path) : try? AuditReader(path: file.path)
            else { continue }
            for record in try reader.records(RecordFilter(kinds: [.suspension, .release])) {
                guard let drone = record.drone, let stream = record.stream else { continue }
                let key = StreamKey(drone: drone, stream: stream)
                if record.kindValue == .suspension {
                    open[key] = Suspension(
                        since: record.date ?? Date(timeIntervalSince1970: 0), codes: codes(of: record), product: nil)
                } else if file.releasesThrough.map({ record.seq <= $0 }) ?? true {
                    open[key] = nil
                }
            }
        }
        return open
    }

    /// The identification codes a suspension record names: its `codes` list, or, in records written before the
    /// list was kept, the codes its reason lists. Words that name no code are left out.
    private static func codes(of record: AuditRecord) -> [FindingCode] {
        let words =
            record.fields["codes"]?.arrayValue?.compactMap(\.stringValue)
            ?? (record.fields["reason"]?.stringValue ?? "").split(separator: ", ").map(String.init)
        return words.compactMap(FindingCode.init(rawValue:))
    }

    /// `path` and the files it succeeds, oldest first, each with the last seq whose releases count (`nil`: all).
    /// A successor's first record, its `incident`, names the file before it, by path and last good record; the
    /// file is looked for next to the successor, where the gateway made it.
    private static func lineage(of path: String) -> [(path: String, releasesThrough: Int64?)] {
        var files: [(path: String, releasesThrough: Int64?)] = [(path, nil)]
        var current = path
        // A bound, not a limit anyone reaches: each break makes one successor.
        for _ in 0..<1_000 {
            guard let reader = try? AuditReader(path: current),
                let first = try? reader.records(RecordFilter(kinds: [.incident])).first,
                first.seq == 1, let previous = first.fields["previous_file"]?.stringValue,
                let lastGood = first.fields["previous_last_good_seq"]?.doubleValue
            else { break }
            let name = URL(fileURLWithPath: previous).lastPathComponent
            current = URL(fileURLWithPath: current).deletingLastPathComponent().appendingPathComponent(name).path
            files.insert((current, Int64(lastGood)), at: 0)
        }
        return files
    }
}
