import ArgumentParser
import Foundation
import Simulation

/// A ground-truth file (JSON lines from `flowgate sim generate`, `sim run` or `demo`) read as it is consumed,
/// each pass from the start: a 10-minute, 200-drone exercise has 1.32 million lines, too many to hold.
///
/// A line that does not parse ends the pass and is kept in ``problem``: the caller reports it, so that a broken
/// line never passes for the end of the file.
struct TruthFile: Sequence {
    let path: String
    private let problems = Problems()

    /// The first line that did not parse, in words with the file and line number; `nil` while all parse.
    var problem: String? { problems.first }

    /// - Throws: ``ExitCode/cannotRun`` (after saying so) when the file cannot be opened.
    init(path: String) throws {
        guard FileManager.default.isReadableFile(atPath: path) else {
            StandardError.print("cannot read '\(path)'")
            throw ExitCode.cannotRun
        }
        self.path = path
    }

    func makeIterator() -> Iterator {
        Iterator(lines: FileHandle(forReadingAtPath: path).map { LineReader($0) }, path: path, problems: problems)
    }

    struct Iterator: IteratorProtocol {
        var lines: LineReader?
        let path: String
        let problems: Problems
        var number = 0

        mutating func next() -> TruthLine? {
            while let line = lines?.next() {
                number += 1
                if line.allSatisfy(\.isWhitespace) { continue }
                do {
                    return try TruthLine(line: line)
                } catch {
                    problems.first = problems.first ?? "\(path): line \(number): \(error)"
                    lines = nil
                }
            }
            return nil
        }
    }

    /// Shared by the passes of one file.
    final class Problems {
        var first: String?
    }
}
