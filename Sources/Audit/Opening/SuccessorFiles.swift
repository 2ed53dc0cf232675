import Foundation

/// Where a record goes on when the file found at open is broken: a new file next to it, named after the
/// configured one. `flowgate-audit.sqlite` is followed by `flowgate-audit.successor-1.sqlite`, then
/// `flowgate-audit.successor-2.sqlite`, and so on. The broken file is left exactly as it was found.
///
/// The file to continue is always the successor with the highest number on disk (the configured file when
/// there is none): once a file has a successor it is never written again, even if it is later repaired, so
/// the record cannot fork.
struct SuccessorFiles {
    let configured: String

    /// The configured file (0) or its successor `number`.
    func path(number: Int) -> String {
        guard number > 0 else { return configured }
        let url = URL(fileURLWithPath: configured)
        let suffix = url.pathExtension.isEmpty ? "" : "." + url.pathExtension
        return url.deletingLastPathComponent()
            .appendingPathComponent("\(stem(url)).successor-\(number)\(suffix)").path
    }

    /// The file to continue and its number.
    var current: (path: String, number: Int) {
        let url = URL(fileURLWithPath: configured)
        let prefix = "\(stem(url)).successor-"
        let suffix = url.pathExtension.isEmpty ? "" : "." + url.pathExtension
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)) ?? []
        let numbers = names.compactMap { name -> Int? in
            guard name.hasPrefix(prefix), name.hasSuffix(suffix) else { return nil }
            return Int(name.dropFirst(prefix.count).dropLast(suffix.count)).flatMap { $0 > 0 ? $0 : nil }
        }
        let number = numbers.max() ?? 0
        return (path(number: number), number)
    }

    private func stem(_ url: URL) -> String { url.deletingPathExtension().lastPathComponent }
}
