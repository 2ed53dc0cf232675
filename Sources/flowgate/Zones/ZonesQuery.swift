import Airspace
import ArgumentParser
import Foundation

struct ZonesQuery: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Answer position queries read as JSON lines on standard input.",
        discussion: """
            Each input line is {"drone","mission","lat","lon","alt_m","alt_ref","time"}; alt_ref is AGL, AMSL or \
            WGS84 and time is RFC 3339. Each output line is the query's answer: the applicable zones, whether the \
            drone is authorised there, the verdict with reasons and warnings, and the nearest boundary that \
            matters. A malformed line gets an output line with "error" and the rest continue; the exit status is \
            then 1. Blank lines are skipped. Answers come in input order, also with --jobs.
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
        case json, text
    }

    @OptionGroup var bundle: BundleArgument

    @Option(help: "Output format: json (one object per line, for programs) or text (for people).")
    var format: OutputFormat = .json

    @Option(help: "Threads that assess batches of lines at once (1 to 64); the answers keep the input order.")
    var jobs = 1

    /// For tests of lines cut across reads: the input is read in pieces of this many bytes.
    @Option(help: .hidden)
    var readSize = 1 << 18

    func validate() throws {
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be 1 to 64, not \(jobs)") }
        guard readSize >= 1 else { throw ValidationError("--read-size must be at least 1, not \(readSize)") }
    }

    func run() throws {
        let index = AirspaceIndex(bundle: try bundle.load())
        let reader = QueryLineReader(descriptor: STDIN_FILENO, chunkSize: readSize)
        let output = QueryOutput(descriptor: STDOUT_FILENO)
        let totals: QueryTotals
        do {
            if jobs == 1 {
                totals = try QueryRun.answerInline(reader: reader, output: output, index: index, format: format)
            } else {
                totals = try QueryRun.answerOnWorkers(
                    jobs, reader: reader, output: output, index: index, format: format)
            }
        } catch {
            StandardError.print("\(error)")
            throw ExitCode.cannotRun
        }
        if totals.failures > 0 {
            StandardError.print(
                "\(totals.failures) of \(totals.queries) query lines could not be read; see their \"error\" answers")
            throw ExitCode.checkFailed
        }
    }
}
