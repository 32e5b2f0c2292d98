import AssayCore
import Foundation
import Hummingbird

/// The API's JSON: snake_case keys, instants as ISO-8601 UTC to the millisecond, sorted keys.
enum APIEncoding {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(InstantText.string(date))
        }
        return encoder
    }

    /// `value` as a `200` JSON response (or another status).
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        json(try encoder().encode(value), status: status)
    }

    static func json(_ data: Data, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The body of an error: `{"error": {"code": ..., "message": ..., "status": ...}}`.
    static func error(_ error: ServerError) -> Response {
        struct Body: Encodable {
            struct Detail: Encodable { var code: String, message: String, status: Int }
            var error: Detail
        }
        let body = Body(error: .init(code: error.code.rawValue, message: error.message, status: error.status.code))
        let data = (try? encoder().encode(body)) ?? Data(#"{"error":{"code":"unavailable"}}"#.utf8)
        return json(data, status: error.status)
    }
}
