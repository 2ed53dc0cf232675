import Airspace
import ArgumentParser
import Compliance
import Foundation
import Gateway
import Pipeline
import StrictJSON

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Run a recording through the gateway's engine, offline, and print every decision.",
        discussion: """
            A recording is JSON lines {"time":"RFC 3339","topic":"...","payload":{...}} (or "payload_b64" with \
            the exact bytes). Each line goes through the same code as the live gateway, with the line's time as \
            "now", and one JSON line per message comes out: the verdict, the compliance state, the reasons and \
            what would be published. A line that cannot be read gets an "error" line and the rest go on; the exit \
            status is then 1. Use it for what-if analysis with another configuration, and after an incident.
            """
    )

    @Argument(help: "The recording (JSON lines); - for standard input.", completion: .file())
    var recording: String

    @Option(help: "The gateway configuration (YAML) whose bundle, limits and modes to apply.")
    var config: String

    @Option(help: "Output format: json (one object per message, for programs) or text (for people).")
    var format: ZonesQuery.OutputFormat = .json

    func run() throws {
        let settings = try ConfigArgument.load(config, checkFiles: false)
        let bundle = try ConfigArgument.bundle(of: settings)
        var replay = Replay(
            engine: ComplianceEngine(airspace: AirspaceIndex(bundle: bundle), policy: settings.policy),
            adapters: settings.adapters)
        guard let input = recording == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: recording) else {
            throw CommandFailure("cannot read the recording '\(recording)'")
        }
        let progress = Progress(enabled: isatty(2) == 1)
        var lineNumber = 0
        var failures = 0
        for line in LineReader(input) {
            lineNumber += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            let outputs: [JSONObject]
            do throws(RecordingError) {
                // One line per decision: a Remote ID flights response gives one per flight.
                outputs = replay.run(try RecordedMessage(line: line), line: lineNumber)
            } catch {
                failures += 1
                var failure: JSONObject = ["line": .number(lineNumber)]
                if let field = error.field { failure["field"] = .string(field) }
                failure["error"] = .string(error.problem)
                outputs = [failure]
            }
            for output in outputs {
                print(format == .json ? JSONWriter.write(.object(output)) : ReplayCommand.text(output))
            }
            progress.update(lineNumber)
        }
        progress.finish(lineNumber)
        let counts = replay.pipeline.counts
        StandardError.print(
            "replayed \(lineNumber) lines: "
                + Decision.Verdict.allCases.filter { counts[$0] > 0 }.sorted { $0.rawValue < $1.rawValue }
                .map { "\(counts[$0]) \($0.rawValue)" }.joined(separator: ", ")
                + (failures > 0 ? "; \(failures) unreadable" : ""))
        if failures > 0 { throw ExitCode.checkFailed }
    }
}

extension ReplayCommand {
    /// One decision in a line or two: verdict, state, reasons, and what would be published.
    static func text(_ output: JSONObject) -> String {
        let line = output["line"].map { JSONWriter.write($0) } ?? "?"
        if let error = output["error"]?.stringValue {
            return "line \(line): error: \(output["field"]?.stringValue.map { "\($0): " } ?? "")\(error)"
        }
        let topic = output["topic"]?.stringValue ?? ""
        let verdict = (output["verdict"]?.stringValue ?? "").uppercased()
        var summary = "line \(line): \(topic): \(verdict)"
        if let state = output["state"]?.stringValue { summary += " (\(state))" }
        if let rejection = output["rejection"] {
            summary += ": \(rejection["code"]?.stringValue ?? "") \(rejection["detail"]?.stringValue ?? "")"
        }
        var lines = [summary]
        for reason in output["reasons"]?.arrayValue ?? [] {
            lines.append(
                "    \(reason["severity"]?.stringValue ?? "") \(reason["code"]?.stringValue ?? "")"
                    + (reason["subject"]?.stringValue.map { " [\($0)]" } ?? "")
                    + ": \(reason["detail"]?.stringValue ?? "")")
        }
        let published = (output["publish"]?.arrayValue ?? []).map { publication in
            let event = publication["payload"]?["event"]?.stringValue
            return (publication["topic"]?.stringValue ?? "") + (event.map { " (\($0))" } ?? "")
        }
        if !published.isEmpty { lines.append("    publishes " + published.joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }
}

/// Lines of a file read in chunks, so that a recording of any size streams through.
struct LineReader: Sequence, IteratorProtocol {
    let handle: FileHandle
    var buffer: [UInt8] = []
    /// Where the next line starts in `buffer`: lines are not cut off the front one by one, which moved the rest
    /// of the chunk for every line (a 300 MB truth file took a minute).
    var start = 0
    var finished = false

    init(_ handle: FileHandle) { self.handle = handle }

    mutating func next() -> String? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                var line = buffer[start..<newline]
                if line.last == 0x0D { line = line.dropLast() }
                let text = String(decoding: line, as: UTF8.self)
                start = newline + 1
                return text
            }
            if finished {
                guard start < buffer.count else { return nil }
                defer {
                    buffer.removeAll()
                    start = 0
                }
                return String(decoding: buffer[start...], as: UTF8.self)
            }
            buffer.removeSubrange(..<start)
            start = 0
            let chunk = handle.readData(ofLength: 1 << 16)
            if chunk.isEmpty { finished = true } else { buffer += chunk }
        }
    }
}

/// A line count on standard error, refreshed every 10,000 lines, when standard error is a terminal.
struct Progress {
    let enabled: Bool

    func update(_ lines: Int) {
        if enabled, lines % 10_000 == 0 { FileHandle.standardError.write(Data("\rreplaying: \(lines) lines".utf8)) }
    }

    func finish(_ lines: Int) {
        if enabled, lines >= 10_000 { FileHandle.standardError.write(Data("\r".utf8)) }
    }
}
