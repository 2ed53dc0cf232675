import Foundation
import Hummingbird
import Logging
import Synchronization

/// A map tile server on a free loopback port: answers `/tiles/{z}/{x}/{y}.png` with a small PNG and notes what
/// was asked, so that a test can see which tiles a browser fetched, and how often.
final class TileServer: Sendable {
    /// The tiles asked for, as `z/x/y`, in order (a tile asked twice is listed twice).
    private final class Log: Sendable {
        let tiles = Mutex<[String]>([])
    }

    let port: Int
    private let log: Log
    private let running: Task<Void, any Error>

    var template: String { "http://127.0.0.1:\(port)/tiles/{z}/{x}/{y}.png" }

    var requested: [String] { log.tiles.withLock { $0 } }

    private init(port: Int, log: Log, running: Task<Void, any Error>) {
        self.port = port
        self.log = log
        self.running = running
    }

    static func start() async throws -> TileServer {
        let log = Log()
        let router = Router()
        router.get("/tiles/:z/:x/:file") { _, context in
            let parameters = ["z", "x", "file"].map { context.parameters.get($0) ?? "" }
            let y = parameters[2].split(separator: ".").first.map(String.init) ?? ""
            log.tiles.withLock { $0.append("\(parameters[0])/\(parameters[1])/\(y)") }
            var headers = HTTPFields()
            headers[.contentType] = "image/png"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: onePixel)))
        }
        let listening = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "flowgate-tile-server-test")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in listening.continuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger)
        let running = Task { try await app.run() }
        for await port in listening.stream {
            return TileServer(port: port, log: log, running: running)
        }
        throw HarnessError("the tile server did not start")
    }

    func stop() { running.cancel() }

    /// A 1×1 grey PNG.
    private static let onePixel: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
        0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00, 0x00, 0x00, 0x3A, 0x7E, 0x9B, 0x55, 0x00, 0x00, 0x00,
        0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x38, 0x01, 0x00, 0x00, 0xCA, 0x00, 0xC9, 0x99, 0xCA, 0x5D,
        0x7E, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]
}
