import Foundation
import StrictJSON

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One browser's worth of the console over HTTP: keeps its session cookie and CSRF token, and sends the
/// console's Origin like the page does (unless a test says otherwise).
final class ConsoleClient {
    struct Answer {
        var status: Int
        var json: JSONObject
        var setCookie: String?
        var text = ""
        var contentSecurityPolicy: String?
    }

    let base: String
    var cookie: String?
    var csrf: String?
    private let session: URLSession

    init(base: String) {
        self.base = base
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.timeoutIntervalForRequest = 30
        session = URLSession(configuration: configuration)
    }

    /// - Parameters:
    ///   - origin: the `Origin` header; the console's own by default, `nil` for none.
    ///   - csrf: whether to send the session's CSRF token.
    func send(
        _ method: String, _ path: String, _ body: JSONObject? = nil, origin: String?? = .none,
        csrf sendToken: Bool = true
    ) async throws -> Answer {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        switch origin {
        case .none: request.setValue(base, forHTTPHeaderField: "Origin")
        case .some(.some(let value)): request.setValue(value, forHTTPHeaderField: "Origin")
        case .some(.none): break
        }
        if let cookie { request.setValue(cookie, forHTTPHeaderField: "Cookie") }
        if sendToken, let csrf { request.setValue(csrf, forHTTPHeaderField: "X-CSRF-Token") }
        if let body { request.httpBody = Data(JSONWriter.bytes(.object(body))) }
        let (data, response) = try await session.data(for: request)
        let http = response as? HTTPURLResponse
        let json = (try? JSONParser.parse(Array(data)).objectValue) ?? JSONObject()
        return Answer(
            status: http?.statusCode ?? 0, json: json, setCookie: http?.value(forHTTPHeaderField: "Set-Cookie"),
            text: String(decoding: data, as: UTF8.self),
            contentSecurityPolicy: http?.value(forHTTPHeaderField: "Content-Security-Policy"))
    }

    /// Logs in and keeps the cookie and token.
    @discardableResult
    func login(_ name: String, _ password: String) async throws -> Answer {
        let answer = try await send("POST", "/api/login", ["operator": .string(name), "password": .string(password)])
        if answer.status == 200, let setCookie = answer.setCookie {
            cookie = String(setCookie.split(separator: ";")[0])
            csrf = answer.json["csrf"]?.stringValue
        }
        return answer
    }

    func release(_ drone: String, _ stream: String, reason: String) async throws -> Answer {
        try await send(
            "POST", "/api/release", ["drone": .string(drone), "stream": .string(stream), "reason": .string(reason)])
    }

    /// The latest snapshot.
    func snapshot() async throws -> JSONObject {
        try await send("GET", "/api/snapshot").json
    }

    /// Polls the snapshot until `done` holds or `seconds` pass; returns the last one.
    func snapshot(within seconds: Double = 30, until done: (JSONObject) -> Bool) async throws -> JSONObject {
        let deadline = Date().addingTimeInterval(seconds)
        var last = JSONObject()
        while Date() < deadline {
            last = try await snapshot()
            if done(last) { return last }
            try await Task.sleep(for: .milliseconds(100))
        }
        return last
    }
}
