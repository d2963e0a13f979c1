import Foundation
import HTTPTypes
import Hummingbird
import Interchange
import Planner
import Store

/// An error as the API answers it: `{"error": {"code", "message", "field"}}` with the status
/// that says what kind of error it is (401 no sign-in, 403 not allowed, 404 not found — also for
/// another tenant's ids —, 409 a stale revision, 400 bad input naming the field).
public struct APIError: HTTPResponseError, Encodable, Sendable {
  public struct Body: Encodable, Sendable {
    public var code: String
    public var message: String
    public var field: String?
    /// For a conflict: the revision the change should have been made on.
    public var currentRevision: Int?
  }

  public var status: HTTPResponse.Status
  public var error: Body
  var retryAfter: Int?

  public init(
    _ status: HTTPResponse.Status, code: String, _ message: String, field: String? = nil, currentRevision: Int? = nil
  ) {
    self.status = status
    error = Body(code: code, message: message, field: field, currentRevision: currentRevision)
  }

  private enum CodingKeys: String, CodingKey { case error }

  public func response(from request: Request, context: some RequestContext) throws -> Response {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
    if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
    if let retryAfter { headers[.retryAfter] = String(retryAfter) }
    return Response(
      status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(data: try encoder.encode(self))))
  }

  static let signInRequired = APIError(.unauthorized, code: "unauthorised", "sign in first")

  /// Any error a handler throws, as the API says it.
  static func from(_ error: any Error) -> APIError {
    switch error {
    case let error as APIError: return error
    case let error as StoreError: return from(error)
    case let error as InstanceFileError:
      let first = error.issues.first
      return APIError(
        .badRequest, code: first?.code ?? "invalid", error.issues.map(\.message).joined(separator: "; "),
        field: first?.path)
    case let error as PlanningErrors:
      let first = error.issues.first
      return APIError(
        .badRequest, code: first?.code ?? "invalid", error.issues.map(\.message).joined(separator: "; "),
        field: first?.path)
    case let error as DecodingError:
      return APIError(.badRequest, code: "invalid-body", "the request body is not what this call expects: \(error)")
    case let error as HTTPError:
      return APIError(error.status, code: "http", error.body ?? error.status.reasonPhrase)
    default:
      return APIError(.internalServerError, code: "internal", "the server could not do this: \(error)")
    }
  }

  private static func from(_ error: StoreError) -> APIError {
    switch error {
    case .notFound(let what): return APIError(.notFound, code: "not-found", "not found: \(what)")
    case .conflict(let message, let revision):
      return APIError(.conflict, code: "conflict", message, currentRevision: revision)
    case .forbidden(let message): return APIError(.forbidden, code: "forbidden", message)
    case .invalid(let field, let message):
      return APIError(.badRequest, code: "invalid", "\(field): \(message)", field: field)
    case .constraint(let message): return APIError(.conflict, code: "constraint", message)
    case .unavailable(let message): return APIError(.serviceUnavailable, code: "unavailable", message)
    case .corrupt(let message): return APIError(.internalServerError, code: "corrupt", message)
    case .unauthorised(let message): return APIError(.unauthorized, code: "unauthorised", message)
    case .rateLimited(let seconds):
      var error = APIError(.tooManyRequests, code: "rate-limited", error.description)
      error.retryAfter = seconds
      return error
    }
  }
}

/// Makes every error a handler or middleware throws a JSON error response.
struct ErrorMiddleware: RouterMiddleware {
  typealias Context = ServerContext

  func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response)
    async throws -> Response
  {
    do {
      return try await next(request, context)
    } catch {
      let apiError = APIError.from(error)
      if apiError.status == .internalServerError {
        context.logger.error("\(request.method) \(request.uri.path): \(error)")
      }
      return try apiError.response(from: request, context: context)
    }
  }
}
