import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A loopback port that refuses connections: bound and never listening, and held until this is released, so
/// that no broker another test starts can take it and no client connecting to it can be given it as its own
/// source port (a TCP connection to itself). For tests of what a client does when nothing answers.
public final class RefusingPort: Sendable {
    public let port: Int
    private let socketFD: Int32

    public init() throws {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw BrokerError("cannot open a socket to hold a port") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketFD, $0, length) == 0 && getsockname(socketFD, $0, &length) == 0
            }
        }
        guard bound else {
            close(socketFD)
            throw BrokerError("cannot bind a loopback port to hold")
        }
        self.socketFD = socketFD
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(socketFD) }
}
