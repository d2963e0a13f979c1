import Foundation
import HTTPTypes
import HummingbirdTesting
import Store
import TestSupport
import Testing

/// The JSON API over a real HTTP connection on loopback, on each backend.
@Suite struct APITests {
  @Test(arguments: TestDatabase.backends)
  func signInGivesATokenAndACookieAndNeverSaysWhichLoginsExist(backend: TestDatabase.Backend) async throws {
    let fixture = try ServerFixture(backend)
    try fixture.person("deputy", .deputy, in: fixture.school)
    try await fixture.serve { client in
      let wrong = try await client.call(
        .post, "/api/v1/session", json: #"{"login": "deputy", "password": "nope nope"}"#)
      let unknown = try await client.call(
        .post, "/api/v1/session", json: #"{"login": "nobody", "password": "nope nope"}"#)
      #expect(wrong.status == .unauthorized && unknown.status == .unauthorized)
      #expect(wrong.error["message"] as? String == unknown.error["message"] as? String)
      #expect(try await client.call(.get, "/api/v1/me").status == .unauthorized)

      let signIn = try await client.call(
        .post, "/api/v1/session", json: #"{"login": "deputy", "password": "\#(ServerFixture.password)"}"#)
      #expect(signIn.status == .ok)
      let cookie = try #require(signIn.headers[.setCookie])
      #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.hasPrefix("sabaq_session="))
      let token = try #require(signIn.object["token"] as? String)
      let me = try await client.call(.get, "/api/v1/me", token: token)
      #expect((me.object["user"] as? [String: Any])?["login"] as? String == "deputy")
      // The cookie signs in the pages' requests.
      let session = String(cookie.split(separator: ";")[0])
      #expect(try await client.call(.get, "/api/v1/me", headers: [.cookie: session]).status == .ok)
      // Signing out ends the token's session only.
      #expect(try await client.call(.delete, "/api/v1/session", token: token).status == .noContent)
      #expect(try await client.call(.get, "/api/v1/me", token: token).status == .unauthorized)
      #expect(try await client.call(.get, "/api/v1/me", headers: [.cookie: session]).status == .ok)
    }
  }

  @Test func repeatedFailedSignInsAreSlowedDown() async throws {
    let fixture = try ServerFixture(.sqlite)
    try fixture.person("deputy", .deputy, in: fixture.school)
    try await fixture.serve { client in
      for _ in 0..<5 {
        _ = try await client.call(.post, "/api/v1/session", json: #"{"login": "deputy", "password": "guess guess"}"#)
      }
      let limited = try await client.call(
        .post, "/api/v1/session", json: #"{"login": "deputy", "password": "\#(ServerFixture.password)"}"#)
      #expect(limited.status == .tooManyRequests)
      #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 > 0)
      #expect(limited.error["code"] as? String == "rate-limited")
    }
  }

  @Test(arguments: TestDatabase.backends)
  func anotherTenantIsNotFoundAndRolesAreForbidden(backend: TestDatabase.Backend) async throws {
    let fixture = try ServerFixture(backend)
    try fixture.person("deputy", .deputy, in: fixture.school)
    try fixture.person("teacher", .teacher, in: fixture.school, teacher: "t01")
    let school = fixture.school.id
    let other = fixture.otherSchool.id
    try await fixture.serve { client in
      let deputy = try await client.signIn("deputy")
      let teacher = try await client.signIn("teacher")
      #expect(try await client.call(.get, "/api/v1/organisations/\(school)/plan").status == .unauthorized)
      #expect(try await client.call(.get, "/api/v1/organisations/\(other)/plan", token: deputy).status == .notFound)
      #expect(try await client.call(.get, "/api/v1/organisations/999999/plan", token: deputy).status == .notFound)
      #expect(try await client.call(.get, "/api/v1/organisations/\(school)/plan", token: deputy).status == .ok)
      let forbidden = try await client.call(
        .post, "/api/v1/organisations/\(school)/solve-jobs", token: teacher, json: "{}")
      #expect(forbidden.status == .forbidden)
      #expect(forbidden.error["code"] as? String == "forbidden")
    }
  }

  @Test(arguments: TestDatabase.backends)
  func aStaleEditIsAConflictWithTheCurrentRevision(backend: TestDatabase.Backend) async throws {
    let fixture = try ServerFixture(backend)
    try fixture.person("deputy", .deputy, in: fixture.school)
    let school = fixture.school.id
    try await fixture.serve { client in
      let deputy = try await client.signIn("deputy")
      let document = try await client.call(.get, "/api/v1/organisations/\(school)/plan/document", token: deputy)
      #expect(document.headers[.eTag] == "\"1\"")
      let saved = try await client.call(
        .put, "/api/v1/organisations/\(school)/plan/document?revision=1", token: deputy, json: document.text)
      #expect(saved.status == .ok && saved.object["revision"] as? Int == 2)
      let stale = try await client.call(
        .put, "/api/v1/organisations/\(school)/plan/document?revision=1", token: deputy, json: document.text)
      #expect(stale.status == .conflict)
      #expect(stale.error["currentRevision"] as? Int == 2)

      // A copy to the parallel classes is an edit like any other.
      let copy = try await client.call(
        .post, "/api/v1/organisations/\(school)/curricula/copy", token: deputy,
        json: #"{"revision": 2, "from": "5А", "to": ["6А"], "subjects": ["music"], "conflicts": "replace"}"#)
      #expect(copy.status == .ok || copy.status == .badRequest, "\(copy.text)")
      let bad = try await client.call(
        .post, "/api/v1/organisations/\(school)/curricula/copy", token: deputy, json: #"{"revision": "two"}"#)
      #expect(bad.status == .badRequest)
      #expect(bad.error["field"] as? String == "$.revision")
      let page = try await client.call(.get, "/api/v1/organisations/\(school)/teachers?limit=5", token: deputy)
      #expect((page.object["items"] as? [Any])?.count == 5 && page.object["total"] as? Int == 16)
      #expect(
        try await client.call(.get, "/api/v1/organisations/\(school)/teachers?limit=0", token: deputy).status
          == .badRequest)
    }
  }

  @Test func healthMetricsAndTheOpenAPIDocumentAreServed() async throws {
    let fixture = try ServerFixture(.sqlite)
    try await fixture.serve { client in
      let health = try await client.call(.get, "/health")
      #expect(health.status == .ok && health.object["database"] as? String == "reachable")
      #expect(health.headers[HTTPField.Name("X-Request-Id")!]?.isEmpty == false)
      _ = try await client.call(.get, "/api/v1/me")
      let metrics = try await client.call(.get, "/metrics")
      #expect(metrics.status == .ok && metrics.text.contains("hb_requests"))
      let document = try await client.call(.get, "/api/openapi.json")
      #expect(document.object["openapi"] as? String == "3.0.3")
    }
  }
}

/// A solve through the API: queued (202), run by a worker, followed as server-sent events,
/// stored as a draft, published, read as a teacher's week.
@Suite struct SolveJobAPITests {
  @Test(arguments: TestDatabase.backends)
  func aQueuedSolveEndsAsADraftThatIsPublishedAndRead(backend: TestDatabase.Backend) async throws {
    let fixture = try ServerFixture(backend)
    try fixture.person("deputy", .deputy, in: fixture.school)
    try fixture.person("teacher", .teacher, in: fixture.school, teacher: "t01")
    let school = fixture.school.id
    let store = fixture.store
    try await fixture.serve { client in
      let deputy = try await client.signIn("deputy")
      let jobs = "/api/v1/organisations/\(school)/solve-jobs"
      let bad = try await client.call(.post, jobs, token: deputy, json: #"{"timeLimit": 0}"#)
      #expect(bad.status == .badRequest && bad.error["field"] as? String == "timeLimit")
      let queued = try await client.call(
        .post, jobs, token: deputy, json: #"{"timeLimit": 10, "firstFeasible": true, "useMIP": false, "period": "Q1"}"#)
      #expect(queued.status == .accepted)
      let id = try #require(queued.object["id"] as? Int)
      #expect(queued.object["state"] as? String == "queued")

      // A worker (as `sabaq worker` or the server's own) takes it.
      let worker = SolveWorker(store: store, name: "test-worker", lease: 30)
      let outcome = try await Task.detached { try worker.runNext() }.value
      #expect(outcome?.state.name == "finished")

      let events = try await client.call(.get, "\(jobs)/\(id)/events", token: deputy)
      #expect(events.headers[.contentType] == "text/event-stream")
      #expect(events.text.contains("event: end") && events.text.contains("\"state\":\"finished\""))
      let job = try await client.call(.get, "\(jobs)/\(id)", token: deputy)
      let version = try #require(job.object["versionNumber"] as? Int)
      let versions = "/api/v1/organisations/\(school)/timetable/versions"
      let teacher = try await client.signIn("teacher")
      #expect(try await client.call(.get, "\(versions)/\(version)", token: teacher).status == .notFound)
      #expect(try await client.call(.post, "\(versions)/\(version)/publish", token: deputy).status == .ok)
      let week = try await client.call(.get, "/api/v1/organisations/\(school)/timetable/teachers/t01", token: teacher)
      #expect(week.status == .ok)
      let lessons = try #require(week.object["lessons"] as? [[String: Any]])
      #expect(!lessons.isEmpty && lessons.allSatisfy { ($0["teachers"] as? [String])?.contains("t01") == true })
      // Cancelling a finished job is a conflict.
      #expect(try await client.call(.delete, "\(jobs)/\(id)", token: deputy).status == .conflict)
    }
  }
}
