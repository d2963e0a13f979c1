import Foundation
import Store
import TestSupport
import Testing
import Timetabling

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `sabaq serve` as a person starts it: a first start with a plan file, sign-in with the printed
/// password, a solve run by the server itself, and a graceful stop that puts a running job back.
@Suite(.serialized) struct ServeCommandTests {
  @Test func aFirstStartServesTheStarterSchoolAndRunsItsSolvesItself() async throws {
    let w = try StoreWorkspace()
    let port = Int.random(in: 20_000...40_000)
    let server = try RunningSabaq(w.arguments(["serve", "--port", String(port), "--starter", StoreWorkspace.rural]))
    defer { server.kill() }
    let base = "http://127.0.0.1:\(port)"
    try await waitForHealth(base, server)
    let password = try #require(
      server.output.split(separator: "\n").first { $0.hasPrefix("with the password ") }?.split(separator: " ").last)
    let school = try #require(
      server.output.split(separator: "\n").first { $0.hasPrefix("A first start:") }.flatMap { line in
        line.split(separator: "(").last?.split(separator: " ").dropFirst().first.flatMap { Int($0.dropLast(1)) }
      })

    let signIn = try await request(
      base + "/api/v1/session", method: "POST", json: #"{"login": "deputy", "password": "\#(password)"}"#)
    #expect(signIn.status == 200)
    let token = try #require(signIn.object["token"] as? String)
    let queued = try await request(
      base + "/api/v1/organisations/\(school)/solve-jobs", method: "POST", token: token,
      json: #"{"timeLimit": 10, "firstFeasible": true, "useMIP": false}"#)
    #expect(queued.status == 202, "\(queued.text)")
    let id = try #require(queued.object["id"] as? Int)
    var state = ""
    for _ in 0..<150 where !["finished", "failed", "cancelled"].contains(state) {
      try await Task.sleep(for: .milliseconds(200))
      state =
        try await request(base + "/api/v1/organisations/\(school)/solve-jobs/\(id)", token: token).object["state"]
        as? String ?? ""
    }
    #expect(state == "finished")
    _ = Foundation.kill(server.process.processIdentifier, SIGTERM)
    #expect(server.wait(timeout: 30) == 0, "\(server.errors.suffix(500))")
  }

  @Test func aStoppedServerPutsItsRunningJobBackInTheQueue() async throws {
    let w = try StoreWorkspace()
    let school = try w.schoolWithPlan()
    let port = Int.random(in: 20_000...40_000)
    // The job is queued before the server starts: a long solve the stop interrupts.
    let job = try w.withStore { store, scope in
      var options = TimetablingOptions()
      options.timeLimit = 120
      return try store.jobs.enqueue(try scope(school), request: SolveRequest(options: options)).id
    }
    let server = try RunningSabaq(w.arguments(["serve", "--port", String(port)]))
    defer { server.kill() }
    try await waitForHealth("http://127.0.0.1:\(port)", server)
    var running = false
    for _ in 0..<100 where !running {
      try await Task.sleep(for: .milliseconds(100))
      running = try w.withStore { store, scope in try store.jobs.job(try scope(school), id: job).state == .running }
    }
    #expect(running)
    _ = Foundation.kill(server.process.processIdentifier, SIGTERM)
    #expect(server.wait(timeout: 30) == 0, "\(server.errors.suffix(500))")
    let after = try w.withStore { store, scope in try store.jobs.job(try scope(school), id: job) }
    #expect(after.state == .queued && after.leaseOwner == nil)
    #expect(try w.withStore { store, scope in try store.versions.list(try scope(school)).isEmpty })
  }

  private func waitForHealth(_ base: String, _ server: RunningSabaq) async throws {
    for _ in 0..<300 {
      if let health = try? await request(base + "/health"), health.status == 200 { return }
      if !server.process.isRunning { break }
      try await Task.sleep(for: .milliseconds(100))
    }
    Issue.record("the server did not answer /health: \(server.errors.suffix(1000))")
    throw CancellationError()
  }

  struct Reply {
    var status: Int
    var text: String
    var object: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }
  }

  private func request(_ url: String, method: String = "GET", token: String? = nil, json: String? = nil) async throws
    -> Reply
  {
    var request = URLRequest(url: URL(string: url)!)
    request.httpMethod = method
    if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
    if let json {
      request.httpBody = Data(json.utf8)
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    }
    let (data, response) = try await URLSession.shared.data(for: request)
    return Reply(status: (response as? HTTPURLResponse)?.statusCode ?? 0, text: String(decoding: data, as: UTF8.self))
  }
}
