import Checker
import Foundation
import Interchange
import Planner
import Timetabling

/// Timetable versions of an organisation: drafts from solves, publishing, the weeks pages read,
/// and the differences between two versions.
public struct Versions: Sendable {
  let database: any SQLDatabase
  let policy: AccessPolicy
  let history: History

  /// Stores a solve's result as a new draft, with a row per lesson and teacher, class and room.
  public func createDraft(_ scope: TenantScope, result: TimetablingResult, plan: StoredPlan, lessons: [Lesson])
    throws -> TimetableVersion
  {
    try policy.require(.composeTimetable, in: scope)
    return try database.write { tx in try insertDraft(tx, scope: scope, result: result, plan: plan, lessons: lessons) }
  }

  func insertDraft(
    _ tx: any SQLTransaction, scope: TenantScope, result: TimetablingResult, plan: StoredPlan, lessons: [Lesson]
  ) throws -> TimetableVersion {
    let number =
      (try tx.queryOne(
        "SELECT MAX(number) AS number FROM timetable_versions WHERE organisation_id = ?", [.init(scope.organisationID)]
      )?.optionalInt("number") ?? 0) + 1
    let now = Date()
    let summary = VersionSummary(result)
    let row = try tx.queryOne(
      """
      INSERT INTO timetable_versions (organisation_id, number, academic_year, period, state, plan_revision, timetable,
        check_report, summary, hard_violations, created_at, created_by) VALUES (?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?)
      RETURNING id
      """,
      [
        .init(scope.organisationID), .init(number), .text(plan.academicYear), .init(result.period),
        .init(plan.revision),
        .text(String(decoding: try TimetableFile.encode(result.timetable), as: UTF8.self)),
        .text(try JSONText.encode(result.check)), .text(try JSONText.encode(summary)),
        .init(summary.hardViolations), .init(now.milliseconds), .text(scope.actor.name),
      ])
    let id = try row?.int("id") ?? 0
    try insertEntries(tx, version: id, timetable: result.timetable, lessons: lessons)
    try history.record(
      tx, organisation: scope.organisationID, actor: scope.actor, subject: "version", action: "draft",
      summary:
        "timetable version \(number) (draft) from plan revision \(plan.revision): \(summary.hardViolations) hard violations, soft cost \(summary.softCost)",
      detail: ["number": number])
    return TimetableVersion(
      id: id, number: number, academicYear: plan.academicYear, period: result.period, state: .draft,
      planRevision: plan.revision, hardViolations: summary.hardViolations, createdAt: now, createdBy: scope.actor.name)
  }

  /// The versions, oldest first; drafts only for those who may see them.
  public func list(_ scope: TenantScope) throws -> [TimetableVersion] {
    guard policy.allows(.viewTimetables, in: scope) || policy.allows(.viewDrafts, in: scope) else {
      throw StoreError.forbidden(
        "\(scope.actor.name) may not view the timetables of organisation \(scope.organisationID)")
    }
    let drafts = policy.allows(.viewDrafts, in: scope)
    return try database.read { tx in
      try tx.query(
        "SELECT \(Self.columns) FROM timetable_versions WHERE organisation_id = ?\(drafts ? "" : " AND state <> 'draft'") ORDER BY number",
        [.init(scope.organisationID)]
      ).map(Self.version)
    }
  }

  /// A version with its timetable, check and summary.
  public func content(_ scope: TenantScope, number: Int) throws -> VersionContent {
    // A whole timetable is the school's: students and parents see their class's week only.
    guard policy.allows(.viewTimetables, in: scope) || policy.allows(.viewDrafts, in: scope) else {
      throw StoreError.forbidden(
        "\(scope.actor.name) may not view the timetables of organisation \(scope.organisationID)")
    }
    return try database.read { tx in
      let row = try versionRow(tx, scope: scope, number: number, whole: true)
      let version = try Self.version(row)
      try requireView(version, scope)
      return VersionContent(
        version: version,
        timetable: try JSONText.decode(Timetable.self, from: try row.string("timetable")),
        check: try JSONText.decode(CheckReport.self, from: try row.string("check_report")),
        summary: try JSONText.decode(VersionSummary.self, from: try row.string("summary")))
    }
  }

  /// The published version, if any.
  public func published(_ scope: TenantScope) throws -> TimetableVersion? {
    try database.read { tx in try newestRow(tx, scope: scope, state: .published).map(Self.version) }
  }

  /// Publishes a draft (the newest when no number is given): it becomes what teachers, students
  /// and parents see, immutable; the version published before is kept as superseded.
  @discardableResult
  public func publish(_ scope: TenantScope, number: Int? = nil) throws -> TimetableVersion {
    try policy.require(.publishTimetable, in: scope)
    do {
      return try publishing(scope, number: number)
    } catch StoreError.constraint {
      throw StoreError.conflict(
        message: "another version was published at the same time; try again", currentRevision: nil)
    }
  }

  private func publishing(_ scope: TenantScope, number: Int?) throws -> TimetableVersion {
    try database.write { tx in
      let row = try versionRow(tx, scope: scope, number: number, newest: .draft)
      var version = try Self.version(row)
      guard version.state == .draft else {
        throw StoreError.conflict(
          message: "version \(version.number) is \(version.state.rawValue); only a draft can be published",
          currentRevision: nil)
      }
      let now = Date()
      let previous = try tx.queryOne(
        "SELECT number FROM timetable_versions WHERE organisation_id = ? AND state = 'published'",
        [.init(scope.organisationID)]
      )?.optionalInt("number")
      try tx.execute(
        "UPDATE timetable_versions SET state = 'superseded' WHERE organisation_id = ? AND state = 'published'",
        [.init(scope.organisationID)])
      let changed = try tx.execute(
        "UPDATE timetable_versions SET state = 'published', published_at = ?, published_by = ? WHERE id = ? AND state = 'draft'",
        [.init(now.milliseconds), .text(scope.actor.name), .init(version.id)])
      guard changed == 1 else {
        throw StoreError.conflict(message: "version \(version.number) changed meanwhile", currentRevision: nil)
      }
      version.state = .published
      version.publishedAt = now
      version.publishedBy = scope.actor.name
      try history.record(
        tx, organisation: scope.organisationID, actor: scope.actor, subject: "version", action: "publish",
        summary: "published timetable version \(version.number)"
          + (previous.map { " (replacing version \($0))" } ?? ""),
        detail: ["number": version.number, "previous": previous ?? 0])
      return version
    }
  }

  /// One teacher's, class's or room's lessons in a version (the published one by default),
  /// ordered by day and period: an indexed lookup of that holder's rows.
  public func week(_ scope: TenantScope, of holder: TimetableHolder, version number: Int? = nil) throws
    -> [ScheduledLesson]
  {
    guard policy.allows(timetableOf: holder, in: scope) else {
      throw StoreError.forbidden("\(scope.actor.name) may not view this timetable")
    }
    return try database.read { tx in
      let row = try versionRow(tx, scope: scope, number: number, newest: .published)
      try requireView(try Self.version(row), scope)
      return try tx.query(
        """
        SELECT * FROM timetable_entries WHERE version_id = ? AND holder_kind = ? AND holder = ?
        ORDER BY day_index, period, lesson
        """, [.init(try row.int("id")), .text(holder.kind), .text(holder.key)]
      ).map(Self.lesson)
    }
  }

  /// What changed from version `a` to version `b`.
  public func diff(_ scope: TenantScope, from a: Int, to b: Int) throws -> VersionDiff {
    let old = try content(scope, number: a)
    let new = try content(scope, number: b)
    let (moves, rooms) = new.timetable.changes(since: old.timetable)
    let oldLessons = Set(old.timetable.placements.map(\.lesson))
    let newLessons = Set(new.timetable.placements.map(\.lesson))
    let changed = Set(moves.map(\.lesson)).union(rooms.map(\.lesson))
    var byTeacher: [String: Int] = [:]
    var byClass: [String: Int] = [:]
    try database.read { tx in
      let rows = try tx.query(
        "SELECT holder_kind, holder, lesson FROM timetable_entries WHERE version_id = ? AND holder_kind IN ('teacher', 'class')",
        [.init(new.version.id)])
      for row in rows where changed.contains(try row.string("lesson")) {
        let holder = try row.string("holder")
        if try row.string("holder_kind") == "teacher" {
          byTeacher[holder, default: 0] += 1
        } else {
          byClass[holder, default: 0] += 1
        }
      }
    }
    return VersionDiff(
      from: a, to: b, moves: moves, roomChanges: rooms, added: newLessons.subtracting(oldLessons).sorted(),
      removed: oldLessons.subtracting(newLessons).sorted(), byTeacher: byTeacher, byClass: byClass)
  }

  private func requireView(_ version: TimetableVersion, _ scope: TenantScope) throws {
    if version.state == .draft {
      guard policy.allows(.viewDrafts, in: scope) else {
        throw StoreError.notFound("timetable version \(version.number)")
      }
    }
  }

  /// The columns of a version without its timetable, check and summary (large texts a week's
  /// read does not need).
  static let columns =
    "id, number, academic_year, period, state, plan_revision, hard_violations, created_at, created_by, published_at, published_by"

  /// Version `number`, or, when none is given, the newest in `state` (the draft to publish, the
  /// published one to read).
  private func versionRow(
    _ tx: any SQLTransaction, scope: TenantScope, number: Int?, newest state: TimetableVersion.State
  )
    throws -> SQLRow
  {
    if let number { return try versionRow(tx, scope: scope, number: number) }
    guard let row = try newestRow(tx, scope: scope, state: state) else {
      throw StoreError.notFound("a \(state.rawValue) timetable of organisation \(scope.organisationID)")
    }
    return row
  }

  private func newestRow(_ tx: any SQLTransaction, scope: TenantScope, state: TimetableVersion.State) throws -> SQLRow?
  {
    try tx.queryOne(
      "SELECT \(Self.columns) FROM timetable_versions WHERE organisation_id = ? AND state = ? ORDER BY number DESC LIMIT 1",
      [.init(scope.organisationID), .text(state.rawValue)])
  }

  private func versionRow(_ tx: any SQLTransaction, scope: TenantScope, number: Int, whole: Bool = false) throws
    -> SQLRow
  {
    guard
      let row = try tx.queryOne(
        "SELECT \(whole ? "*" : Self.columns) FROM timetable_versions WHERE organisation_id = ? AND number = ?",
        [.init(scope.organisationID), .init(number)])
    else { throw StoreError.notFound("timetable version \(number) of organisation \(scope.organisationID)") }
    return row
  }

  /// The rows pages read, one per lesson and teacher, class and room, inserted 200 at a time
  /// (one statement per row would be a round trip each on PostgreSQL).
  func insertEntries(_ tx: any SQLTransaction, version: Int, timetable: Timetable, lessons: [Lesson]) throws {
    let byID = Dictionary(lessons.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var rows: [[SQLValue]] = []
    for placement in timetable.placements {
      guard let lesson = byID[placement.lesson] else { continue }
      let holders =
        lesson.teachers.map { ("teacher", $0) } + lesson.classes.map { ("class", $0) }
        + placement.rooms.map { ("room", $0) }
      for (kind, holder) in holders {
        rows.append([
          .init(version), .text(kind), .text(holder), .text(lesson.id), .text(placement.day.rawValue),
          .init(placement.day.index), .init(placement.period), .init(lesson.duration), .text(lesson.subject),
          .text(lesson.group), .text(try JSONText.encode(lesson.classes)), .text(try JSONText.encode(lesson.teachers)),
          .text(try JSONText.encode(placement.rooms)), .text(lesson.weeks.rawValue),
        ])
      }
    }
    let marks = "(" + Array(repeating: "?", count: 14).joined(separator: ", ") + ")"
    for start in stride(from: 0, to: rows.count, by: 200) {
      let batch = rows[start..<min(rows.count, start + 200)]
      try tx.execute(
        """
        INSERT INTO timetable_entries (version_id, holder_kind, holder, lesson, day, day_index, period, duration, subject,
          group_name, classes, teachers, rooms, weeks) VALUES
        """ + Array(repeating: marks, count: batch.count).joined(separator: ", "), batch.flatMap { $0 })
    }
  }

  static func version(_ row: SQLRow) throws -> TimetableVersion {
    TimetableVersion(
      id: try row.int("id"), number: try row.int("number"), academicYear: try row.string("academic_year"),
      period: row.optionalString("period"),
      state: TimetableVersion.State(rawValue: try row.string("state")) ?? .draft,
      planRevision: try row.int("plan_revision"), hardViolations: try row.int("hard_violations"),
      createdAt: try row.date("created_at"), createdBy: try row.string("created_by"),
      publishedAt: row.optionalDate("published_at"), publishedBy: row.optionalString("published_by"))
  }

  private static func lesson(_ row: SQLRow) throws -> ScheduledLesson {
    func list(_ column: String) throws -> [String] { try JSONText.strings(try row.string(column)) }
    return ScheduledLesson(
      lesson: try row.string("lesson"), day: try row.string("day"), period: try row.int("period"),
      duration: try row.int("duration"), subject: try row.string("subject"), group: try row.string("group_name"),
      classes: try list("classes"), teachers: try list("teachers"), rooms: try list("rooms"),
      weeks: try row.string("weeks"))
  }
}
