import Compliance
import Foundation
import Gateway
import Hummingbird
import StrictJSON

/// Login, logout and the four-eyes release.
extension ConsoleRoutes {
    func addOperatorRoutes(to router: Router<BasicRequestContext>) {
        router.post("/api/login") { request, _ in
            if case .failure(let refusal) = guardChange(request, needsSession: false) { return refusal.response }
            guard let body = await Self.body(request), let name = body["operator"]?.stringValue,
                let password = body["password"]?.stringValue
            else { return Reply.problem(.badRequest, "expected {\"operator\": …, \"password\": …}") }
            guard operators.verify(name, password: password) else {
                return Reply.problem(.unauthorized, "unknown operator or wrong password")
            }
            let (token, session) = sessions.open(for: name)
            var response = Self.sessionReply(session, lifetime: sessions.lifetime)
            response.setCookie(
                Cookie(
                    name: Self.sessionCookie, value: token, path: "/", httpOnly: true, sameSite: .strict))
            return response
        }
        router.get("/api/session") { request, _ in
            guard let session = session(request) else { return Reply.problem(.unauthorized, "not logged in") }
            return Self.sessionReply(session, lifetime: sessions.lifetime)
        }
        router.post("/api/logout") { request, _ in
            if case .failure(let refusal) = guardChange(request) { return refusal.response }
            sessions.close(request.cookies[Self.sessionCookie]?.value)
            var response = Reply.json(.object(["operator": .null]))
            response.setCookie(
                Cookie(name: Self.sessionCookie, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
            return response
        }
        router.post("/api/release") { request, _ in
            let session: SessionStore.Session?
            switch guardChange(request) {
            case .failure(let refusal): return refusal.response
            case .success(let checked): session = checked
            }
            guard let session else { return Reply.problem(.unauthorized, "log in first") }
            guard let body = await Self.body(request), let drone = body["drone"]?.stringValue,
                let stream = body["stream"]?.stringValue, let reason = body["reason"]?.stringValue
            else { return Reply.problem(.badRequest, "expected {\"drone\": …, \"stream\": …, \"reason\": …}") }
            let key = StreamKey(drone: drone, stream: stream)
            switch await desk.approve(key, by: session.operatorName, reason: reason) {
            case .awaitingSecond(let approval):
                return Reply.json(
                    .object([
                        "status": "awaiting_second", "drone": .string(drone), "stream": .string(stream),
                        "approved_by": .string(approval.operatorName),
                        "window_s": .number(settings.releaseWindow),
                    ]), status: .accepted)
            case .released(let order):
                return Reply.json(
                    .object([
                        "status": "released", "drone": .string(drone), "stream": .string(stream),
                        "by": .string(order.operatorName), "reason": .string(order.reason),
                    ]))
            case .refused(let why):
                return Reply.problem(.conflict, why)
            }
        }
    }

    static func sessionReply(_ session: SessionStore.Session, lifetime: Double) -> Response {
        Reply.json(
            .object([
                "operator": .string(session.operatorName), "csrf": .string(session.csrfToken),
                "expires_in_s": .number(lifetime),
            ]))
    }
}
