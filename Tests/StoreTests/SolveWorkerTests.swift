import Foundation
import Testing
import Timetabling

@testable import Store

/// `SolveWorker` on both backends: jobs run to draft versions, a cancel stops a running solve, a
/// worker that stops puts its job back for another, and a worker that lost its lease stores nothing.
@Suite struct SolveWorkerTests {
  let op = Fixtures.operatorActor

  /// A solve of the rural school that takes about a second.
  static var quick: SolveRequest {
    var options = TimetablingOptions()
    options.timeLimit = 5
    options.firstFeasible = true
    options.useMIP = false
    return SolveRequest(options: options)
  }

  /// A solve that runs `seconds` (it looks for better timetables until then) unless stopped.
  static func long(_ seconds: Double) -> SolveRequest {
    var options = TimetablingOptions()
    options.timeLimit = seconds
    options.useMIP = false
    return SolveRequest(options: options)
  }

  @Test(arguments: StoreBackend.all)
  func twoJobsRunByRunNextEndFinishedWithDraftVersions(backend: StoreBackend) throws {
    try backend.withStore { store in
      let tree = try Tree(store)
      let schools = try [tree.school, tree.otherSchool].map { try store.scope($0.id, actor: op) }
      let queued = try schools.map { try store.jobs.enqueue($0, request: Self.quick) }
      let worker = SolveWorker(store: store, name: "w1", lease: 10)
      let outcomes = try [worker.runNext(), worker.runNext()].map { try #require($0) }
      #expect(outcomes.map(\.job.id) == queued.map(\.id))
      #expect(outcomes.map(\.state) == [.finished(version: 1), .finished(version: 1)])
      #expect(try worker.runNext() == nil, "the queue is empty")
      for (scope, job) in zip(schools, queued) {
        let stored = try store.jobs.job(scope, id: job.id)
        #expect(stored.state == .finished && stored.versionNumber == 1 && stored.attempts == 1)
        #expect(stored.leaseOwner == nil)
        #expect(try store.versions.list(scope).map(\.state) == [.draft])
      }
    }
  }

  @Test(arguments: StoreBackend.all)
  func aCancelRequestedMidRunEndsTheJobCancelledWithNoVersion(backend: StoreBackend) throws {
    try backend.withStore { store in
      let tree = try Tree(store)
      let school = try store.scope(tree.school.id, actor: op)
      let job = try store.jobs.enqueue(school, request: Self.long(60))
      let worker = SolveWorker(store: store, name: "w1", lease: 3)
      let started = Date()
      let running = Background { try worker.runNext() }
      try waitUntil { try store.jobs.job(school, id: job.id).progress != nil }
      _ = try store.jobs.cancel(school, job: job.id)
      let outcome = try #require(try running.wait())
      #expect(outcome.state == .cancelled(reason: nil))
      #expect(Date().timeIntervalSince(started) < 20, "the solve stopped at the next heartbeat")
      let stored = try store.jobs.job(school, id: job.id)
      #expect(stored.state == .cancelled && stored.versionNumber == nil && stored.leaseOwner == nil)
      #expect(try store.versions.list(school).isEmpty)
    }
  }

  @Test(arguments: StoreBackend.all)
  func aStoppedWorkerPutsItsJobBackAndAnotherFinishesIt(backend: StoreBackend) throws {
    try backend.withStore { store in
      let tree = try Tree(store)
      let school = try store.scope(tree.school.id, actor: op)
      let job = try store.jobs.enqueue(school, request: Self.long(3))
      let first = SolveWorker(store: store, name: "w1", lease: 3, pollInterval: 0.1)
      let looping = Background { () -> [JobOutcome] in
        var outcomes: [JobOutcome] = []
        first.runLoop { outcomes.append($0) }
        return outcomes
      }
      try waitUntil { try store.jobs.job(school, id: job.id).state == .running }
      Thread.sleep(forTimeInterval: 0.3)
      first.stop()
      let outcomes = try looping.wait()
      #expect(outcomes.map(\.state) == [.released], "the loop ends after putting the job back")
      let released = try store.jobs.job(school, id: job.id)
      #expect(released.state == .queued && released.leaseOwner == nil && released.attempts == 0)
      #expect(try first.runNext() == nil, "a stopped worker takes nothing")
      #expect(try store.versions.list(school).isEmpty)

      let second = SolveWorker(store: store, name: "w2", lease: 3)
      let outcome = try #require(try second.runNext())
      #expect(outcome.job.id == job.id)
      #expect(outcome.state == .finished(version: 1))
      let stored = try store.jobs.job(school, id: job.id)
      #expect(stored.state == .finished && stored.versionNumber == 1 && stored.attempts == 1)
    }
  }

  @Test(arguments: StoreBackend.all)
  func aWorkerWhoseLeaseWasTakenOverStoresNothing(backend: StoreBackend) throws {
    try backend.withStore { store in
      let tree = try Tree(store)
      let school = try store.scope(tree.school.id, actor: op)
      let job = try store.jobs.enqueue(school, request: Self.long(60))
      let worker = SolveWorker(store: store, name: "w1", lease: 3)
      let running = Background { try worker.runNext() }
      try waitUntil { try store.jobs.job(school, id: job.id).progress != nil }
      // As if w1 had stalled past its lease: the lease runs out and w2 takes the job.
      _ = try store.database.write { tx in
        try tx.execute(
          "UPDATE solve_jobs SET lease_until = ? WHERE id = ?", [.init(Date().milliseconds - 1000), .init(job.id)])
      }
      let takenOver = try #require(try store.jobs.claim(worker: "w2", lease: 30))
      #expect(takenOver.id == job.id && takenOver.attempts == 2)
      let outcome = try #require(try running.wait())
      guard case .leaseLost = outcome.state else {
        Issue.record("expected a lost lease, found \(outcome.state)")
        return
      }
      #expect(outcome.version == nil)
      let stored = try store.jobs.job(school, id: job.id)
      #expect(stored.state == .running && stored.leaseOwner == "w2" && stored.versionNumber == nil)
      #expect(try store.versions.list(school).isEmpty)
    }
  }
}

/// A body run on a thread of its own (the store is synchronous), and its result.
final class Background<T: Sendable>: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var result: Result<T, any Error>?

  init(_ body: @escaping @Sendable () throws -> T) {
    Thread.detachNewThread { [self] in
      let value = Result { try body() }
      result = value
      done.signal()
    }
  }

  func wait(timeout: Double = 90) throws -> T {
    guard done.wait(timeout: .now() + timeout) == .success, let result else {
      throw StoreError.unavailable("the background work did not end within \(timeout) s")
    }
    return try result.get()
  }
}

/// Polls `condition` every 50 ms until it holds (or fails after `timeout` seconds).
func waitUntil(timeout: Double = 30, _ condition: () throws -> Bool) throws {
  let deadline = Date().addingTimeInterval(timeout)
  while Date() < deadline {
    if try condition() { return }
    Thread.sleep(forTimeInterval: 0.05)
  }
  Issue.record("waited \(timeout) s in vain")
  throw StoreError.unavailable("timed out")
}
