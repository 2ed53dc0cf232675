import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A raw loopback connection to the console's live stream, for viewers the tests control byte by byte (one that
/// never reads, one that notes when each update arrives).
enum StreamSocket {
    /// Connects to the console on `port` and sends the stream request; returns the open socket.
    /// - Parameters:
    ///   - receiveBuffer: a receive buffer size to ask the kernel for before connecting, if any.
    ///   - cookie: a `Cookie` header's value (a logged-in viewer's session), if any.
    static func open(port: Int, receiveBuffer: Int32? = nil, cookie: String? = nil) throws -> Int32 {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw HarnessError("cannot open a socket") }
        if var size = receiveBuffer {
            setsockopt(socketFD, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
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
        let cookieLine = cookie.map { "Cookie: \($0)\r\n" } ?? ""
        let request = Array(
            "GET /api/stream HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\(cookieLine)\r\n"
                .utf8)
        guard send(socketFD, request, request.count, 0) == request.count else {
            close(socketFD)
            throw HarnessError("cannot send the stream request")
        }
        return socketFD
    }
}
