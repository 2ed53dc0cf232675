import Foundation

/// A map tile server the configuration names (`console.tile_url`): a URL template with `{z}`, `{x}` and `{y}`
/// for the Web Mercator ("slippy map") tiles under the console's map. Without one the console asks nobody for
/// anything, so only a template that is plainly a tile URL on one origin is accepted.
public struct TileSource: Sendable, Hashable {
    /// As configured, e.g. `https://tiles.example/{z}/{x}/{y}.png`.
    public let template: String
    /// `scheme://host[:port]`: the one origin the page's Content-Security-Policy lets images come from.
    public let origin: String

    /// Why a template was refused, in words for the configuration's error message.
    public struct Refusal: Error, Sendable {
        public var problem: String
    }

    /// - Throws: ``Refusal`` when the template is not an http or https URL with `{z}`, `{x}` and `{y}`, or when
    ///   its host is not a plain one (a placeholder in the host would make the origin unknowable).
    public init(template: String) throws(Refusal) {
        let expected = "expected an http or https URL with {z}, {x} and {y}, e.g. https://tiles.example/{z}/{x}/{y}.png"
        let missing = ["{z}", "{x}", "{y}"].filter { !template.contains($0) }
        guard missing.isEmpty else {
            throw Refusal(problem: "has no \(missing.joined(separator: ", ")): \(expected)")
        }
        // Characters that could end the HTML attribute or the CSP source the template is written into.
        guard !template.contains(where: { $0.isWhitespace || "\"'<>;,\\`".contains($0) }) else {
            throw Refusal(problem: "contains a space, quote, angle bracket, comma, semicolon or backslash: \(expected)")
        }
        let sample = template.replacingOccurrences(of: "{z}", with: "0").replacingOccurrences(of: "{x}", with: "0")
            .replacingOccurrences(of: "{y}", with: "0")
        guard let url = URLComponents(string: sample), let scheme = url.scheme?.lowercased(),
            ["http", "https"].contains(scheme)
        else { throw Refusal(problem: expected) }
        let authority = template.split(separator: "://", maxSplits: 1).last?.prefix { !"/?#".contains($0) } ?? ""
        guard let host = url.host?.lowercased(), !host.isEmpty, !authority.contains("{") else {
            throw Refusal(problem: "names no host: \(expected)")
        }
        guard url.user == nil, url.password == nil else {
            throw Refusal(problem: "carries a user name or password; the page would show it to every viewer")
        }
        self.template = template
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        origin = "\(scheme)://\(bracketed)" + (url.port.map { ":\($0)" } ?? "")
    }
}
