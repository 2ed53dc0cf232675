import ArgumentParser

/// The exit statuses the commands document in their help and in README.md, by what they mean to a script.
extension ExitCode {
    /// 1: the command read its input and judged it, and it did not pass: a bundle, configuration or scenario
    /// with problems, query or recording lines that could not be read, a record that is not intact, a
    /// scorecard threshold not met, a reload refused. Every problem has been printed.
    static let checkFailed = ExitCode(1)

    /// 2: the command could not do its job at all: an input that cannot be read (a file, an audit record, a
    /// key) or no gateway answering.
    static let cannotRun = ExitCode(2)

    /// 130: stopped by Ctrl-C (128 + SIGINT, as shells report it), after cleaning up.
    static let interrupted = ExitCode(130)
}
