import Foundation
import Logging
import Solver
import Timetabling

/// A worker's hold on one running solve job: renews the job's lease from the solve's progress
/// (at most every two seconds, a third of a shorter lease), writing the progress, and stops the
/// solve when a cancel was asked for, when the lease was lost, or when the worker stops.
public final class JobLease: @unchecked Sendable {
  /// Why the solve was stopped before its end.
  public enum Stop: Sendable, Equatable {
    /// Someone asked for the job to be cancelled (the heartbeat said so).
    case cancelRequested
    /// The process stopped it (a signal): the job ends cancelled, with this reason.
    case interrupted(String)
    /// The worker is shutting down: the job goes back to the queue.
    case released
    /// The job is no longer this worker's (its lease ran out and another took it): nothing is stored.
    case lost(String)
  }

  public let store: Store
  public let job: Int
  public let worker: String
  public let lease: TimeInterval
  /// How often the lease is renewed at most: min(2, lease / 3) seconds.
  public let interval: TimeInterval
  /// Cancelled when the solve is to stop.
  public let cancellation = CancellationFlag()
  let logger: Logger?
  private let lock = NSLock()
  private var last = Date()
  private var stopped: Stop?

  public init(store: Store, job: Int, worker: String, lease: TimeInterval, logger: Logger? = nil) {
    self.store = store
    self.job = job
    self.worker = worker
    self.lease = lease
    self.logger = logger
    interval = min(2, lease / 3)
  }

  /// Why the solve was stopped, if it was (the first reason wins, except that a lost lease
  /// overrides any other: nothing can be stored then).
  public var stop: Stop? { lock.withLock { stopped } }

  /// Stops the solve for `reason`.
  public func stop(_ reason: Stop) {
    lock.withLock {
      if case .lost = reason {
        stopped = reason
      } else if stopped == nil {
        stopped = reason
      }
    }
    cancellation.cancel()
  }

  /// Called with each event of the solve (from its threads): renews the lease when due.
  public func beat(_ event: TimetablingEvent) {
    guard case .progress(let progress) = event else { return }
    let due = lock.withLock {
      if case .lost = stopped { return false }
      guard Date().timeIntervalSince(last) >= interval else { return false }
      last = Date()
      return true
    }
    guard due else { return }
    renew(
      JobProgress(
        phase: progress.phase, placedLessons: progress.placedLessons, totalLessons: progress.totalLessons,
        hardViolations: progress.hardViolations, softCost: progress.softCost, seconds: progress.elapsed))
  }

  /// Renews the lease now, writing `progress` when given.
  public func renew(_ progress: JobProgress? = nil) {
    do {
      if try store.jobs.heartbeat(job: job, worker: worker, lease: lease, progress: progress) {
        logger?.notice("solve job \(job): cancel requested, stopping")
        stop(.cancelRequested)
      }
    } catch StoreError.conflict(let message, _) {
      logger?.warning("solve job \(job): \(message); stopping, storing nothing")
      stop(.lost(message))
    } catch {
      // A busy database: the next report tries again, well within the lease.
      logger?.warning("solve job \(job): the lease was not renewed: \(error)")
    }
  }
}
