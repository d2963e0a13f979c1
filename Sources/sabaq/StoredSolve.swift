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
    let worker = SolveWorker(
      store: store, name: Self.workerName(), lease: lease, logger: WorkerLog.logger(debug: command.debug))
    let request = SolveRequest(period: command.period, options: options)
    let queued = try failing(as: "--org") { try store.jobs.enqueue(scope, request: request) }
    let job = try claim(queued, worker: worker, scope: scope)
    printError("solve job \(job.id) of \(scope.organisation.name) (organisation \(organisation))")
    // From here on the job is this process's: it ends finished, failed or cancelled.
    let interruption = Interruption { worker.interrupt("interrupted (\($0))") }
    defer { interruption.end() }
    let outcome = try failing(as: "--org") { try worker.run(job) { SolveCommand.report($0) } }
    switch outcome.state {
    case .failed(let message):
      let error = outcome.error ?? Refusal(message)
      if case SolverError.invalidSettings = error { throw CommandFailure(error, file: "--search-parameters") }
      throw CommandFailure(error, file: "the plan of organisation \(organisation)")
    case .leaseLost(let message):
      throw CommandFailure(StoreError.conflict(message: message, currentRevision: nil))
    case .cancelled(let reason?):
      throw CommandFailure(
        Refusal("solve job \(job.id) \(reason): ended as cancelled, no version stored"), file: "--org", status: 130)
    case .cancelled(nil):
      throw CommandFailure(Refusal("solve job \(job.id) was cancelled; no version stored"), file: "--org")
    case .released:
      throw CommandFailure(Refusal("solve job \(job.id) was put back in the queue"), file: "--org", status: 130)
    case .finished(let number):
      guard let result = outcome.result, let problem = outcome.problem, let plan = outcome.plan else { return }
      print(number)
      if let output = command.output {
        try SolveCommand.write(
          result, problem: problem, organisation: plan.organisation, language: command.language, to: output)
      }
      SolveCommand.printSummary(result, writtenTo: command.output)
      printError(
        "stored as draft version \(number) (plan \(plan.academicYear) revision \(plan.revision)); `sabaq timetable publish --org \(organisation) \(number)` publishes it"
      )
      throw ExitCode(result.feasible ? 0 : 2)
    }
  }

  /// Takes the job just queued (the store ends a job of the organisation whose process stopped);
  /// when another solve of the organisation is running, nothing is started.
  private func claim(_ queued: SolveJob, worker: SolveWorker, scope: TenantScope) throws -> SolveJob {
    let store = worker.store
    if let job = try worker.claim(only: queued.id) { return job }
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

/// Ctrl-C (SIGINT) and SIGTERM while a stored solve runs: the first stops the solve so that its
/// job is ended as cancelled rather than left running until its lease runs out; a second one
/// ends the process at once.
final class Interruption: @unchecked Sendable {
  private var sources: [DispatchSourceSignal] = []
  private let lock = NSLock()
  private var count = 0

  init(stopping: String = "stopping the solve", _ handler: @escaping @Sendable (String) -> Void) {
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
        printError("\(name): \(stopping) (again to quit at once)")
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
