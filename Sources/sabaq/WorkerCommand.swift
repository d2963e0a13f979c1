// `sabaq worker`: runs the store's solve jobs until stopped.
import ArgumentParser
import Foundation
import Logging
import Store

struct WorkerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "worker",
    abstract: "Run the store's solve jobs: take queued ones, solve them, store the timetables as drafts.",
    discussion: """
      Takes the oldest queued solve job (or one whose worker died: its lease ran out), solves the \
      plan while renewing the job's lease, and stores the timetable as a draft version; then the \
      next. Prints one line per job: its id, organisation, outcome and version. Any number of \
      workers can run at once on a PostgreSQL store, on any machines: each job is taken by one. \
      Ctrl-C (or SIGTERM) stops the running solve and puts its job back in the queue (exit status \
      0); a second one quits at once.
      """)

  @OptionGroup var database: DatabaseOption
  @Option(help: "The worker's name, its jobs' lease owner (default: USER@HOST:PID).") var name: String?
  @Option(
    help: ArgumentHelp(
      "How long a job stays this worker's without news from it; renewed every min(2, lease / 3) s while solving.",
      valueName: "seconds"))
  var lease: Double = 30
  @Option(help: ArgumentHelp("How often an empty queue is looked at again.", valueName: "seconds"))
  var poll: Double = 1
  @Flag(help: "Run one job (if one is waiting), then quit.") var once = false
  @Flag(help: "The search's debug lines on standard error.") var debug = false

  func validate() throws {
    guard lease >= 3, lease.isFinite else { throw ValidationError("--lease must be at least 3 seconds, not \(lease)") }
    guard poll > 0, poll.isFinite else { throw ValidationError("--poll must be a positive number of seconds") }
    if let name, name.isEmpty { throw ValidationError("--name must not be empty") }
  }

  func run() throws {
    let store = try database.open()
    defer { store.close() }
    let processInfo = ProcessInfo.processInfo
    let worker = SolveWorker(
      store: store,
      name: name ?? "\(DatabaseOption.actor.name)@\(processInfo.hostName):\(processInfo.processIdentifier)",
      lease: lease, pollInterval: poll, logger: WorkerLog.logger(level: debug ? .debug : .info))
    let interruption = Interruption(stopping: "stopping, putting the running job back in the queue") { _ in
      worker.stop()
    }
    defer { interruption.end() }
    printError("worker \(worker.name): waiting for solve jobs in \(Self.place(store.url))")
    if once {
      if let outcome = try failing(as: "--database", worker.runNext) {
        Self.print(outcome)
      } else {
        printError("no solve job waiting")
      }
      return
    }
    worker.runLoop { Self.print($0) }
    printError("worker \(worker.name): stopped")
  }

  /// One line per job: `job ID organisation ORG OUTCOME [version N]`.
  static func print(_ outcome: JobOutcome) {
    var line = "job \(outcome.job.id) organisation \(outcome.job.organisationID) \(outcome.state.name)"
    switch outcome.state {
    case .finished(let version): line += " version \(version)"
    case .failed(let message): line += ": " + message.replacingOccurrences(of: "\n", with: "; ")
    case .cancelled(let reason?): line += ": \(reason)"
    case .leaseLost(let message): line += ": \(message)"
    case .cancelled(nil), .released: break
    }
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
  }

  /// The database without its password.
  static func place(_ url: String) -> String {
    guard var components = URLComponents(string: url), components.password != nil else { return url }
    components.password = "***"
    return components.string ?? url
  }
}

/// The worker's log lines on standard error (swift-log's, with their time).
enum WorkerLog {
  static func logger(level: Logger.Level) -> Logger {
    var logger = Logger(label: "sabaq.worker") { StreamLogHandler.standardError(label: $0) }
    logger.logLevel = level
    return logger
  }

  /// A stored solve's: notices and warnings, and the search's debug lines with --debug.
  static func logger(debug: Bool) -> Logger { logger(level: debug ? .debug : .notice) }
}
