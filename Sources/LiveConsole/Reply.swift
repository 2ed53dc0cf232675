import HTTPTypes
import Hummingbird
import StrictJSON

/// The console's responses: JSON or an embedded asset, never cached, never framed by another site.
enum Reply {
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        bytes(JSONWriter.bytes(value), contentType: "application/json", status: status)
    }

    static func problem(_ status: HTTPResponse.Status, _ message: String) -> Response {
        json(.object(["error": .string(message)]), status: status)
    }

    static func bytes(_ bytes: [UInt8], contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = securityHeaders
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The page: its Content-Security-Policy lets images come from the configured tile server's origin, if any.
    static func page(_ bytes: [UInt8], tileOrigin: String?) -> Response {
        var response = Self.bytes(bytes, contentType: "text/html; charset=utf-8")
        response.headers[.contentSecurityPolicy] = contentSecurityPolicy(tileOrigin: tileOrigin)
        return response
    }

    /// Everything the page needs is served from here: no script, style, font or image from anywhere else (map tiles
    /// only from the tile server the configuration names, see ``page(_:tileOrigin:)``).
    static var securityHeaders: HTTPFields {
        var headers = HTTPFields()
        headers[.cacheControl] = "no-store"
        headers[.contentSecurityPolicy] = contentSecurityPolicy(tileOrigin: nil)
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        return headers
    }

    private static func contentSecurityPolicy(tileOrigin: String?) -> String {
        let images = ["'self'", "data:"] + (tileOrigin.map { [$0] } ?? [])
        return "default-src 'self'; style-src 'self'; img-src \(images.joined(separator: " ")); connect-src 'self'; "
            + "frame-ancestors 'none'"
    }
}
