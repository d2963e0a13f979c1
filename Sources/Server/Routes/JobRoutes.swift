import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Store
import Timetabling

/// Solve jobs: queue one, follow its progress (as JSON or a server-sent-events stream), cancel.
struct JobRoutes {
  let store: Store

  /// What a client may set; an empty body means the defaults.
  struct NewJob: Decodable {
    var period: String?
    var timeLimit: Double?
    var seed: UInt64?
    var searches: Int?
    var firstFeasible: Bool?
    var useMIP: Bool?
  }

  func add(to router: Router<ServerContext>) {
    let api = router.group("api/v1/organisations/:org/solve-jobs")
    api.post(use: create)
    api.get(use: list)
    api.get(":job", use: job)
    api.get(":job/events", use: events)
    api.delete(":job", use: cancel)
  }

  @Sendable func create(_ request: Request, context: ServerContext) async throws -> JSON<SolveJob> {
    let body = try await request.json(NewJob.self, context: context, empty: NewJob())
    let solveRequest = try Self.request(body)
    var queued = try await scoped(store, context) { store, scope in try store.jobs.enqueue(scope, request: solveRequest)
    }
    queued.status = .accepted
    return queued
  }

  @Sendable func list(_ request: Request, context: ServerContext) async throws -> JSON<[SolveJob]> {
    let limit = try request.queryInt("limit") ?? 50
    return try await scoped(store, context) { store, scope in try store.jobs.list(scope, limit: limit) }
  }

  @Sendable func job(_ request: Request, context: ServerContext) async throws -> JSON<SolveJob> {
    let id = try context.number("job")
    return try await scoped(store, context) { store, scope in try store.jobs.job(scope, id: id) }
  }

  @Sendable func cancel(_ request: Request, context: ServerContext) async throws -> JSON<SolveJob> {
    let id = try context.number("job")
    return try await scoped(store, context) { store, scope in try store.jobs.cancel(scope, job: id) }
  }

  /// `text/event-stream`: a `progress` event whenever the job's state or progress changes (read
  /// every half second), then an `end` event with the job as it ended.
  @Sendable func events(_ request: Request, context: ServerContext) async throws -> Response {
    let id = try context.number("job")
    let actor = try context.signedIn()
    let org = try context.number("org")
    let first = try await blocking { [store] in try store.jobs.job(try store.scope(org, actor: actor), id: id) }
    let store = self.store
    let body = ResponseBody { writer in
      var last = ""
      var job = first
      while true {
        let data = String(decoding: try JSON<SolveJob>.encoder.encode(job), as: UTF8.self)
        let ended = [.finished, .failed, .cancelled].contains(job.state)
        if data != last || ended {
          try await writer.write(ByteBuffer(string: "event: \(ended ? "end" : "progress")\ndata: \(data)\n\n"))
          last = data
        }
        if ended { break }
        try await Task.sleep(for: .milliseconds(500))
        job = try await blocking { try store.jobs.job(try store.scope(org, actor: actor), id: id) }
      }
      try await writer.finish(nil)
    }
    return Response(
      status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
  }

  static func request(_ body: NewJob) throws -> SolveRequest {
    var options = TimetablingOptions()
    if let limit = body.timeLimit {
      guard limit.isFinite, (1...3600).contains(limit) else {
        throw APIError(
          .badRequest, code: "invalid", "timeLimit: expected 1 to 3600 seconds, found \(limit)", field: "timeLimit")
      }
      options.timeLimit = limit
    }
    if let seed = body.seed { options.seed = seed }
    if let searches = body.searches {
      if let problem = TimetablingOptions.searchesProblem(searches) {
        throw APIError(.badRequest, code: "invalid", "searches: \(problem)", field: "searches")
      }
      options.searches = searches
    }
    if let first = body.firstFeasible { options.firstFeasible = first }
    if let mip = body.useMIP { options.useMIP = mip }
    return SolveRequest(period: body.period, options: options)
  }
}
