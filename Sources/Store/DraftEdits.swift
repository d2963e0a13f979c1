import Checker
import Foundation
import Interchange
import Planner
import Timetabling

extension Versions {
  /// Replaces a draft's timetable with one the deputy edited by hand (lessons moved, rooms
  /// changed): the checker judges it against the plan, and the history lists every lesson moved,
  /// with its class and subject. Published and superseded versions are immutable.
  @discardableResult
  public func editDraft(_ scope: TenantScope, number: Int, timetable: Timetable, plans: Plans) throws -> VersionContent
  {
    try policy.require(.composeTimetable, in: scope)
    let old = try content(scope, number: number)
    guard old.version.state == .draft else {
      throw StoreError.conflict(
        message:
          "version \(number) is \(old.version.state.rawValue): only a draft can be edited; a published version never changes",
        currentRevision: nil)
    }
    guard timetable.organisation == old.timetable.organisation else {
      throw StoreError.invalid(
        field: "timetable.organisation",
        "the timetable is for \(timetable.organisation); version \(number) is for \(old.timetable.organisation)")
    }
    let plan = try plans.plan(scope, year: old.version.academicYear)
    let problem = try Timetabling.demand(
      for: TimetablingInput(organisation: plan.organisation, period: old.version.period))
    let check = TimetableCheck(problem: problem, timetable: timetable).report
    let (moves, rooms) = timetable.changes(since: old.timetable)
    let byID = Dictionary(problem.lessons.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let described = moves.map { move -> String in
      let lesson = byID[move.lesson]
      let what = lesson.map { "\($0.classes.joined(separator: "+")) \($0.subject)" } ?? move.lesson
      return
        "\(what) (\(move.lesson)) from \(move.from.day.rawValue) \(move.from.period) to \(move.to.day.rawValue) \(move.to.period)"
    }
    try database.write { tx in
      let changed = try tx.execute(
        """
        UPDATE timetable_versions SET timetable = ?, check_report = ?, hard_violations = ?
        WHERE id = ? AND state = 'draft'
        """,
        [
          .text(String(decoding: try TimetableFile.encode(timetable), as: UTF8.self)),
          .text(try JSONText.encode(check)),
          .init(check.summary.hardViolationCount), .init(old.version.id),
        ])
      guard changed == 1 else {
        throw StoreError.conflict(message: "version \(number) was published meanwhile", currentRevision: nil)
      }
      try tx.execute("DELETE FROM timetable_entries WHERE version_id = ?", [.init(old.version.id)])
      try insertEntries(tx, version: old.version.id, timetable: timetable, lessons: problem.lessons)
      try history.record(
        tx, organisation: scope.organisationID, actor: scope.actor, subject: "version", action: "edit",
        summary: "edited draft \(number): moved " + (described.isEmpty ? "nothing" : described.joined(separator: "; "))
          + (rooms.isEmpty ? "" : "; \(rooms.count) room changes"),
        detail: ["moved": described, "roomChanges": rooms.map { "\($0.lesson): \($0.from) → \($0.to)" }])
    }
    return try content(scope, number: number)
  }
}
