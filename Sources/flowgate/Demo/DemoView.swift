import Compliance
import Foundation
import Geo
import MQTT
import Synchronization

/// What the demo shows while the exercise runs. Totals by verdict and reason come from the gateway's counters;
/// per drone, what its client published (the publisher) and what reached consumers on `compliant/{drone}/…`
/// (the demo's consumer on the private broker), plus the events the gateway reported about it.
final class DemoTally: @unchecked Sendable {
    private let lock = NSLock()
    private var published: [String: Int] = [:]
    private var passed: [String: Int] = [:]
    private var events: [String: Int] = [:]
    private(set) var online = false

    func countPublished(_ drone: String) { lock.withLock { published[drone, default: 0] += 1 } }

    var publishedTotal: Int { lock.withLock { published.values.reduce(0, +) } }

    /// Counts a message the consumer received: `compliant/{drone}/…`, `flowgate/events/{drone}` or the status.
    func received(_ message: MQTTMessage) {
        let parts = message.topic.split(separator: "/", maxSplits: 3).map(String.init)
        lock.withLock {
            if parts.count >= 3, parts[0] == "compliant" {
                passed[parts[1], default: 0] += 1
            } else if parts.count >= 3, parts[0] == "flowgate", parts[1] == "events" {
                events[parts[2], default: 0] += 1
            } else if message.topic == "flowgate/status" {
                online = message.payload == Array("online".utf8)
            }
        }
    }

    /// One line per drone: published, passed to consumers, held back, events.
    func droneLines(_ drones: [String]) -> [String] {
        lock.withLock {
            drones.map { drone in
                let sent = published[drone] ?? 0
                let out = passed[drone] ?? 0
                return "  \(pad(drone, 8)) published \(pad(sent, 6)) passed \(pad(out, 6)) held back "
                    + "\(pad(max(sent - out, 0), 5)) events \(events[drone] ?? 0)"
            }
        }
    }

    private func pad(_ value: some CustomStringConvertible, _ width: Int) -> String {
        let text = value.description
        return text + String(repeating: " ", count: max(width - text.count, 0))
    }
}

/// The gateway's counts by verdict and reason, in words.
struct CounterSummary {
    let counts: DecisionCounts

    var blocked: Int { counts[.block] + counts[.withhold] + counts[.reject] }
    /// Messages the gateway has decided, whatever the verdict.
    var decided: Int { counts.decided }

    var verdictLine: String {
        "forwarded \(counts[.forward]), redacted \(counts[.redact]), blocked \(blocked) "
            + "(block \(counts[.block]), withhold \(counts[.withhold]), reject \(counts[.reject]))"
    }

    /// Reason codes by count, most frequent first.
    var reasonLine: String {
        let reasons = counts.reasonsByCount
        return reasons.isEmpty
            ? "none yet" : reasons.map { "\($0.reason.rawValue) \($0.count)" }.joined(separator: ", ")
    }
}

/// Draws the live view: redrawn in place on a terminal, otherwise a plain line at every tenth of the exercise.
final class DemoDisplay: Sendable {
    let terminal: Bool
    let name: String
    let drones: [String]
    /// What was drawn last: the view is redrawn from a timer task while the run goes on in another.
    private let drawn = Mutex(Drawn())

    private struct Drawn {
        /// Lines of the last drawing on a terminal, to move back over.
        var lines = 0
        /// The last tenth of the exercise shown as plain lines.
        var tenth = -1
    }

    init(terminal: Bool, name: String, drones: [String]) {
        self.terminal = terminal
        self.name = name
        self.drones = drones
    }

    func show(time: Date, fraction: Double, tally: DemoTally, counters: CounterSummary) {
        let percent = Int((fraction * 100).rounded(.down))
        let head =
            "\(name) \(RFC3339.format(time)) \(percent) %: published \(tally.publishedTotal), decided "
            + "\(counters.decided): \(counters.verdictLine)"
        let reasons = "  reasons: \(counters.reasonLine)"
        guard terminal else {
            drawn.withLock { drawn in
                guard percent / 10 > drawn.tenth else { return }
                drawn.tenth = percent / 10
                Console.line(head)
                Console.line(reasons)
            }
            return
        }
        let lines = [head, reasons] + tally.droneLines(drones)
        drawn.withLock { drawn in
            // Back to the first line of the last drawing, then each line cleared and rewritten.
            var text = drawn.lines > 0 ? "\u{1B}[\(drawn.lines)F" : ""
            for line in lines { text += "\u{1B}[2K" + line + "\n" }
            FileHandle.standardOutput.write(Data(text.utf8))
            drawn.lines = lines.count
        }
    }

    /// The final numbers, as plain lines (after the last redraw on a terminal).
    func final(tally: DemoTally, counters: CounterSummary) {
        Console.line("Gateway: decided \(counters.decided) messages: \(counters.verdictLine)")
        Console.line("  reasons: \(counters.reasonLine)")
        Console.line("Per drone (published by its client, passed to consumers on compliant/{drone}/…):")
        for line in tally.droneLines(drones) { Console.line(line) }
    }
}

/// Standard output without buffering, so the live view and the lines around it appear at once and in order,
/// on a terminal and in a CI log alike.
enum Console {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
