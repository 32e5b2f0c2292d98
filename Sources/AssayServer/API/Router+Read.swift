import Hummingbird

extension RouterMethods {
    /// Registers `handler` for GET and HEAD (a HEAD answer has the GET's status and headers, and no body).
    @discardableResult
    func read(_ path: RouterPath, use handler: @Sendable @escaping (Request, Context) async throws -> Response) -> Self {
        on(path, method: .get, use: handler)
        return on(path, method: .head) { request, context in
            let response = try await handler(request, context)
            return Response(status: response.status, headers: response.headers, body: ResponseBody())
        }
    }
}
