import ArgumentParser

/// A command that could not do its job for a reason outside its arguments: a file that cannot be read or
/// written, a key that does not load. Unlike `ValidationError`, it is not a usage mistake, so `flowgate` prints
/// only the message (naming the file and what went wrong), not the usage text, and exits with ``exitCode``.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    let exitCode: ExitCode

    /// - Parameters:
    ///   - description: what failed, with the file or value it concerns.
    ///   - exitCode: the status to exit with; by default ``ArgumentParser/ExitCode/cannotRun`` (2).
    init(_ description: String, exitCode: ExitCode = .cannotRun) {
        self.description = description
        self.exitCode = exitCode
    }
}
