import Foundation
import Logging
import Planner
import Solver
import Timetabling

/// How a job a worker ran ended.
public struct JobOutcome: Sendable {
  public enum State: Sendable, Equatable {
    /// The timetable was stored as this draft version.
    case finished(version: Int)
    /// Ended cancelled: asked for (`reason` nil), or stopped by the process (`reason` says why).
    case cancelled(reason: String?)
    /// Ended failed with this message (a plan that cannot be solved, bad options).
    case failed(message: String)
    /// Put back in the queue: the worker is shutting down.
    case released
    /// No longer this worker's (its lease ran out and another worker took it): nothing stored.
    case leaseLost(message: String)

    /// One word: finished, cancelled, failed, released, lease-lost.
    public var name: String {
      switch self {
      case .finished: "finished"
      case .cancelled: "cancelled"
      case .failed: "failed"
      case .released: "released"
      case .leaseLost: "lease-lost"
      }
    }
  }

  /// The job as it was claimed.
  public var job: SolveJob
  public var state: State
  /// The draft version stored (when finished).
  public var version: TimetableVersion?
  /// The solve's result (when the solve ran to its end, whatever became of the job).
  public var result: TimetablingResult?
  /// The lesson demand solved.
  public var problem: TimetableProblem?
  /// The plan solved.
  public var plan: StoredPlan?
  /// The error a failed job ended with.
  public var error: (any Error)?
}

/// Runs solve jobs of the store: claims a queued job (or one whose worker died), solves the plan
/// while renewing the job's lease, and stores the timetable as a draft version. Any number of
/// workers, in any number of processes on any machines, can share one PostgreSQL store (or one
/// SQLite file): a job is claimed by one worker at a time.
///
/// The store is synchronous: call `run`, `runNext` and `runLoop` from a thread of their own (never
/// from an event loop). `stop()` may be called from any thread.
public final class SolveWorker: @unchecked Sendable {
  public let store: Store
  /// The lease owner of the jobs it runs.
  public let name: String
  /// Seconds a job stays this worker's without news from it.
  public let lease: TimeInterval
  /// Seconds `runLoop` waits before looking at an empty queue again.
  public let pollInterval: TimeInterval
  public let logger: Logger?

  private let condition = NSCondition()
  private var stopping = false
  private var current: JobLease?

  public init(
    store: Store, name: String, lease: TimeInterval = 30, pollInterval: TimeInterval = 1, logger: Logger? = nil
  ) {
    self.store = store
    self.name = name
    self.lease = lease
    self.pollInterval = pollInterval
    self.logger = logger
  }

  /// The actor the worker reads plans as.
  public var actor: Actor { .operator("worker:\(name)") }

  /// Whether `stop()` was called.
  public var isStopping: Bool { condition.withLock { stopping } }

  /// Takes the oldest queued job (or one whose lease ran out), or only the job `only`; nil when
  /// there is none (or the worker is stopping).
  public func claim(only: Int? = nil) throws -> SolveJob? {
    guard !isStopping else { return nil }
    return try store.jobs.claim(worker: name, lease: lease, only: only)
  }

  /// Claims a job and runs it; nil when no job is waiting (or the worker is stopping).
  public func runNext() throws -> JobOutcome? {
    guard let job = try claim() else { return nil }
    return try run(job)
  }

  /// Runs jobs until `shouldStop` says so or `stop()` is called, waiting `pollInterval` seconds
  /// whenever the queue is empty; `handle` gets each job's outcome. A store error (a database
  /// gone away) is logged and tried again after `pollInterval`.
  public func runLoop(
    until shouldStop: @Sendable () -> Bool = { false }, handle: (JobOutcome) -> Void
  ) {
    while !isStopping && !shouldStop() {
      do {
        if let outcome = try runNext() {
          handle(outcome)
          continue
        }
      } catch {
        logger?.error("worker \(name): \(error)")
      }
      wait(pollInterval)
    }
  }

  /// Stops gracefully: the running solve is stopped and its job put back in the queue (another
  /// worker takes it); `runLoop` returns, and `runNext` claims nothing more.
  public func stop() {
    let running = condition.withLock {
      stopping = true
      condition.broadcast()
      return current
    }
    running?.stop(.released)
  }

  /// Stops the running solve and ends its job cancelled, saying `reason` (a signal).
  public func interrupt(_ reason: String) {
    condition.withLock { current }?.stop(.interrupted(reason))
  }

  /// Runs a job this worker has claimed: solves its plan, renewing the lease from the progress,
  /// and ends the job finished (a draft version), cancelled, failed or released; a lost lease
  /// stores nothing. `report` gets the solve's events. Throws only when the store fails while
  /// ending the job (the job then stays running until its lease runs out).
  public func run(_ job: SolveJob, report: (@Sendable (TimetablingEvent) -> Void)? = nil) throws -> JobOutcome {
    let hold = JobLease(store: store, job: job.id, worker: name, lease: lease, logger: logger)
    let alreadyStopping = condition.withLock {
      current = hold
      return stopping
    }
    defer { condition.withLock { current = nil } }
    if alreadyStopping { hold.stop(.released) }
    logger?.info("solve job \(job.id) of organisation \(job.organisationID): solving (attempt \(job.attempts))")

    var outcome = JobOutcome(job: job, state: .released)
    do {
      let scope = try store.scope(job.organisationID, actor: actor)
      let plan = try store.plans.plan(scope, year: job.academicYear)
      outcome.plan = plan
      let input = TimetablingInput(
        organisation: plan.organisation, period: job.request.period, fetImport: plan.fetImport)
      let problem = try Timetabling.demand(for: input)
      outcome.problem = problem
      // The lease runs from the claim: renew it before the search (loading took some of it),
      // and hear of a cancel asked for meanwhile.
      if hold.stop == nil { hold.renew() }
      if hold.stop == nil {
        outcome.result = try Timetabling.build(
          input, demand: problem, options: job.request.options, cancellation: hold.cancellation, logger: logger
        ) { event in
          report?(event)
          hold.beat(event)
        }
      }
    } catch {
      if case .lost(let message) = hold.stop { return ended(outcome, .leaseLost(message: message)) }
      let message = Self.message(error)
      outcome.error = error
      return try end(outcome, hold) {
        try store.jobs.end(job: job.id, worker: name, state: .failed, error: message)
        return .failed(message: message)
      }
    }

    switch hold.stop {
    case .lost(let message):
      return ended(outcome, .leaseLost(message: message))
    case .released:
      return try end(outcome, hold) {
        try store.jobs.release(job: job.id, worker: name)
        return .released
      }
    case .interrupted(let reason):
      return try end(outcome, hold) {
        try store.jobs.end(job: job.id, worker: name, state: .cancelled, error: reason)
        return .cancelled(reason: reason)
      }
    case .cancelRequested:
      return try end(outcome, hold) {
        try store.jobs.end(job: job.id, worker: name, state: .cancelled, error: nil)
        return .cancelled(reason: nil)
      }
    case nil:
      guard let result = outcome.result, let plan = outcome.plan, let problem = outcome.problem else {
        throw StoreError.corrupt("solve job \(job.id): no result")
      }
      var stored: TimetableVersion?
      var done = try end(outcome, hold) {
        let version = try store.jobs.finish(
          job: job.id, worker: name, result: result, plan: plan, lessons: problem.lessons)
        stored = version
        return .finished(version: version.number)
      }
      if case .finished = done.state { done.version = stored }
      return done
    }
  }

  /// Ends the job with `body`; a job no longer held (its lease ran out and another worker took
  /// it) stores nothing and is a lost lease.
  private func end(_ outcome: JobOutcome, _ hold: JobLease, _ body: () throws -> JobOutcome.State) throws
    -> JobOutcome
  {
    do {
      return ended(outcome, try body())
    } catch StoreError.conflict(let message, _) {
      hold.stop(.lost(message))
      return ended(outcome, .leaseLost(message: message))
    }
  }

  private func ended(_ outcome: JobOutcome, _ state: JobOutcome.State) -> JobOutcome {
    var outcome = outcome
    outcome.state = state
    if case .finished = state {} else { outcome.version = nil }
    let job = outcome.job
    logger?.info("solve job \(job.id) of organisation \(job.organisationID): \(state.name)")
    return outcome
  }

  /// Waits `seconds`, or until `stop()`.
  private func wait(_ seconds: TimeInterval) {
    let deadline = Date().addingTimeInterval(seconds)
    condition.lock()
    defer { condition.unlock() }
    while !stopping && condition.wait(until: deadline) {}
  }

  /// An error as the job's stored message.
  static func message(_ error: any Error) -> String {
    switch error {
    case let error as CustomStringConvertible: error.description
    default: "\(error)"
    }
  }
}
