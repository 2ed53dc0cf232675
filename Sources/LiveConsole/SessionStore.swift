import Foundation
import HexEncoding
import Synchronization

/// Logged-in operators, by the random token in their session cookie. Each session has its own CSRF token, which
/// every state-changing request must carry in a header (a cross-site page can send the cookie, never read the
/// token). Sessions end at logout or ``lifetime`` seconds after their last use.
final class SessionStore: Sendable {
    struct Session: Sendable {
        var operatorName: String
        var csrfToken: String
        var expires: Date
    }

    let lifetime: Double
    private let clock: @Sendable () -> Date
    private let sessions = Mutex<[String: Session]>([:])

    init(lifetime: Double, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.lifetime = lifetime
        self.clock = clock
    }

    /// A new session; returns its cookie token and the session.
    func open(for operatorName: String) -> (token: String, session: Session) {
        let token = Self.randomToken()
        let session = Session(
            operatorName: operatorName, csrfToken: Self.randomToken(), expires: clock().addingTimeInterval(lifetime))
        sessions.withLock { sessions in
            let now = clock()
            sessions = sessions.filter { $0.value.expires > now }
            sessions[token] = session
        }
        return (token, session)
    }

    /// The live session of a token, its expiry moved on (sliding); `nil` when unknown or expired.
    func session(_ token: String?) -> Session? {
        guard let token else { return nil }
        return sessions.withLock { sessions in
            let now = clock()
            guard var session = sessions[token] else { return nil }
            guard session.expires > now else {
                sessions[token] = nil
                return nil
            }
            session.expires = now.addingTimeInterval(lifetime)
            sessions[token] = session
            return session
        }
    }

    /// Whether the token's session is live, without moving its expiry on: an open stream is not a use (it reads
    /// nothing from the operator), so that watching does not keep a login alive for ever.
    func isLive(_ token: String) -> Bool {
        sessions.withLock { $0[token].map { $0.expires > clock() } ?? false }
    }

    func close(_ token: String?) {
        guard let token else { return }
        _ = sessions.withLock { $0.removeValue(forKey: token) }
    }

    private static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }.hexString
    }
}
