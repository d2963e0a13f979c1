import Foundation
import Logging
import ServiceLifecycle
import Store

/// The solve worker of a server that runs its jobs itself (the SQLite default): the store's
/// `SolveWorker` on a thread of its own, stopped with the server. A graceful stop puts the
/// running job back in the queue, so a restart loses nothing.
struct JobService: Service {
  let store: Store

  func run() async throws {
    let logger = Logger(label: "sabaq.jobs")
    let worker = SolveWorker(
      store: store, name: "server@\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)",
      lease: 30, pollInterval: 1, logger: logger)
    let done = AsyncStream<Void>.makeStream()
    let thread = Thread {
      worker.runLoop { outcome in
        logger.info("solve job \(outcome.job.id) of organisation \(outcome.job.organisationID): \(outcome.state.name)")
      }
      done.continuation.finish()
    }
    thread.start()
    try? await gracefulShutdown()
    worker.stop()
    for await _ in done.stream {}
  }
}
