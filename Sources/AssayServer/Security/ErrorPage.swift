import Hummingbird

/// A page's error as a small HTML page (everything in it escaped).
enum ErrorPage {
    static func response(_ error: ServerError) -> Response {
        let html = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">\
            <title>Assay: \(escape(error.status.reasonPhrase))</title><style>body{font:16px system-ui,sans-serif;margin:2rem;color:#1d2433}\
            code{background:#eef1f5;padding:0 .3em}</style></head><body><h1>\(error.status.code) \(escape(error.status.reasonPhrase))</h1>\
            <p data-error="\(escape(error.code.rawValue))">\(escape(error.message))</p><p><a href="/">Overview</a></p></body></html>
            """
        return Response(status: error.status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
