import Dispatch
public import Foundation

/// What one run of `flowgate` produced.
public struct FlowgateResult: Sendable {
    /// The exit status (or the signal number when the process was killed by a signal).
    public var status: Int32
    public var stdout: String
    public var stderr: String

    /// Standard output split into lines, without the final empty piece after the last newline.
    public var stdoutLines: [String] { Self.lines(of: stdout) }
    /// Standard error split into lines, without the final empty piece after the last newline.
    public var stderrLines: [String] { Self.lines(of: stderr) }

    private static func lines(of text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

/// Runs the built `flowgate` executable as a subprocess, the way a user or a script would: the one way every
/// test target runs it.
public enum FlowgateProcess {
    /// The package root: two levels up from this file's folder (`Tests/TestSupport/`).
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The demo bundle, relative to ``packageRoot`` (the working directory of every run).
    public static let demoBundle = "Geofences/berlin-pariser-platz"

    /// The demo bundle's sample queries.
    public static var demoQueries: String {
        get throws {
            try String(
                contentsOf: packageRoot.appendingPathComponent(demoBundle).appendingPathComponent("queries.jsonl"),
                encoding: .utf8)
        }
    }

    /// Runs `flowgate` with `arguments` in ``packageRoot`` (or `directory`), feeding `input` on standard input.
    ///
    /// Standard input comes from a temporary file, so a child that exits without reading it cannot block
    /// us or raise SIGPIPE; both output pipes are drained on their own threads while the child runs, so a
    /// large answer cannot fill a pipe and deadlock.
    /// - Throws: ``FlowgateProcessError`` when the executable cannot be found or started, or runs too long.
    public static func run(
        _ arguments: [String], input: String = "", in directory: URL? = nil, timeout: TimeInterval = 60
    ) async throws -> FlowgateResult {
        let executable = try executableURL.get()
        let inputFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("flowgate-stdin-\(UUID().uuidString)")
        try Data(input.utf8).write(to: inputFile)
        defer { try? FileManager.default.removeItem(at: inputFile) }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? packageRoot
        let stdinHandle = try FileHandle(forReadingFrom: inputFile)
        defer { try? stdinHandle.close() }
        let stdoutPipe = Pipe()
        let stderrPipe = Pipe()
        process.standardInput = stdinHandle
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        do {
            try process.run()
        } catch {
            throw FlowgateProcessError("could not start \(executable.path): \(error)")
        }
        // Our copies of the write ends must be closed, or reading would never see end-of-file.
        try? stdoutPipe.fileHandleForWriting.close()
        try? stderrPipe.fileHandleForWriting.close()

        let watchdog = DispatchWorkItem { [process] in
            if process.isRunning { process.terminate() }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        async let stdoutData = readToEnd(stdoutPipe.fileHandleForReading)
        async let stderrData = readToEnd(stderrPipe.fileHandleForReading)
        let (out, err) = await (stdoutData, stderrData)
        await waitForExit(process)
        watchdog.cancel()

        if process.terminationReason == .uncaughtSignal {
            throw FlowgateProcessError(
                "flowgate \(arguments.joined(separator: " ")) was killed by signal \(process.terminationStatus)"
                    + " (timeout \(Int(timeout)) s?); stderr: \(String(decoding: err, as: UTF8.self))")
        }
        return FlowgateResult(
            status: process.terminationStatus,
            stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }

    /// Reads a pipe to end-of-file on a thread of its own, keeping the blocking read off the test's executor.
    /// Not on Dispatch's global queue: with the whole suite running, its threads can all be taken by blocking
    /// work, and a child whose output is not read fills its pipe and hangs until the watchdog kills it.
    private static func readToEnd(_ handle: FileHandle) async -> Data {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: handle.readDataToEndOfFile()) }.start()
        }
    }

    private static func waitForExit(_ process: Process) async {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                process.waitUntilExit()
                continuation.resume()
            }
        }
    }

    // MARK: - Finding the executable

    /// The `flowgate` executable built next to the test bundle, found once.
    public static let executableURL: Result<URL, FlowgateProcessError> = locateExecutable(
        "flowgate", override: "FLOWGATE_EXECUTABLE")

    /// Walks up from the test bundle (and the test runner's own path) to the first folder that holds an
    /// executable file named `name`: the build products folder, where SwiftPM puts both. The environment
    /// variable `override` names the file instead, when set.
    public static func locateExecutable(_ name: String, override: String) -> Result<URL, FlowgateProcessError> {
        let fileManager = FileManager.default
        if let path = ProcessInfo.processInfo.environment[override] {
            return fileManager.isExecutableFile(atPath: path)
                ? .success(URL(fileURLWithPath: path))
                : .failure(FlowgateProcessError("\(override)=\(path) is not an executable file"))
        }
        let starts = [Bundle.main.executableURL, Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0])]
            .compactMap { $0?.standardizedFileURL }
        var searched: [String] = []
        for start in starts {
            var folder = start
            while folder.path != "/" && !folder.path.isEmpty {
                let candidate = folder.appendingPathComponent(name)
                var isDirectory: ObjCBool = false
                if fileManager.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                    fileManager.isExecutableFile(atPath: candidate.path)
                {
                    return .success(candidate)
                }
                searched.append(folder.path)
                folder = folder.deletingLastPathComponent()
            }
        }
        return .failure(
            FlowgateProcessError(
                "no executable '\(name)' found next to the test bundle; searched "
                    + Array(Set(searched)).sorted().joined(separator: ", ")
                    + ". Build it with `swift build --build-tests` or set \(override)."))
    }
}

/// Why a `flowgate` run could not be made or finished.
public struct FlowgateProcessError: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}
