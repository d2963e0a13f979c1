import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Store

/// Calendar feeds: the person's secret link to a teacher's or class's timetable (taken and reset
/// through the API), and the feed itself at that link, read by calendar apps without a sign-in.
struct CalendarFeedRoutes {
  let store: Store
  let service: CalendarFeedService

  init(store: Store) {
    self.store = store
    service = CalendarFeedService(store: store)
  }

  /// `{"url": "/ical/TOKEN.ics"}`: the feed's address on this server.
  struct Link: Encodable, Sendable {
    var url: String
  }

  func add(to router: Router<ServerContext>) {
    router.get("ical/{token}.ics", use: feed)
    let api = router.group("api/v1/organisations/:org/calendar-feeds")
    api.get(":kind/:id", use: link)
    api.post(":kind/:id/reset", use: reset)
  }

  /// The feed: `text/calendar` with an ETag (the version, the plan revision and the holder);
  /// `If-None-Match` with it is 304. A token that leads nowhere is a plain 404.
  @Sendable func feed(_ request: Request, context: ServerContext) async throws -> Response {
    let token = context.parameters.get("token") ?? ""
    guard let state = try await blocking({ [store] in try store.calendarFeeds.state(token: token) }) else {
      return Response(
        status: .notFound, headers: [.contentType: "text/plain; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(string: "not found\n")))
    }
    let etag = CalendarFeedService.etag(key: CalendarFeedService.key(state))
    var headers: HTTPFields = [.eTag: etag, .cacheControl: "private, max-age=300"]
    if let asked = request.headers[.ifNoneMatch],
      asked.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag || $0 == "*" })
    {
      return Response(status: .notModified, headers: headers)
    }
    let rendered = try await service.rendered(state)
    headers[.contentType] = "text/calendar; charset=utf-8"
    return Response(status: .ok, headers: headers, body: .init(byteBuffer: rendered.body))
  }

  @Sendable func link(_ request: Request, context: ServerContext) async throws -> JSON<Link> {
    let holder = try Self.holder(context)
    return try await scoped(store, context) { store, scope in
      Link(url: try store.calendarFeeds.feed(scope, of: holder).path)
    }
  }

  @Sendable func reset(_ request: Request, context: ServerContext) async throws -> JSON<Link> {
    let holder = try Self.holder(context)
    return try await scoped(store, context) { store, scope in
      Link(url: try store.calendarFeeds.reset(scope, of: holder).path)
    }
  }

  /// `teacher/ID` or `class/ID`.
  static func holder(_ context: ServerContext) throws -> TimetableHolder {
    let kind = try context.text("kind")
    let id = try context.text("id")
    guard kind == "teacher" || kind == "class", let holder = TimetableHolder(kind: kind, id: id) else {
      throw APIError(.badRequest, code: "invalid", "kind: expected teacher or class, found \(kind)", field: "kind")
    }
    return holder
  }
}
