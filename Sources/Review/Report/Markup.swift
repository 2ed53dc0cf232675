import Foundation

/// Text made safe for HTML and SVG (content and attribute values): every `&`, `<`, `>`, `"` and `'` escaped, so
/// a drone id or reason from the record can never become markup.
enum Markup {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for char in text {
            switch char {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(char)
            }
        }
        return out
    }

    /// A number for SVG coordinates: two decimals are finer than a pixel.
    static func number(_ value: Double) -> String {
        value.isFinite ? String(format: "%.2f", value) : "0"
    }

    /// A table with a header row; every cell escaped.
    static func table(header: [String], rows: [[String]], className: String? = nil) -> String {
        let classAttribute = className.map { " class=\"\(escape($0))\"" } ?? ""
        var out = "<table\(classAttribute)><thead><tr>"
        out += header.map { "<th>\(escape($0))</th>" }.joined()
        out += "</tr></thead><tbody>"
        for row in rows { out += "<tr>" + row.map { "<td>\(escape($0))</td>" }.joined() + "</tr>" }
        return out + "</tbody></table>\n"
    }
}
