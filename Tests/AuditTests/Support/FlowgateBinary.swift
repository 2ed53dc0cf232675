import Foundation

/// Runs the `flowgate` executable that SwiftPM builds next to the test bundle (`FLOWGATE_EXECUTABLE` overrides).
enum FlowgateBinary {
    static func url() throws -> URL {
        if let override = ProcessInfo.processInfo.environment["FLOWGATE_EXECUTABLE"] {
            return URL(fileURLWithPath: override)
        }
        let folders = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0])]
            .flatMap { [$0.deletingLastPathComponent(), $0.deletingLastPathComponent().deletingLastPathComponent()] }
        for folder in folders {
            let candidate = folder.appendingPathComponent("flowgate")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw BinaryMissing(searched: folders.map(\.path))
    }

    struct BinaryMissing: Error, CustomStringConvertible {
        var searched: [String]
        var description: String {
            "no 'flowgate' executable in \(searched.joined(separator: ", ")); run `swift build --build-tests` first"
        }
    }

    /// Runs `flowgate arguments` to completion; returns its exit status and standard output.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = try url()
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
