// `sabaq solve --org ID`: the stored plan solved as a solve job of the store, by this process.
import ArgumentParser
import Foundation
import Interchange
import Planner
import Solver
import Store
import Timetabling

/// Queues a solve job, takes exactly that job, solves it while renewing its lease, and stores the
/// timetable as a draft version (or ends the job failed or cancelled). A process killed meanwhile
/// leaves its job running with a lease that runs out, and no version.
struct StoredSolve {
  let command: SolveCommand
  let organisation: Int
  let options: TimetablingOptions

  /// How long the job stays this process's without news from it (`--lease`).
  var lease: TimeInterval { command.lease }

  func run() throws {
    let store = try command.database.open()
    defer { store.close() }
    let scope = try store.scope(organisation, option: "--org")
    let worker = Self.workerName()
    let request = SolveRequest(period: command.period, options: options)
    let queued = try failing(as: "--org") { try store.jobs.enqueue(scope, request: request) }
    let job = try claim(queued, store: store, scope: scope, worker: worker)
    printError("solve job \(job.id) of \(scope.organisation.name) (organisation \(organisation))")
    // From here on the job is this process's: it ends finished, failed or cancelled.
    let heartbeat = JobHeartbeat(store: store, job: job.id, worker: worker, lease: lease)
    let interruption = Interruption { heartbeat.interrupt($0) }
    defer { interruption.end() }
    let plan: StoredPlan
    let problem: TimetableProblem
    let result: TimetablingResult
    do {
      plan = try store.plans.plan(scope, year: job.academicYear)
      let input = TimetablingInput(
        organisation: plan.organisation, period: job.request.period, fetImport: plan.fetImport)
      problem = try Timetabling.demand(for: input)
      result = try Timetabling.build(
        input, demand: problem, options: job.request.options, cancellation: heartbeat.cancellation,
        logger: command.logger
      ) { event in
        SolveCommand.report(event)
        heartbeat.beat(event)
      }
    } catch {
      let failure =
        if case SolverError.invalidSettings = error {
          CommandFailure(error, file: "--search-parameters")
        } else {
          CommandFailure(error, file: "the plan of organisation \(organisation)")
        }
      try? store.jobs.end(job: job.id, worker: worker, state: .failed, error: failure.text)
      throw failure
    }
    if let lost = heartbeat.lost { throw CommandFailure(lost) }
    if let signal = heartbeat.interrupted {
      try store.jobs.end(job: job.id, worker: worker, state: .cancelled, error: "interrupted (\(signal))")
      throw CommandFailure(
        Refusal("solve job \(job.id) interrupted (\(signal)): ended as cancelled, no version stored"), file: "--org",
        status: 130)
    }
    if heartbeat.cancelRequested {
      try store.jobs.end(job: job.id, worker: worker, state: .cancelled, error: nil)
      throw CommandFailure(Refusal("solve job \(job.id) was cancelled; no version stored"), file: "--org")
    }
    let version = try failing(as: "--org") {
      try store.jobs.finish(job: job.id, worker: worker, result: result, plan: plan, lessons: problem.lessons)
    }
    print(version.number)
    if let output = command.output { try SolveCommand.write(result, problem: problem, to: output) }
    SolveCommand.printSummary(result, writtenTo: command.output)
    printError(
      "stored as draft version \(version.number) (plan \(plan.academicYear) revision \(plan.revision)); `sabaq timetable publish --org \(organisation) \(version.number)` publishes it"
    )
    throw ExitCode(result.feasible ? 0 : 2)
  }

  /// Takes the job just queued (the store ends a job of the organisation whose process stopped);
  /// when another solve of the organisation is running, nothing is started.
  private func claim(_ queued: SolveJob, store: Store, scope: TenantScope, worker: String) throws -> SolveJob {
    if let job = try store.jobs.claim(worker: worker, lease: lease, only: queued.id) { return job }
    _ = try? store.jobs.cancel(scope, job: queued.id)
    let running = try store.jobs.list(scope).filter { $0.state == .running && $0.id != queued.id }
    let holder = running.first.map { job in
      " (job \(job.id) by \(job.leaseOwner ?? job.owner)"
        + (job.leaseUntil.map { ", its lease runs until \(shortDate($0, seconds: true))" } ?? "") + ")"
    }
    throw CommandFailure(
      StoreError.conflict(
        message: "another solve of organisation \(organisation) is running\(holder ?? ""); nothing was started",
        currentRevision: nil))
  }

  /// The job's lease owner: the operator, the machine and the process.
  private static func workerName() -> String {
    "\(DatabaseOption.actor.name)@\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
  }
}

/// Renews the job's lease from the solve's progress, at most every two seconds (a third of a
/// shorter lease), and stops the solve when a cancel was asked for or the lease was lost.
final class JobHeartbeat: @unchecked Sendable {
  let store: Store
  let job: Int
  let worker: String
  let lease: TimeInterval
  let cancellation = CancellationFlag()
  let interval: TimeInterval
  private let lock = NSLock()
  private var last = Date()
  private var cancelled = false
  private var interruptedBy: String?
  private var lostError: Error?

  init(store: Store, job: Int, worker: String, lease: TimeInterval) {
    self.store = store
    self.job = job
    self.worker = worker
    self.lease = lease
    interval = min(2, lease / 3)
  }

  var cancelRequested: Bool { lock.withLock { cancelled } }
  /// The signal that interrupted the solve, if one did.
  var interrupted: String? { lock.withLock { interruptedBy } }

  /// Stops the solve for a signal (Ctrl-C, SIGTERM).
  func interrupt(_ signal: String = "SIGINT") {
    lock.withLock { interruptedBy = interruptedBy ?? signal }
    cancellation.cancel()
  }
  /// Why the job is no longer this process's, if it is not.
  var lost: Error? { lock.withLock { lostError } }

  /// Called with each event of the solve (from its threads).
  func beat(_ event: TimetablingEvent) {
    guard case .progress(let progress) = event else { return }
    let due = lock.withLock {
      guard lostError == nil, Date().timeIntervalSince(last) >= interval else { return false }
      last = Date()
      return true
    }
    guard due else { return }
    let report = JobProgress(
      phase: progress.phase, placedLessons: progress.placedLessons, totalLessons: progress.totalLessons,
      hardViolations: progress.hardViolations, softCost: progress.softCost, seconds: progress.elapsed)
    do {
      if try store.jobs.heartbeat(job: job, worker: worker, lease: lease, progress: report) {
        lock.withLock { cancelled = true }
        printError("solve job \(job): cancel requested, stopping")
        cancellation.cancel()
      }
    } catch let error as StoreError {
      if case .conflict = error {
        lock.withLock { lostError = error }
        cancellation.cancel()
      } else {
        // A busy database: the next report tries again, well within the lease.
        printError("warning: solve job \(job): the lease was not renewed: \(error)")
      }
    } catch {
      printError("warning: solve job \(job): the lease was not renewed: \(error)")
    }
  }
}

/// Ctrl-C (SIGINT) and SIGTERM while a stored solve runs: the first stops the solve so that its
/// job is ended as cancelled rather than left running until its lease runs out; a second one
/// ends the process at once.
final class Interruption: @unchecked Sendable {
  private var sources: [DispatchSourceSignal] = []
  private let lock = NSLock()
  private var count = 0

  init(_ handler: @escaping @Sendable (String) -> Void) {
    for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
      // The process may have been started with them blocked (by a thread that blocks them).
      var set = sigset_t()
      sigemptyset(&set)
      sigaddset(&set, number)
      pthread_sigmask(SIG_UNBLOCK, &set, nil)
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { [self] in
        let first = lock.withLock {
          count += 1
          return count == 1
        }
        guard first else { Foundation.exit(130) }
        printError("\(name): stopping the solve (again to quit at once)")
        handler(name)
      }
      source.resume()
      sources.append(source)
    }
  }

  /// Gives the signals back their default action.
  func end() {
    for source in sources { source.cancel() }
    signal(SIGINT, SIG_DFL)
    signal(SIGTERM, SIG_DFL)
  }
}
