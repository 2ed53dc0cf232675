import Foundation

/// A pipe that wakes a thread blocked in `poll`: a writer on any thread makes its read end readable, the
/// polling thread drains it. Both ends are non-blocking, so a full pipe (the thread is already due to wake)
/// never blocks a writer. Closed once, when the last owner lets go, after the polling thread has finished.
final class WakePipe: Sendable {
    let readEnd: Int32
    private let writeEnd: Int32

    init() throws(MQTTError) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            throw MQTTError(
                code: nil, operation: "creating the client group's wake-up pipe",
                message: String(cString: strerror(errno)))
        }
        for end in ends { _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK) }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// Makes the read end readable.
    func wake() {
        var byte: UInt8 = 1
        _ = write(writeEnd, &byte, 1)
    }

    /// Reads everything written so far, so that the next `poll` blocks again.
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 256)
        while read(readEnd, &buffer, buffer.count) > 0 {}
    }
}
