import Foundation
import Server
import Store
import TestSupport
import Testing

/// The OpenAPI document and the server's routes say the same: every route is documented, every
/// documented route exists.
@Suite struct OpenAPITests {
  @Test func everyRouteIsDocumentedAndEveryDocumentedRouteExists() throws {
    let url = try TestDatabase.make(.sqlite)
    defer { TestDatabase.drop(url) }
    let store = try Store(url: url)
    defer { store.close() }
    let router = SabaqServer.router(store: store, configuration: ServerConfiguration())
    // The pages (HTML for browsers) are not the API.
    let pages = ["/", "/sign-in", "/sign-out", "/language", "/static/", "/o/"]
    let served = Set(
      router.routes.filter { route in
        let path = "/" + route.path.description.split(separator: "/").joined(separator: "/")
        return !pages.contains { $0.hasSuffix("/") && $0 != "/" ? path.hasPrefix($0) : path == $0 }
      }.map { route in
        let path =
          "/"
          + route.path.description.split(separator: "/").map { part in
            part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
          }.joined(separator: "/")
        return "\(route.method.rawValue.uppercased()) \(path)"
      })
    let document = try #require(try JSONSerialization.jsonObject(with: OpenAPIDocument.data) as? [String: Any])
    #expect(document["openapi"] as? String == "3.0.3")
    let paths = try #require(document["paths"] as? [String: [String: Any]])
    let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
    #expect(served.subtracting(documented).sorted() == [], "served but not documented")
    #expect(documented.subtracting(served).sorted() == [], "documented but not served")
    #expect(served.count >= 45)
  }
}
