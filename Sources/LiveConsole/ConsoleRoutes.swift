import Compliance
import Foundation
import Gateway
import HTTPTypes
import Hummingbird
import StrictJSON

/// What the console answers: the page and its script for anyone who reaches it, the live picture for viewers
/// (everyone on an open console, logged-in operators otherwise), and the requests that change something, for
/// logged-in operators only, each checked against cross-site request forgery.
struct ConsoleRoutes: Sendable {
    static let sessionCookie = "flowgate_session"
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    let settings: ConsoleSettings
    let feed: SnapshotFeed
    let sessions: SessionStore
    let operators: OperatorDirectory
    let desk: ReleaseDesk
    let exercise: (any ExerciseControl)?

    func add(to router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in
            let latest = feed.current
            let page =
                mayView(request)
                ? ConsolePage.html(snapshot: latest.snapshot, zones: latest.zones, tiles: settings.tiles)
                : ConsolePage.html(snapshot: nil, zones: nil, tiles: settings.tiles)
            return Reply.page(page, tileOrigin: settings.tiles?.origin)
        }
        router.get("/console.js") { _, _ in
            Reply.bytes(Array(ConsoleScript.source.utf8), contentType: "text/javascript; charset=utf-8")
        }
        router.get("/console.css") { _, _ in
            Reply.bytes(Array(ConsoleStyle.source.utf8), contentType: "text/css; charset=utf-8")
        }
        router.get("/api/zones") { request, _ in
            guard mayView(request) else { return Self.loginRequired }
            return Reply.bytes(feed.current.zones, contentType: "application/json")
        }
        router.get("/api/snapshot") { request, _ in
            guard mayView(request) else { return Self.loginRequired }
            guard let snapshot = feed.current.snapshot else {
                return Reply.problem(.serviceUnavailable, "no snapshot yet")
            }
            return Reply.bytes(snapshot, contentType: "application/json")
        }
        router.get("/api/stream") { request, _ in
            guard mayView(request) else { return Self.loginRequired }
            // Where viewing needs a login, the stream lasts only as long as the login that opened it.
            let login = settings.viewingRequiresLogin ? request.cookies[Self.sessionCookie]?.value : nil
            return stream(whileLive: login)
        }
        addOperatorRoutes(to: router)
        addExerciseRoutes(to: router)
    }

    /// Server-sent events: one `snapshot` event per tick, from this viewer's own drop-oldest queue. With `login`,
    /// its session is checked at every tick: once it has expired or been logged out, the viewer gets one `expired`
    /// event and the stream ends (the page then asks for a login; a reconnect is refused).
    private func stream(whileLive login: String?) -> Response {
        guard let snapshots = feed.hub.join(first: feed.current.snapshot) else {
            return Reply.problem(.serviceUnavailable, "too many viewers (\(ViewerHub.maximumViewers)); try again later")
        }
        var headers = Reply.securityHeaders
        headers[.contentType] = "text/event-stream"
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                for await snapshot in snapshots {
                    if let login, !sessions.isLive(login) {
                        try await writer.write(ByteBuffer(string: Self.expiredEvent))
                        break
                    }
                    var buffer = ByteBuffer()
                    buffer.writeString("event: snapshot\ndata: ")
                    buffer.writeBytes(snapshot)
                    buffer.writeString("\n\n")
                    try await writer.write(buffer)
                }
                try await writer.finish(nil)
            })
    }

    static let expiredEvent = "event: expired\ndata: {\"error\":\"the session expired or was logged out\"}\n\n"

    static var loginRequired: Response { Reply.problem(.unauthorized, "log in to view this console") }

    func mayView(_ request: Request) -> Bool {
        !settings.viewingRequiresLogin || session(request) != nil
    }

    func session(_ request: Request) -> SessionStore.Session? {
        sessions.session(request.cookies[Self.sessionCookie]?.value)
    }

    /// A state-changing request: it must come from the console's own page (its `Origin` is this server) and,
    /// unless it is the login itself, from a logged-in operator who shows the session's CSRF token.
    func guardChange(_ request: Request, needsSession: Bool = true) -> Result<SessionStore.Session?, Refusal> {
        guard let origin = request.headers[.origin], let authority = request.head.authority,
            origin == "http://\(authority)" || origin == "https://\(authority)"
        else { return .failure(Refusal(.forbidden, "cross-site request refused: Origin must be this console")) }
        guard needsSession else { return .success(nil) }
        guard let session = session(request) else {
            return .failure(Refusal(.unauthorized, "log in first (or the session expired)"))
        }
        guard let token = request.headers[Self.csrfHeader], token == session.csrfToken else {
            return .failure(Refusal(.forbidden, "cross-site request refused: missing or wrong X-CSRF-Token"))
        }
        return .success(session)
    }

    /// Why a request was refused.
    struct Refusal: Error {
        var status: HTTPResponse.Status
        var message: String
        init(_ status: HTTPResponse.Status, _ message: String) {
            self.status = status
            self.message = message
        }
        var response: Response { Reply.problem(status, message) }
    }

    /// The request's JSON object body (at most 16 KiB).
    static func body(_ request: Request) async -> JSONObject? {
        var request = request
        guard let buffer = try? await request.collectBody(upTo: 16 * 1024) else { return nil }
        return try? JSONParser.parse(Array(buffer.readableBytesView)).objectValue
    }
}
