import Foundation
import Planner
import Timetabling

/// A solve waiting, running or done, as a row: workers claim queued ones, hold a lease they renew
/// while solving, and store the result as a draft version.
public struct SolveJob: Codable, Sendable {
  public enum State: String, Codable, Sendable {
    case queued, running, finished, failed, cancelled
  }

  public var id: Int
  public var organisationID: Int
  public var academicYear: String
  /// Who asked for it (a login, or `cli:NAME`).
  public var owner: String
  public var userID: Int?
  public var state: State
  public var request: SolveRequest
  public var progress: JobProgress?
  /// How many times a worker has taken it (more than one when a worker died holding it).
  public var attempts: Int
  public var leaseOwner: String?
  public var leaseUntil: Date?
  public var cancelRequested: Bool
  public var error: String?
  /// The draft version the job stored.
  public var versionNumber: Int?
  public var createdAt: Date
  public var startedAt: Date?
  public var finishedAt: Date?
}

/// What a job solves: a period of the plan, with the solve's options.
public struct SolveRequest: Codable, Sendable {
  public var period: String?
  public var options: TimetablingOptions

  public init(period: String? = nil, options: TimetablingOptions = TimetablingOptions()) {
    self.period = period
    self.options = options
  }
}

/// The last progress a worker wrote.
public struct JobProgress: Codable, Hashable, Sendable {
  public var phase: String
  public var placedLessons: Int
  public var totalLessons: Int
  public var hardViolations: Int
  public var softCost: Int
  public var seconds: Double

  public init(phase: String, placedLessons: Int, totalLessons: Int, hardViolations: Int, softCost: Int, seconds: Double)
  {
    self.phase = phase
    self.placedLessons = placedLessons
    self.totalLessons = totalLessons
    self.hardViolations = hardViolations
    self.softCost = softCost
    self.seconds = seconds
  }
}

/// The queue of solve jobs.
public struct SolveJobs: Sendable {
  let database: any SQLDatabase
  let policy: AccessPolicy
  let history: History
  let plans: Plans
  let versions: Versions
  /// After this many workers died holding a job, it fails instead of being taken again.
  public static let maxAttempts = 3

  /// Queues a solve of the plan (the newest year unless named).
  public func enqueue(_ scope: TenantScope, request: SolveRequest = SolveRequest(), year: String? = nil) throws
    -> SolveJob
  {
    try policy.require(.composeTimetable, in: scope)
    return try database.write { tx in
      let plan = try plans.find(tx, organisation: scope.organisationID, year: year)
      if let period = request.period, plan.organisation.period(period) == nil,
        !plan.organisation.studyPeriods.contains(where: { $0.name == period })
      {
        throw StoreError.invalid(
          field: "period",
          "no study period \(period) in the plan of \(plan.academicYear); expected one of "
            + plan.organisation.studyPeriods.map(\.id).joined(separator: ", "))
      }
      let row = try tx.queryOne(
        """
        INSERT INTO solve_jobs (organisation_id, academic_year, owner, user_id, state, options, created_at)
        VALUES (?, ?, ?, ?, 'queued', ?, ?) RETURNING *
        """,
        [
          .init(scope.organisationID), .text(plan.academicYear), .text(scope.actor.name), .init(scope.actor.userID),
          .text(try JSONText.encode(request)), .init(Date().milliseconds),
        ])
      guard let row else { throw StoreError.corrupt("no row for the new job") }
      return try Self.job(row, versionNumber: nil)
    }
  }

  /// Takes the oldest queued job (or one whose worker's lease ran out) for `worker`, holding it
  /// for `lease` seconds; nil when there is none. Safe with any number of workers: on PostgreSQL
  /// the row is locked with SKIP LOCKED, and a unique index keeps one running job per organisation.
  /// `only` restricts the claim to one job (the command line solving the job it just queued); a
  /// job of its organisation left running by a worker that stopped is then ended as failed.
  public func claim(worker: String, lease: TimeInterval, only: Int? = nil) throws -> SolveJob? {
    // Two workers may pick different jobs of one organisation at once; the loser tries again
    // (another organisation's job may be waiting).
    for _ in 0..<3 {
      switch try claimOnce(worker: worker, lease: lease, only: only) {
      case .claimed(let job): return job
      case .none: return nil
      case .lostRace: continue
      }
    }
    return nil
  }

  private enum ClaimAttempt {
    case claimed(SolveJob)
    /// No job waiting.
    case none
    /// Another worker took the organisation's running place meanwhile.
    case lostRace
  }

  private func claimOnce(worker: String, lease: TimeInterval, only: Int?) throws -> ClaimAttempt {
    let now = Date()
    do {
      return try database.write { tx in
        try tx.execute(
          """
          UPDATE solve_jobs SET state = 'failed', finished_at = ?, lease_owner = NULL,
            error = 'the workers running it stopped \(Self.maxAttempts) times'
          WHERE state = 'running' AND lease_until < ? AND attempts >= ?
          """, [.init(now.milliseconds), .init(now.milliseconds), .init(Self.maxAttempts)])
        if let only {
          // The caller runs this one job now: a job of the same organisation whose worker
          // stopped (its lease ran out) would hold the organisation's one running place.
          try tx.execute(
            """
            UPDATE solve_jobs SET state = 'failed', finished_at = ?, lease_owner = NULL, lease_until = NULL,
              error = 'its worker stopped: the lease ran out'
            WHERE state = 'running' AND lease_until < ? AND id <> ?
              AND organisation_id = (SELECT organisation_id FROM solve_jobs WHERE id = ?)
            """, [.init(now.milliseconds), .init(now.milliseconds), .init(only), .init(only)])
        }
        let lock = tx.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        guard
          let candidate = try tx.queryOne(
            """
            SELECT id FROM solve_jobs j WHERE (state = 'queued' OR (state = 'running' AND lease_until < ?))
            \(only == nil ? "" : "AND id = \(only!)") AND NOT EXISTS (SELECT 1 FROM solve_jobs r WHERE r.organisation_id = j.organisation_id
              AND r.state = 'running' AND r.id <> j.id)
            ORDER BY id LIMIT 1\(lock)
            """, [.init(now.milliseconds)])
        else { return .none }
        let row = try tx.queryOne(
          """
          UPDATE solve_jobs SET state = 'running', lease_owner = ?, lease_until = ?, heartbeat_at = ?,
            attempts = attempts + 1, started_at = COALESCE(started_at, ?) WHERE id = ? RETURNING *
          """,
          [
            .text(worker), .init(now.addingTimeInterval(lease).milliseconds), .init(now.milliseconds),
            .init(now.milliseconds), .init(try candidate.int("id")),
          ])
        guard let row else { return .none }
        return .claimed(try Self.job(row, versionNumber: nil))
      }
    } catch StoreError.constraint {
      return .lostRace
    }
  }

  /// Renews the worker's lease and writes its progress; returns whether a cancel was asked.
  /// Throws `conflict` when the worker no longer holds the job (its lease ran out and another
  /// took it): the worker must then stop.
  public func heartbeat(job id: Int, worker: String, lease: TimeInterval, progress: JobProgress?) throws -> Bool {
    let now = Date()
    return try database.write { tx in
      var sql = "UPDATE solve_jobs SET lease_until = ?, heartbeat_at = ?"
      var values: [SQLValue] = [.init(now.addingTimeInterval(lease).milliseconds), .init(now.milliseconds)]
      if let progress {
        sql += ", progress = ?"
        values.append(.text(try JSONText.encode(progress)))
      }
      sql += " WHERE id = ? AND state = 'running' AND lease_owner = ?"
      values += [.init(id), .text(worker)]
      guard try tx.execute(sql, values) == 1 else { throw Self.leaseLost(id, worker) }
      return try tx.queryOne("SELECT cancel_requested FROM solve_jobs WHERE id = ?", [.init(id)])?.optionalInt(
        "cancel_requested") == 1
    }
  }

  /// Stores the result as a draft version and marks the job finished, in one transaction.
  public func finish(job id: Int, worker: String, result: TimetablingResult, plan: StoredPlan, lessons: [Lesson])
    throws -> TimetableVersion
  {
    try database.write { tx in
      let job = try held(tx, id, worker)
      guard let organisation = try Organisations.find(tx, id: job.organisationID) else {
        throw StoreError.notFound("organisation \(job.organisationID)")
      }
      let scope = TenantScope(
        organisation: organisation, actor: Actor(userID: job.userID, name: job.owner), memberships: [])
      let version = try versions.insertDraft(tx, scope: scope, result: result, plan: plan, lessons: lessons)
      try tx.execute(
        """
        UPDATE solve_jobs SET state = 'finished', finished_at = ?, version_id = ?, lease_owner = NULL, lease_until = NULL
        WHERE id = ?
        """, [.init(Date().milliseconds), .init(version.id), .init(id)])
      return version
    }
  }

  /// Ends a job the worker holds without a result: failed with a message, or cancelled.
  public func end(job id: Int, worker: String, state: SolveJob.State, error: String?) throws {
    precondition(state == .failed || state == .cancelled, "a job ends failed or cancelled here")
    try database.write { tx in
      _ = try held(tx, id, worker)
      try tx.execute(
        "UPDATE solve_jobs SET state = ?, error = ?, finished_at = ?, lease_owner = NULL, lease_until = NULL WHERE id = ?",
        [.text(state.rawValue), .init(error), .init(Date().milliseconds), .init(id)])
    }
  }

  /// Puts a job the worker holds back in the queue (a worker shutting down).
  /// A job whose cancel was asked for ends cancelled instead.
  public func release(job id: Int, worker: String) throws {
    try database.write { tx in
      _ = try held(tx, id, worker)
      try tx.execute(
        """
        UPDATE solve_jobs SET state = CASE WHEN cancel_requested = 1 THEN 'cancelled' ELSE 'queued' END,
          finished_at = CASE WHEN cancel_requested = 1 THEN ? ELSE NULL END,
          lease_owner = NULL, lease_until = NULL, attempts = attempts - 1 WHERE id = ?
        """, [.init(Date().milliseconds), .init(id)])
    }
  }

  /// Cancels a job: a queued one at once, a running one when its worker next reports.
  public func cancel(_ scope: TenantScope, job id: Int) throws -> SolveJob {
    try policy.require(.composeTimetable, in: scope)
    return try database.write { tx in
      let job = try find(tx, scope, id)
      switch job.state {
      case .queued:
        try tx.execute(
          "UPDATE solve_jobs SET state = 'cancelled', finished_at = ? WHERE id = ?",
          [.init(Date().milliseconds), .init(id)])
      case .running:
        try tx.execute("UPDATE solve_jobs SET cancel_requested = 1 WHERE id = ?", [.init(id)])
      case .finished, .failed, .cancelled:
        throw StoreError.conflict(message: "job \(id) is \(job.state.rawValue) already", currentRevision: nil)
      }
      return try find(tx, scope, id)
    }
  }

  /// A job of the scope's organisation.
  public func job(_ scope: TenantScope, id: Int) throws -> SolveJob {
    try policy.require(.viewDrafts, in: scope)
    return try database.read { tx in try find(tx, scope, id) }
  }

  /// The organisation's jobs, newest first.
  public func list(_ scope: TenantScope, limit: Int = 50) throws -> [SolveJob] {
    try policy.require(.viewDrafts, in: scope)
    return try database.read { tx in
      try tx.query(
        """
        SELECT j.*, v.number AS version_number FROM solve_jobs j LEFT JOIN timetable_versions v ON v.id = j.version_id
        WHERE j.organisation_id = ? ORDER BY j.id DESC LIMIT ?
        """, [.init(scope.organisationID), .init(max(1, min(limit, 1000)))]
      ).map { try Self.job($0, versionNumber: $0.optionalInt("version_number")) }
    }
  }

  private func find(_ tx: any SQLTransaction, _ scope: TenantScope, _ id: Int) throws -> SolveJob {
    guard
      let row = try tx.queryOne(
        """
        SELECT j.*, v.number AS version_number FROM solve_jobs j LEFT JOIN timetable_versions v ON v.id = j.version_id
        WHERE j.id = ? AND j.organisation_id = ?
        """, [.init(id), .init(scope.organisationID)])
    else { throw StoreError.notFound("solve job \(id)") }
    return try Self.job(row, versionNumber: row.optionalInt("version_number"))
  }

  private func held(_ tx: any SQLTransaction, _ id: Int, _ worker: String) throws -> SolveJob {
    guard
      let row = try tx.queryOne(
        "SELECT * FROM solve_jobs WHERE id = ? AND state = 'running' AND lease_owner = ?", [.init(id), .text(worker)])
    else { throw Self.leaseLost(id, worker) }
    return try Self.job(row, versionNumber: nil)
  }

  private static func leaseLost(_ id: Int, _ worker: String) -> StoreError {
    .conflict(
      message: "worker \(worker) no longer holds solve job \(id) (its lease ran out or it ended)", currentRevision: nil)
  }

  static func job(_ row: SQLRow, versionNumber: Int?) throws -> SolveJob {
    SolveJob(
      id: try row.int("id"), organisationID: try row.int("organisation_id"),
      academicYear: try row.string("academic_year"), owner: try row.string("owner"), userID: row.optionalInt("user_id"),
      state: SolveJob.State(rawValue: try row.string("state")) ?? .failed,
      request: try JSONText.decode(SolveRequest.self, from: try row.string("options")),
      progress: try row.optionalString("progress").map { try JSONText.decode(JobProgress.self, from: $0) },
      attempts: try row.int("attempts"), leaseOwner: row.optionalString("lease_owner"),
      leaseUntil: row.optionalDate("lease_until"), cancelRequested: row.optionalInt("cancel_requested") == 1,
      error: row.optionalString("error"), versionNumber: versionNumber, createdAt: try row.date("created_at"),
      startedAt: row.optionalDate("started_at"), finishedAt: row.optionalDate("finished_at"))
  }
}
