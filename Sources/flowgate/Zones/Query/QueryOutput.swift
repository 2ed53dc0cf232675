#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Answers written straight to a file descriptor, a batch per call: one large write rather than one per line.
struct QueryOutput {
    let descriptor: Int32

    /// Writes all of `bytes`, however many calls it takes.
    /// - Throws: ``QueryOutputError`` when a write fails (a closed pipe is SIGPIPE's, as for `print`).
    func writeAll(_ bytes: UnsafeBufferPointer<UInt8>) throws(QueryOutputError) {
        var written = 0
        while written < bytes.count {
            let result = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if result < 0 {
                let failure = errno
                if failure == EINTR { continue }
                throw QueryOutputError(errno: failure)
            }
            written += result
        }
    }
}

/// Writing the answers failed.
struct QueryOutputError: Error, CustomStringConvertible {
    var errno: Int32

    var description: String { "cannot write the answers to standard output: \(String(cString: strerror(errno)))" }
}
