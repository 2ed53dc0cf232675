import Foundation
import HummingbirdWSClient
import Logging
import StrictJSON
import Synchronization

/// One WebSocket to a browser's DevTools endpoint, speaking the DevTools protocol: each command goes out with an
/// id and its caller waits for the answer with that id. Events are not needed (the tests poll the DOM), so they
/// are dropped. Commands for a page carry the `sessionId` of a target attached with `flatten: true`.
final class DevToolsConnection: Sendable {
    /// A command the browser answered with an error, or did not answer in time.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private struct Waiting: Sendable {
        var nextID = 1
        var answers: [Int: CheckedContinuation<JSONObject, any Error>] = [:]
        var closed = false
    }

    private let outgoing: AsyncStream<String>.Continuation
    private let waiting = Mutex(Waiting())
    private let task = Mutex<Task<Void, Never>?>(nil)
    /// How long a command may take: generous, for a loaded 2-core machine.
    static let answerTime = Duration.seconds(60)
    /// Screenshots come back as one base64 message of a few megabytes.
    private static let largestMessage = 64 << 20

    private init(outgoing: AsyncStream<String>.Continuation) {
        self.outgoing = outgoing
    }

    /// Connects to `url` (`ws://127.0.0.1:PORT/devtools/browser/…`); returns once the WebSocket is open.
    static func open(_ url: String) async throws -> DevToolsConnection {
        let (messages, outgoing) = AsyncStream.makeStream(of: String.self)
        let connection = DevToolsConnection(outgoing: outgoing)
        let (opened, signal) = AsyncStream.makeStream(of: String?.self)
        var logger = Logger(label: "flowgate-devtools-test")
        logger.logLevel = .critical
        let running = Task {
            do {
                try await WebSocketClient.connect(
                    url: url, configuration: .init(maxFrameSize: largestMessage), logger: logger
                ) { inbound, outbound, _ in
                    signal.yield(nil)
                    try await withThrowingTaskGroup { group in
                        group.addTask {
                            for await message in messages { try await outbound.write(.text(message)) }
                        }
                        for try await message in inbound.messages(maxSize: largestMessage) {
                            guard case .text(let text) = message else { continue }
                            connection.deliver(text)
                        }
                        group.cancelAll()
                    }
                }
            } catch {
                signal.yield("\(error)")
            }
            signal.finish()
            connection.failAll("the DevTools connection closed")
        }
        connection.task.withLock { $0 = running }
        var why = "it closed"
        for await failure in opened {
            guard let failure else { return connection }
            why = failure
            break
        }
        running.cancel()
        throw Failure(description: "cannot open the DevTools WebSocket \(url): \(why)")
    }

    /// Sends `method` with `params` (to the page of `session`, if given) and waits for its result.
    @discardableResult
    func send(_ method: String, _ params: JSONObject = [:], session: String? = nil) async throws -> JSONObject {
        let id = waiting.withLock { waiting in
            defer { waiting.nextID += 1 }
            return waiting.nextID
        }
        var command: JSONObject = ["id": .number(id), "method": .string(method), "params": .object(params)]
        if let session { command["sessionId"] = .string(session) }
        let text = String(decoding: JSONWriter.bytes(.object(command)), as: UTF8.self)
        let timeout = Task {
            try await Task.sleep(for: Self.answerTime)
            self.fail(id, "\(method) had no answer within \(Self.answerTime)")
        }
        defer { timeout.cancel() }
        return try await withCheckedThrowingContinuation { continuation in
            let closed = waiting.withLock { waiting in
                guard !waiting.closed else { return true }
                waiting.answers[id] = continuation
                return false
            }
            if closed {
                continuation.resume(throwing: Failure(description: "\(method): the DevTools connection is closed"))
            } else {
                outgoing.yield(text)
            }
        }
    }

    func close() {
        outgoing.finish()
        task.withLock { $0?.cancel() }
        failAll("the DevTools connection was closed")
    }

    private func deliver(_ text: String) {
        guard let message = try? JSONParser.parse(text).objectValue,
            let id = message["id"]?.doubleValue.map(Int.init)
        else { return }
        let continuation = waiting.withLock { $0.answers.removeValue(forKey: id) }
        if let error = message["error"]?.objectValue {
            let why = error["message"]?.stringValue ?? "an error"
            continuation?.resume(throwing: Failure(description: "DevTools: \(why)"))
        } else {
            continuation?.resume(returning: message["result"]?.objectValue ?? [:])
        }
    }

    private func fail(_ id: Int, _ why: String) {
        let continuation = waiting.withLock { $0.answers.removeValue(forKey: id) }
        continuation?.resume(throwing: Failure(description: why))
    }

    private func failAll(_ why: String) {
        let continuations = waiting.withLock { waiting in
            waiting.closed = true
            defer { waiting.answers = [:] }
            return Array(waiting.answers.values)
        }
        for continuation in continuations { continuation.resume(throwing: Failure(description: why)) }
    }
}
