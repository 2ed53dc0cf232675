import Foundation
import StrictJSON

/// One page of a ``DevToolsBrowser``, driven as a person would: it navigates, clicks with the mouse at an element's
/// place on the screen, types into the focused field, and is read through its DOM. Every wait polls the DOM with a
/// generous limit, so that a loaded machine makes the test slower, not flaky.
struct BrowserTab {
    let connection: DevToolsConnection
    let session: String

    static let patience = Duration.seconds(60)

    func setViewport(width: Int, height: Int) async throws {
        try await connection.send(
            "Emulation.setDeviceMetricsOverride",
            [
                "width": .number(width), "height": .number(height), "deviceScaleFactor": .number(1),
                "mobile": .bool(false),
            ], session: session)
    }

    /// Loads `url` and waits until the page has loaded.
    func open(_ url: String) async throws {
        let navigated = try await connection.send("Page.navigate", ["url": .string(url)], session: session)
        if let error = navigated["errorText"]?.stringValue { throw HarnessError("cannot load \(url): \(error)") }
        try await waitUntil(#"document.readyState === "complete""#, "\(url) loaded")
    }

    /// The value of a JavaScript expression (awaited when it is a promise).
    @discardableResult
    func evaluate(_ expression: String) async throws -> JSONValue {
        let answer = try await connection.send(
            "Runtime.evaluate",
            ["expression": .string(expression), "returnByValue": .bool(true), "awaitPromise": .bool(true)],
            session: session)
        if let exception = answer["exceptionDetails"]?.objectValue {
            let text = exception["exception"]?["description"]?.stringValue ?? exception["text"]?.stringValue ?? ""
            throw HarnessError("the page threw evaluating \(expression): \(text)")
        }
        return answer["result"]?["value"] ?? .null
    }

    /// Polls `condition` (a JavaScript expression) until it is true.
    /// - Throws: naming `what` and the page's status line when it is still false after ``patience``.
    func waitUntil(_ condition: String, _ what: String, within limit: Duration = patience) async throws {
        let deadline = ContinuousClock.now + limit
        while try await evaluate("!!(\(condition))") != .bool(true) {
            guard ContinuousClock.now < deadline else {
                let message = try? await text("#message")
                throw HarnessError("not seen within \(limit): \(what) (the page says: \(message ?? "-"))")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// The text of the first element matching `selector`, `nil` when there is none.
    func text(_ selector: String) async throws -> String? {
        try await evaluate("document.querySelector(\(Self.literal(selector)))?.textContent ?? null").stringValue
    }

    /// The page's markup as it is now.
    func html() async throws -> String {
        try await evaluate("document.documentElement.outerHTML").stringValue ?? ""
    }

    /// A left click in the middle of the first element matching `selector`, scrolled into view: the mouse's
    /// press and release at that point of the screen, so that whatever is drawn there gets the click.
    func click(_ selector: String) async throws {
        try await waitUntil("document.querySelector(\(Self.literal(selector)))", "\(selector) on the page")
        let centre = try await evaluate(
            """
            (() => { const e = document.querySelector(\(Self.literal(selector)));
              e.scrollIntoView({ block: "center" }); const r = e.getBoundingClientRect();
              return [r.left + r.width / 2, r.top + r.height / 2]; })()
            """
        ).arrayValue?.compactMap(\.doubleValue)
        guard let centre, centre.count == 2 else { throw HarnessError("\(selector) has no place on the screen") }
        for type in ["mousePressed", "mouseReleased"] {
            try await connection.send(
                "Input.dispatchMouseEvent",
                [
                    "type": .string(type), "x": .number(centre[0]), "y": .number(centre[1]), "button": "left",
                    "clickCount": .number(1),
                ], session: session)
        }
    }

    /// Clicks the field matching `selector` and types `text` into it, as a keyboard would.
    func type(_ text: String, into selector: String) async throws {
        try await click(selector)
        try await waitUntil(
            "document.activeElement === document.querySelector(\(Self.literal(selector)))", "\(selector) focused")
        try await connection.send("Input.insertText", ["text": .string(text)], session: session)
    }

    /// A PNG of what the page shows now.
    func screenshot(to file: URL) async throws {
        let shot = try await connection.send("Page.captureScreenshot", ["format": "png"], session: session)
        guard let base64 = shot["data"]?.stringValue, let png = Data(base64Encoded: base64) else {
            throw HarnessError("no screenshot")
        }
        try png.write(to: file)
    }

    /// `text` as a JavaScript string literal (JSON's string syntax is JavaScript's).
    static func literal(_ text: String) -> String {
        String(decoding: JSONWriter.bytes(.string(text)), as: UTF8.self)
    }
}
