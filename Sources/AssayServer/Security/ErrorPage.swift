import Assay
import Hummingbird

/// A page's error as a dashboard page (the renderer escapes everything in it), with the error's status.
enum ErrorPage {
    static func response(_ error: ServerError) -> Response {
        let html = DashboardRenderer(links: .routes(prefix: "")).message(title: "\(error.status.code) \(error.status.reasonPhrase)",
                                                                         text: error.message)
        return PageRoutes.html(html, status: error.status)
    }
}
