import Foundation
import Planner
import Testing
import Timetabling

@testable import Store

/// Timetable versions (draft → published → superseded, weeks, diffs) and the solve-job queue.
@Suite struct VersionAndJobTests {
  let op = Fixtures.operatorActor

  @Test(arguments: StoreBackend.all)
  func publishingKeepsOnePublishedVersionAndTheOldOnesInHistory(backend: StoreBackend) throws {
    try backend.withStore { store in
      let tree = try Tree(store)
      let school = try store.scope(tree.school.id, actor: op)
      let plan = try store.plans.plan(school)
      let (result, lessons) = Fixtures.solved
      let first = try store.versions.createDraft(school, result: result, plan: plan, lessons: lessons)
      let second = try store.versions.createDraft(
        school, result: Fixtures.altered(result), plan: plan, lessons: lessons)
      #expect(first.number == 1 && second.number == 2)
      #expect(try store.versions.published(school) == nil)

      try store.versions.publish(school, number: 1)
      #expect(throws: StoreError.self) { try store.versions.publish(school, number: 1) }
      let published = try store.versions.publish(school)  // the newest draft: 2
      #expect(published.number == 2)
      #expect(try store.versions.list(school).map(\.state) == [.superseded, .published])
      #expect(try store.versions.content(school, number: 1).timetable == result.timetable)
      let history = try store.history.entries(school, subject: "version").map(\.summary)
      #expect(history.first == "published timetable version 2 (replacing version 1)")
    }
  }

  @Test(arguments: StoreBackend.all)
  func deputiesPublishingAtOnceLeaveOnePublishedVersion(backend: StoreBackend) throws {
    try backend.withStore { store in
      let tree = try Tree(store)
      let school = try store.scope(tree.school.id, actor: op)
      let plan = try store.plans.plan(school)
      let (result, lessons) = Fixtures.solved
      for _ in 0..<4 { _ = try store.versions.createDraft(school, result: result, plan: plan, lessons: lessons) }
      let outcomes = ClaimLog()
      DispatchQueue.concurrentPerform(iterations: 4) { i in
        if (try? store.versions.publish(school, number: i + 1)) != nil { outcomes.count() }
      }
      let states = try store.versions.list(school).map(\.state)
      #expect(states.filter { $0 == .published }.count == 1)
      #expect(states.filter { $0 == .superseded }.count == outcomes.successes - 1)
    }
  }

  @Test(arguments: StoreBackend.all)
  func aWeekIsTheHoldersLessonsAndTheDiffNamesWhatMoved(backend: StoreBackend) throws {
    try backend.withStore { store in
      let tree = try Tree(store)
      let school = try store.scope(tree.school.id, actor: op)
      let plan = try store.plans.plan(school)
      let (result, lessons) = Fixtures.solved
      let altered = Fixtures.altered(result)
      _ = try store.versions.createDraft(school, result: result, plan: plan, lessons: lessons)
      _ = try store.versions.createDraft(school, result: altered, plan: plan, lessons: lessons)
      try store.versions.publish(school, number: 1)

      let byID = Dictionary(uniqueKeysWithValues: lessons.map { ($0.id, $0) })
      for teacher in ["t01", "t05"] {
        let week = try store.versions.week(school, of: .teacher(teacher))
        let expected = result.timetable.placements.filter { byID[$0.lesson]!.teachers.contains(teacher) }
        #expect(week.count == expected.count)
        #expect(Set(week.map(\.lesson)) == Set(expected.map(\.lesson)))
        #expect(
          week.map { Weekday(rawValue: $0.day)!.index * 100 + $0.period }
            == week.map { Weekday(rawValue: $0.day)!.index * 100 + $0.period }.sorted())
      }
      let classWeek = try store.versions.week(school, of: .class("5А"))
      #expect(classWeek.count == result.timetable.placements.filter { byID[$0.lesson]!.classes.contains("5А") }.count)
      #expect(classWeek.allSatisfy { $0.classes.contains("5А") && !$0.subject.isEmpty })

      let diff = try store.versions.diff(school, from: 1, to: 2)
      let expectedMoves = altered.timetable.changes(since: result.timetable).moves
      #expect(diff.moves == expectedMoves)
      #expect(diff.moves.count == 2)
      let movedTeachers = Set(diff.moves.flatMap { byID[$0.lesson]!.teachers })
      #expect(Set(diff.byTeacher.keys) == movedTeachers)
      #expect(diff.added.isEmpty && diff.removed.isEmpty)
    }
  }

  @Test(arguments: StoreBackend.all)
  func aJobIsClaimedOnceAndItsLeaseRunsOut(backend: StoreBackend) throws {
    try backend.withStore { store in
      let tree = try Tree(store)
      let school = try store.scope(tree.school.id, actor: op)
      let job = try store.jobs.enqueue(school, request: SolveRequest(period: "Q1"))
      let second = try store.jobs.enqueue(school)
      #expect(throws: StoreError.self) { try store.jobs.enqueue(school, request: SolveRequest(period: "Q9")) }

      let claimed = try #require(try store.jobs.claim(worker: "a", lease: 0.2))
      #expect(claimed.id == job.id && claimed.attempts == 1 && claimed.request.period == "Q1")
      // One running job per organisation: the second waits.
      #expect(try store.jobs.claim(worker: "b", lease: 60) == nil)
      #expect(throws: StoreError.self) { try store.jobs.heartbeat(job: job.id, worker: "b", lease: 60, progress: nil) }
      let progress = JobProgress(
        phase: "annealing", placedLessons: 200, totalLessons: 230, hardViolations: 3, softCost: 40, seconds: 1)
      #expect(try store.jobs.heartbeat(job: job.id, worker: "a", lease: 0.2, progress: progress) == false)
      #expect(try store.jobs.job(school, id: job.id).progress == progress)

      // Worker a dies: its lease runs out and b takes the job again.
      Thread.sleep(forTimeInterval: 0.4)
      let again = try #require(try store.jobs.claim(worker: "b", lease: 60))
      #expect(again.id == job.id && again.attempts == 2)
      let (result, lessons) = Fixtures.solved
      let plan = try store.plans.plan(school)
      #expect(throws: StoreError.self) {
        try store.jobs.finish(job: job.id, worker: "a", result: result, plan: plan, lessons: lessons)
      }
      let version = try store.jobs.finish(job: job.id, worker: "b", result: result, plan: plan, lessons: lessons)
      let done = try store.jobs.job(school, id: job.id)
      #expect(done.state == .finished && done.versionNumber == version.number)
      #expect(try store.versions.list(school).map(\.number) == [version.number])

      // Cancelling: a queued job at once, a running one at its next heartbeat.
      let next = try #require(try store.jobs.claim(worker: "b", lease: 60))
      #expect(next.id == second.id)
      #expect(try store.jobs.cancel(school, job: second.id).cancelRequested)
      #expect(try store.jobs.heartbeat(job: second.id, worker: "b", lease: 60, progress: nil))
      try store.jobs.end(job: second.id, worker: "b", state: .cancelled, error: nil)
      // A job put back by a stopping worker after a cancel was asked for ends cancelled.
      let fourth = try store.jobs.enqueue(school)
      _ = try #require(try store.jobs.claim(worker: "c", lease: 60, only: fourth.id))
      _ = try store.jobs.cancel(school, job: fourth.id)
      try store.jobs.release(job: fourth.id, worker: "c")
      #expect(try store.jobs.job(school, id: fourth.id).state == .cancelled)
      let third = try store.jobs.enqueue(school)
      #expect(try store.jobs.cancel(school, job: third.id).state == .cancelled)
      #expect(try store.jobs.claim(worker: "b", lease: 60) == nil)
    }
  }

  @Test(arguments: StoreBackend.all)
  func workersClaimingAtOnceTakeEachJobOnce(backend: StoreBackend) throws {
    try backend.withStore { store in
      let tree = try Tree(store)
      // Four schools with two jobs each.
      var schools = [tree.school, tree.otherSchool]
      let district = try store.scope(tree.district.id, actor: op)
      for n in 0..<2 {
        let school = try store.organisations.create(under: district, name: "School \(n)", kind: .school)
        _ = try store.plans.importFile(try store.scope(school.id, actor: op), path: Fixtures.ruralSchool)
        schools.append(school)
      }
      for school in schools {
        for _ in 0..<2 { _ = try store.jobs.enqueue(try store.scope(school.id, actor: op)) }
      }
      let claims = ClaimLog()
      DispatchQueue.concurrentPerform(iterations: 6) { worker in
        for _ in 0..<3 {
          if let job = try? store.jobs.claim(worker: "w\(worker)", lease: 60) { claims.add(job) }
        }
      }
      let jobs = claims.jobs
      #expect(Set(jobs.map(\.id)).count == jobs.count)
      // At most one running job per school, and every school got one.
      #expect(Set(jobs.map(\.organisationID)).count == jobs.count)
      #expect(jobs.count == schools.count)
    }
  }
}

/// Jobs claimed by concurrent workers.
final class ClaimLog: @unchecked Sendable {
  private let lock = NSLock()
  private var claimed: [SolveJob] = []

  private var counted = 0

  func add(_ job: SolveJob) { lock.withLock { claimed.append(job) } }
  func count() { lock.withLock { counted += 1 } }
  var successes: Int { lock.withLock { counted } }
  var jobs: [SolveJob] { lock.withLock { claimed } }
}

@Suite struct DraftEditTests {
  @Test(arguments: StoreBackend.all)
  func theHistorySaysWhoMovedALessonAndPublishedVersionsNeverChange(backend: StoreBackend) throws {
    try backend.withStore { store in
      let tree = try Tree(store)
      let deputy = try tree.user(store, "deputy", .deputy, in: tree.school)
      let school = try store.scope(tree.school.id, actor: deputy)
      let (result, lessons) = Fixtures.solved
      _ = try store.versions.createDraft(school, result: result, plan: try store.plans.plan(school), lessons: lessons)
      let altered = Fixtures.altered(result).timetable
      let edited = try store.versions.editDraft(school, number: 1, timetable: altered, plans: store.plans)
      #expect(edited.timetable == altered)
      let moved = try #require(altered.changes(since: result.timetable).moves.first)
      let lesson = try #require(lessons.first { $0.id == moved.lesson })
      let entry = try #require(try store.history.entries(school, containing: lesson.classes[0]).first)
      #expect(entry.actor == "deputy" && entry.action == "edit")
      #expect(entry.summary.contains("\(lesson.classes.joined(separator: "+")) \(lesson.subject) (\(lesson.id))"))
      // The rows a page reads follow the edit.
      let week = try store.versions.week(school, of: .class(lesson.classes[0]), version: 1)
      #expect(
        week.contains { $0.lesson == moved.lesson && $0.day == moved.to.day.rawValue && $0.period == moved.to.period })

      try store.versions.publish(school)
      #expect(throws: StoreError.self) {
        try store.versions.editDraft(school, number: 1, timetable: result.timetable, plans: store.plans)
      }
      #expect(try store.versions.content(school, number: 1).timetable == altered)
    }
  }
}
