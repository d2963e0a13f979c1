import Foundation
import Hummingbird
import NIOCore
import Store

/// `/health` (is the database reachable), `/metrics` (Prometheus), `/api/openapi.json`.
struct OperationsRoutes {
  let store: Store

  struct Health: Encodable, Sendable {
    var status: String
    var database: String
    var schema: Int?
  }

  func add(to router: Router<ServerContext>) {
    router.get("health", use: health)
    router.get("metrics", use: metrics)
    router.get("api/openapi.json", use: openAPI)
  }

  @Sendable func health(_ request: Request, context: ServerContext) async throws -> JSON<Health> {
    do {
      let schema = try await blocking { [store] in try store.schemaVersion() }
      return JSON(Health(status: "ok", database: "reachable", schema: schema))
    } catch {
      return JSON(Health(status: "unavailable", database: "\(error)", schema: nil), status: .serviceUnavailable)
    }
  }

  @Sendable func metrics(_ request: Request, context: ServerContext) async throws -> Response {
    var buffer = [UInt8]()
    SabaqServer.metrics.emit(into: &buffer)
    return Response(
      status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
      body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
  }

  @Sendable func openAPI(_ request: Request, context: ServerContext) async throws -> Response {
    Response(
      status: .ok, headers: [.contentType: "application/json"],
      body: .init(byteBuffer: ByteBuffer(data: OpenAPIDocument.data)))
  }
}

/// The OpenAPI 3 document of the API (a resource of the Server target).
public enum OpenAPIDocument {
  public static let data: Data = {
    guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
      let data = try? Data(contentsOf: url)
    else { return Data("{}".utf8) }
    return data
  }()
}
