import Foundation
import Gateway
import LiveConsole
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// The live console next to the gateway under load, with viewers that read its stream as fast as they can: what
/// the console costs the message path (`--console-viewers N`).
final class ConsoleViewers: Sendable {
    let port: Int
    private let sockets: [Int32]

    /// Connects `count` viewers to the console on `port`, each read on a thread of its own.
    init(count: Int, port: Int) throws {
        self.port = port
        var sockets: [Int32] = []
        for _ in 0..<count {
            let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
                }
            }
            guard socketFD >= 0, connected else { throw ConsoleViewersError(port: port) }
            let request = Array("GET /api/stream HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n".utf8)
            _ = send(socketFD, request, request.count, 0)
            sockets.append(socketFD)
            Thread.detachNewThread {
                var buffer = [UInt8](repeating: 0, count: 65_536)
                while recv(socketFD, &buffer, buffer.count, 0) > 0 {}
            }
        }
        self.sockets = sockets
    }

    func close() { for socketFD in sockets { shutdown(socketFD, Int32(SHUT_RDWR)) } }

    /// A console for `gateway` (made with a tap) on a free loopback port; returns it and the port.
    static func console(for gateway: ComplianceGateway, signer: ConsoleSigner, logger: Logger) async -> (
        ConsoleServer, AsyncStream<Int>
    ) {
        var settings = ConsoleSettings()
        settings.port = 0
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let server = ConsoleServer(
            settings: settings, gateway: gateway, signer: signer, operators: nil, logger: logger,
            onListening: { continuation.yield($0) })
        return (server, ports)
    }
}

struct ConsoleViewersError: Error, CustomStringConvertible {
    var port: Int
    var description: String { "cannot connect a viewer to the console on port \(port)" }
}
