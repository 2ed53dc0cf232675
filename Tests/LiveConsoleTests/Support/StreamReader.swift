import Foundation
import StrictJSON
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A viewer that reads the live stream on a thread of its own and notes when each position of one drone first
/// arrived on the map (its trail): the far end of the fix-to-map latency.
final class StreamReader: Sendable {
    private let socketFD: Int32
    private final class Arrivals: Sendable {
        let first = Mutex<[Double: ContinuousClock.Instant]>([:])
    }

    private let arrivals = Arrivals()

    init(port: Int, drone: String) throws {
        let socketFD = try StreamSocket.open(port: port)
        self.socketFD = socketFD
        let arrivals = arrivals
        Thread.detachNewThread {
            var pending: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = recv(socketFD, &buffer, buffer.count, 0)
                guard count > 0 else { return }
                let now = ContinuousClock.now
                pending += buffer[0..<count]
                // Each event ends with a blank line; its `data:` line is one snapshot.
                while let end = Self.eventEnd(pending) {
                    let event = String(decoding: pending[..<end], as: UTF8.self)
                    pending.removeFirst(end + 2)
                    guard let line = event.split(separator: "\n").first(where: { $0.hasPrefix("data: ") }),
                        let snapshot = try? JSONParser.parse(Array(line.dropFirst(6).utf8)).objectValue,
                        let entry = snapshot["drones"]?.arrayValue?.first(where: { $0["id"]?.stringValue == drone }),
                        let trail = entry["trail"]?.arrayValue
                    else { continue }
                    // The trail holds every recent position, so every fix is seen, not only the newest.
                    let latitudes = trail.compactMap { $0.arrayValue?.last?.doubleValue }
                    arrivals.first.withLock { first in
                        for latitude in latitudes where first[latitude] == nil { first[latitude] = now }
                    }
                }
            }
        }
    }

    private static func eventEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 2 else { return nil }
        for index in 0..<(bytes.count - 1) where bytes[index] == 10 && bytes[index + 1] == 10 { return index }
        return nil
    }

    /// When a position with this latitude (as the snapshot rounds it) first arrived.
    func arrival(latitude: Double) -> ContinuousClock.Instant? {
        arrivals.first.withLock { $0[(latitude * 1e7).rounded() / 1e7] }
    }

    deinit {
        shutdown(socketFD, Int32(SHUT_RDWR))
        close(socketFD)
    }
}
