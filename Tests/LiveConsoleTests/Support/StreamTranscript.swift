import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A viewer that reads the live stream on a thread of its own and keeps everything it received, with when the
/// console ended the response: for streams that must end.
final class StreamTranscript: Sendable {
    private static let lastChunk = Array("\r\n0\r\n\r\n".utf8)

    private struct Received: Sendable {
        var bytes: [UInt8] = []
        var ended: ContinuousClock.Instant?
    }

    /// Shared with the reading thread.
    private final class Box: Sendable {
        let received = Mutex(Received())
    }

    private let socketFD: Int32
    private let box = Box()

    init(port: Int, cookie: String?) throws {
        let socketFD = try StreamSocket.open(port: port, cookie: cookie)
        self.socketFD = socketFD
        let box = box
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = recv(socketFD, &buffer, buffer.count, 0)
                guard count > 0 else {
                    box.received.withLock { $0.ended = ContinuousClock.now }
                    return
                }
                let finished = box.received.withLock { received in
                    received.bytes += buffer[0..<count]
                    // The last chunk of a chunked response: the response ended, though HTTP/1.1 keeps the
                    // connection open for another request.
                    guard received.bytes.suffix(Self.lastChunk.count).elementsEqual(Self.lastChunk) else {
                        return false
                    }
                    received.ended = ContinuousClock.now
                    return true
                }
                if finished { return }
            }
        }
    }

    var text: String { box.received.withLock { String(decoding: $0.bytes, as: UTF8.self) } }

    /// How many events of this name arrived so far.
    func count(_ event: String) -> Int { text.components(separatedBy: "event: \(event)\n").count - 1 }

    /// When the console ended the response or closed the connection; `nil` when it is still open after `limit` (polled, so a loaded
    /// machine only makes the wait longer).
    func end(within limit: Duration) async throws -> ContinuousClock.Instant? {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if let ended = box.received.withLock({ $0.ended }) { return ended }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    /// Waits until at least one event of this name arrived (at most `limit`).
    func waitFor(_ event: String, within limit: Duration = .seconds(30)) async throws {
        let deadline = ContinuousClock.now + limit
        while count(event) == 0 {
            guard ContinuousClock.now < deadline else { throw HarnessError("no \(event) event within \(limit)") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// The response's status code, once its status line arrived (at most `limit`).
    func responseStatus(within limit: Duration = .seconds(30)) async throws -> Int? {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            let line = text.split(separator: "\r\n", maxSplits: 1).first.map(String.init) ?? ""
            if text.contains("\r\n"), line.hasPrefix("HTTP/1.1 ") { return Int(line.split(separator: " ")[1]) }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    deinit {
        shutdown(socketFD, Int32(SHUT_RDWR))
        close(socketFD)
    }
}
