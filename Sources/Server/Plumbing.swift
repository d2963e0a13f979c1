import Foundation
import HTTPTypes
import Hummingbird
import Interchange
import NIOCore
import NIOPosix
import Store

/// Runs a store call on the thread pool: the store is synchronous and must never block an event
/// loop. A call that takes longer than `storeCallLimit` is answered 503 (the call itself finishes
/// in the background; its transaction commits or rolls back whole).
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
  try await withThrowingTaskGroup(of: Box<T>?.self) { group in
    group.addTask { Box(try await NIOThreadPool.singleton.runIfActive(body)) }
    group.addTask {
      try await Task.sleep(for: storeCallLimit)
      return nil
    }
    defer { group.cancelAll() }
    guard let first = try await group.next(), let result = first else {
      throw APIError(
        .serviceUnavailable, code: "timeout", "the store did not answer within \(storeCallLimit); try again")
    }
    return result.value
  }
}

/// How long one store call of a request may take.
let storeCallLimit = Duration.seconds(30)

struct Box<T: Sendable>: Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}

/// Finds who a request is from: a bearer token (`Authorization: Bearer …`, for API clients) or
/// the session cookie (for pages). A token that signs no one in leaves the request anonymous.
struct SessionMiddleware: RouterMiddleware {
  typealias Context = ServerContext
  static let cookie = "sabaq_session"
  let store: Store

  func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response)
    async throws -> Response
  {
    var context = context
    if let token = Self.token(of: request) {
      // A session seen in the last seconds is known without a trip to the thread pool.
      let user: User?
      if let recent = store.sessions.recentUser(token: token) {
        user = recent
      } else {
        user = try await blocking { [store] in try store.sessions.user(token: token) }
      }
      if let user {
        context.actor = .user(id: user.id, login: user.login)
        context.sessionToken = token
      }
    }
    return try await next(request, context)
  }

  static func token(of request: Request) -> String? {
    if let authorization = request.headers[.authorization], authorization.lowercased().hasPrefix("bearer ") {
      return String(authorization.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
    }
    return request.cookies[cookie]?.value
  }
}

extension ServerContext {
  /// The signed-in actor, or 401.
  func signedIn() throws -> Actor {
    guard let actor else { throw APIError.signInRequired }
    return actor
  }

  /// A path parameter that is a number, or 400 naming it.
  func number(_ name: String) throws -> Int {
    guard let text = parameters.get(name), let value = Int(text) else {
      throw APIError(.badRequest, code: "invalid", "\(name): expected a number", field: name)
    }
    return value
  }

  /// A path parameter as text.
  func text(_ name: String) throws -> String {
    guard let text = parameters.get(name)?.removingPercentEncoding, !text.isEmpty else {
      throw APIError(.badRequest, code: "invalid", "\(name): missing", field: name)
    }
    return text
  }
}

extension Request {
  /// The body decoded as JSON; a mistake is named by its JSON path. An empty body is `empty`.
  func json<T: Decodable>(_ type: T.Type, context: ServerContext, empty: T? = nil) async throws -> T {
    let buffer = try await body.collect(upTo: context.maxUploadSize)
    if buffer.readableBytes == 0, let empty { return empty }
    return try JSONInput.decode(type, from: Data(buffer: buffer), source: "the request body")
  }

  /// A query parameter as an integer, or 400 naming it.
  func queryInt(_ name: String) throws -> Int? {
    guard let text = uri.queryParameters.get(name) else { return nil }
    guard let value = Int(text) else {
      throw APIError(.badRequest, code: "invalid", "\(name): expected a number, found \(text)", field: name)
    }
    return value
  }

  func query(_ name: String) -> String? { uri.queryParameters.get(name) }
}

/// A value as a JSON response (keys sorted, dates ISO 8601).
struct JSON<Value: Encodable & Sendable>: ResponseGenerator {
  var value: Value
  var status: HTTPResponse.Status = .ok

  init(_ value: Value, status: HTTPResponse.Status = .ok) {
    self.value = value
    self.status = status
  }

  func response(from request: Request, context: some RequestContext) throws -> Response {
    Response(
      status: status, headers: [.contentType: "application/json; charset=utf-8"],
      body: .init(byteBuffer: ByteBuffer(data: try Self.encoder.encode(value))))
  }

  static var encoder: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    return encoder
  }
}

/// One page of a long list: `?offset=&limit=` (limit 1–500, 100 by default).
struct Page<Item: Encodable & Sendable>: Encodable, Sendable {
  var items: [Item]
  var offset: Int
  var limit: Int
  var total: Int

  init(_ all: [Item], request: Request) throws {
    offset = max(0, try request.queryInt("offset") ?? 0)
    limit = try request.queryInt("limit") ?? 100
    guard (1...500).contains(limit) else {
      throw APIError(.badRequest, code: "invalid", "limit: expected 1 to 500, found \(limit)", field: "limit")
    }
    total = all.count
    items = offset >= all.count ? [] : Array(all[offset..<min(all.count, offset + limit)])
  }
}

/// Gives every response the request's id (`X-Request-Id`, the id the request's log lines carry).
struct RequestIDMiddleware: RouterMiddleware {
  typealias Context = ServerContext
  static let header = HTTPField.Name("X-Request-Id")!

  func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response)
    async throws -> Response
  {
    var response = try await next(request, context)
    response.headers[Self.header] = context.id
    return response
  }
}
