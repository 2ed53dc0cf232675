import FlyingFox
import FlyingSocks
public import Foundation

/// `flowgate zones reload`'s side of `POST /reload` on a running gateway's loopback admin (metrics) port.
public enum ReloadRequest {
    /// The gateway's answer: the HTTP status (200 applied, 422 refused) and its JSON body.
    public static func send(port: UInt16) async throws -> (status: Int, body: Data) {
        var client = HTTPClient()
        let request = HTTPRequest(
            method: .POST, version: .http11, path: "/reload", query: [],
            headers: [.host: "127.0.0.1:\(port)", .contentLength: "0", .connection: "close"], body: Data())
        let response = try await client.sendHTTPRequest(request, to: try sockaddr_in.inet(ip4: "127.0.0.1", port: port))
        return (response.statusCode.code, try await response.bodyData)
    }
}
