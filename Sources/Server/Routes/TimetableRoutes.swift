import Checker
import Foundation
import Hummingbird
import Planner
import Store

/// Timetable versions: the weeks of a teacher, class or room, the versions, their check, the
/// difference between two, publishing.
struct TimetableRoutes {
  let store: Store

  struct Content: Encodable, Sendable {
    var version: TimetableVersion
    var timetable: Timetable
    var summary: VersionSummary
  }

  struct Week: Encodable, Sendable {
    var holder: String
    var version: Int?
    var lessons: [ScheduledLesson]
  }

  func add(to router: Router<ServerContext>) {
    let api = router.group("api/v1/organisations/:org/timetable")
    api.get("versions", use: versions)
    api.get("versions/:version", use: content)
    api.get("versions/:version/check", use: check)
    api.post("versions/:version/publish", use: publish)
    api.get("diff", use: diff)
    api.get("teachers/:id", use: week { .teacher($0) })
    api.get("classes/:id", use: week { .class($0) })
    api.get("rooms/:id", use: week { .room($0) })
  }

  @Sendable func versions(_ request: Request, context: ServerContext) async throws -> JSON<[TimetableVersion]> {
    try await scoped(store, context) { store, scope in try store.versions.list(scope) }
  }

  @Sendable func content(_ request: Request, context: ServerContext) async throws -> JSON<Content> {
    let number = try context.number("version")
    return try await scoped(store, context) { store, scope in
      let content = try store.versions.content(scope, number: number)
      return Content(version: content.version, timetable: content.timetable, summary: content.summary)
    }
  }

  @Sendable func check(_ request: Request, context: ServerContext) async throws -> JSON<CheckReport> {
    let number = try context.number("version")
    return try await scoped(store, context) { store, scope in try store.versions.content(scope, number: number).check }
  }

  @Sendable func publish(_ request: Request, context: ServerContext) async throws -> JSON<TimetableVersion> {
    let number = try context.number("version")
    return try await scoped(store, context) { store, scope in try store.versions.publish(scope, number: number) }
  }

  /// `?from=A&to=B`.
  @Sendable func diff(_ request: Request, context: ServerContext) async throws -> JSON<VersionDiff> {
    guard let from = try request.queryInt("from"), let to = try request.queryInt("to") else {
      throw APIError(.badRequest, code: "invalid", "from, to: name the two versions (?from=1&to=2)", field: "from")
    }
    return try await scoped(store, context) { store, scope in try store.versions.diff(scope, from: from, to: to) }
  }

  /// A week of the published version, or `?version=N`.
  func week(_ holder: @escaping @Sendable (String) -> TimetableHolder)
    -> @Sendable (Request, ServerContext) async throws
    -> JSON<Week>
  {
    { [store] request, context in
      let id = try context.text("id")
      let version = try request.queryInt("version")
      return try await scoped(store, context) { store, scope in
        Week(holder: id, version: version, lessons: try store.versions.week(scope, of: holder(id), version: version))
      }
    }
  }
}
