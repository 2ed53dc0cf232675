import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A viewer that opens the live stream and never reads it, with the smallest receive buffer the kernel allows:
/// the console's writes to it stall as soon as the kernel's buffers are full.
final class StalledViewer {
    private let socketFD: Int32

    init(port: Int) throws {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw HarnessError("cannot open a socket") }
        var size: Int32 = 1_024
        setsockopt(socketFD, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else {
            close(socketFD)
            throw HarnessError("cannot connect to the console on port \(port)")
        }
        let request = Array(
            "GET /api/stream HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n".utf8)
        guard send(socketFD, request, request.count, 0) == request.count else {
            close(socketFD)
            throw HarnessError("cannot send the stream request")
        }
        self.socketFD = socketFD
    }

    /// Bytes the kernel holds for this viewer unread (it never reads).
    var unread: Int {
        var count: Int32 = 0
        _ = ioctl(socketFD, UInt(FIONREAD), &count)
        return Int(count)
    }

    deinit { close(socketFD) }
}
