import Foundation
import HTTPTypes
import HummingbirdTesting
import Interchange
import Planner
import Reports
import Store
import TestSupport
import Testing
import Timetabling

@testable import Server

/// Calendar feeds end to end: the server on loopback, a published timetable of the rural school
/// (third quarter: a school-wide holiday, a first-grade holiday, odd and even weeks), the feed
/// fetched by its secret link and read by a real iCalendar parser (`scripts/ical-check`, Python's
/// icalendar), compared with the timetable and the calendar.
@Suite struct CalendarFeedTests {
  /// One short solve of the rural school's third quarter, shared by the tests.
  static let solved: (result: TimetablingResult, lessons: [Lesson]) = {
    let organisation = try! InstanceFile.read(ServerFixture.rural)
    let input = TimetablingInput(organisation: organisation, period: "Q3")
    let problem = try! Timetabling.demand(for: input)
    var options = TimetablingOptions()
    options.timeLimit = 5
    options.firstFeasible = true
    options.useMIP = false
    return (try! Timetabling.build(input, demand: problem, options: options), problem.lessons)
  }()

  /// The solve with every lesson of one teacher moved a day later where that day is free in the
  /// grid (a second version that differs for that teacher).
  static func altered(_ result: TimetablingResult, teacher: String, lessons: [Lesson]) -> TimetablingResult {
    var copy = result
    let theirs = Set(lessons.filter { $0.teachers.contains(teacher) }.map(\.id))
    let days: [Weekday] = [.mon, .tue, .wed, .thu, .fri]
    for index in copy.timetable.placements.indices where theirs.contains(copy.timetable.placements[index].lesson) {
      let day = copy.timetable.placements[index].day
      copy.timetable.placements[index].day = days[((days.firstIndex(of: day) ?? 0) + 1) % days.count]
    }
    return copy
  }

  /// The teacher with the most lessons among those with an odd- or even-week lesson.
  static func teacherWithAlternatingWeeks(_ lessons: [Lesson]) throws -> String {
    let alternating = Set(lessons.filter { $0.weeks != .every }.flatMap(\.teachers))
    var counts: [String: Int] = [:]
    for lesson in lessons {
      for teacher in lesson.teachers where alternating.contains(teacher) { counts[teacher, default: 0] += 1 }
    }
    return try #require(counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key)
  }

  @Test(arguments: TestDatabase.backends)
  func aTeachersFeedHoldsEveryLessonOnItsDateAtItsBells(backend: TestDatabase.Backend) async throws {
    let fixture = try ServerFixture(backend)
    let (result, lessons) = Self.solved
    let teacher = try Self.teacherWithAlternatingWeeks(lessons)
    try fixture.person("teacher", .teacher, in: fixture.school, teacher: teacher)
    let scope = try fixture.store.scope(fixture.school.id, actor: ServerFixture.op)
    let plan = try fixture.store.plans.plan(scope)
    _ = try fixture.store.versions.createDraft(scope, result: result, plan: plan, lessons: lessons)
    let version = try fixture.store.versions.publish(scope)
    let week = try fixture.store.versions.week(scope, of: .teacher(teacher))
    let calendar = LessonCalendar(organisation: plan.organisation)
    let expected = calendar.occurrences(of: week, in: calendar.range(period: version.period))
    let school = fixture.school.id
    let store = fixture.store

    try await fixture.serve { client in
      let token = try await client.signIn("teacher")
      let link = try await client.call(
        .get, "/api/v1/organisations/\(school)/calendar-feeds/teacher/\(teacher)", token: token)
      #expect(link.status == .ok)
      let url = try #require(link.object["url"] as? String)
      #expect(url.hasPrefix("/ical/") && url.hasSuffix(".ics") && url.count == "/ical/".count + 43 + 4)
      // The same link on the next ask.
      let again = try await client.call(
        .get, "/api/v1/organisations/\(school)/calendar-feeds/teacher/\(teacher)", token: token)
      #expect(again.object["url"] as? String == url)

      let first = try await client.call(.get, url)
      #expect(first.status == .ok)
      #expect(first.headers[.contentType] == "text/calendar; charset=utf-8")
      let etag = try #require(first.headers[.eTag])
      let feed = try Self.parsed(first.text)
      #expect(feed.version == "2.0" && feed.method == "PUBLISH")
      #expect(feed.timezone == "Asia/Almaty" && feed.timezones == ["Asia/Almaty"])
      #expect(feed.longestLine <= 75 && feed.bareLineFeeds == 0)

      // Every lesson of the quarter, once, at its date and bells, at UTC+5 in Almaty.
      #expect(!expected.isEmpty)
      #expect(feed.count == expected.count)
      let byUID = Dictionary(feed.events.map { ($0.uid, $0) }, uniquingKeysWith: { a, _ in a })
      #expect(byUID.count == feed.count, "UIDs are unique")
      let bells = try #require(plan.organisation.bellSchedules?.first?.lessons)
      for occurrence in expected {
        let event = try #require(byUID["\(occurrence.lesson.lesson)/\(occurrence.date)@org-\(school).sabaq"])
        let bell = try #require(bells.first { $0.number == occurrence.lesson.period })
        let last = try #require(bells.first { $0.number == occurrence.lesson.period + occurrence.lesson.duration - 1 })
        #expect(event.start == "\(occurrence.date)T\(bell.start):00+05:00")
        #expect(event.end == "\(occurrence.date)T\(last.end):00+05:00")
        #expect(event.utcOffset == 5 * 3600)
        #expect(event.summary.hasPrefix(occurrence.subjectName))
      }
      // No event on a holiday (school-wide, or of the grades of the lesson's classes).
      let grades = Dictionary(plan.organisation.classes.map { ($0.id, $0.grade) }, uniquingKeysWith: { a, _ in a })
      let holidays = plan.organisation.holidays ?? []
      for occurrence in expected {
        let covering = holidays.filter { $0.range.contains(occurrence.date) }
        #expect(
          !covering.contains { holiday in
            holiday.grades == nil || occurrence.lesson.classes.contains { holiday.applies(toGrade: grades[$0] ?? 0) }
          }, "a lesson on \(occurrence.date), a holiday")
      }
      // 9 March 2026, a Monday, is a holiday for the whole school; other Mondays have lessons.
      #expect(
        expected.contains { $0.date.weekday == .mon } && !expected.contains { $0.date == SchoolDate("2026-03-09") })
      // Odd-week lessons only in odd study weeks, even-week lessons only in even ones.
      let alternating = expected.filter { $0.lesson.weeks != "every" }
      #expect(!alternating.isEmpty)
      for occurrence in alternating {
        let odd = try #require(calendar.week(of: [], containing: occurrence.date).isOdd)
        #expect(odd == (occurrence.lesson.weeks == "odd"), "\(occurrence.lesson.lesson) on \(occurrence.date)")
      }

      // Asked again: the same bytes; with its ETag: 304.
      let second = try await client.call(.get, url)
      #expect(second.text == first.text && second.headers[.eTag] == etag)
      #expect(Set(try Self.parsed(second.text).events.map(\.uid)) == Set(byUID.keys))
      let unchanged = try await client.call(.get, url, headers: [.ifNoneMatch: etag])
      #expect(unchanged.status == .notModified)

      // A new version published: a new ETag, the moved lessons at their new dates, a higher SEQUENCE.
      let moved = Self.altered(result, teacher: teacher, lessons: lessons)
      _ = try store.versions.createDraft(scope, result: moved, plan: plan, lessons: lessons)
      try store.versions.publish(scope)
      let third = try await client.call(.get, url, headers: [.ifNoneMatch: etag])
      #expect(third.status == .ok && third.headers[.eTag] != etag)
      let newFeed = try Self.parsed(third.text)
      #expect(Set(newFeed.events.map(\.start)) != Set(feed.events.map(\.start)))
      #expect(newFeed.events.allSatisfy { $0.sequence > (feed.events.first?.sequence ?? 0) })

      // Reset: a new link; the old one is not found.
      let reset = try await client.call(
        .post, "/api/v1/organisations/\(school)/calendar-feeds/teacher/\(teacher)/reset", token: token)
      let newURL = try #require(reset.object["url"] as? String)
      #expect(newURL != url)
      let old = try await client.call(.get, url)
      #expect(old.status == .notFound && old.text == "not found\n")
      #expect(try await client.call(.get, newURL).status == .ok)
      let history = try store.history.entries(scope, subject: "calendar-feed").map(\.action)
      #expect(history == ["reset", "create"])
    }
  }

  @Test func aClassFeedIsTheStudentsOwnAndEndsWithTheirMembership() async throws {
    let fixture = try ServerFixture(.sqlite)
    let (result, lessons) = Self.solved
    let student = try fixture.person("student", .student, in: fixture.school, classID: "1А")
    let scope = try fixture.store.scope(fixture.school.id, actor: ServerFixture.op)
    let plan = try fixture.store.plans.plan(scope)
    _ = try fixture.store.versions.createDraft(scope, result: result, plan: plan, lessons: lessons)
    let version = try fixture.store.versions.publish(scope)
    let week = try fixture.store.versions.week(scope, of: .class("1А"))
    let calendar = LessonCalendar(organisation: plan.organisation)
    let expected = calendar.occurrences(of: week, in: calendar.range(period: version.period))
    let school = fixture.school.id
    let store = fixture.store

    try await fixture.serve { client in
      let token = try await client.signIn("student")
      let feeds = "/api/v1/organisations/\(school)/calendar-feeds"
      #expect(try await client.call(.get, "\(feeds)/class/2А", token: token).status == .forbidden)
      #expect(try await client.call(.get, "\(feeds)/teacher/t01", token: token).status == .forbidden)
      #expect(try await client.call(.get, "\(feeds)/room/gym1", token: token).status == .badRequest)
      #expect(try await client.call(.get, "\(feeds)/class/1А").status == .unauthorized)
      let link = try await client.call(.get, "\(feeds)/class/1А", token: token)
      let url = try #require(link.object["url"] as? String)
      let feed = try Self.parsed(try await client.call(.get, url).text)
      #expect(feed.count == expected.count)
      // The first grade's February holiday: no 1А lesson from 9 to 15 February.
      let holiday = (9...15).map { "2026-02-\($0 < 10 ? "0" : "")\($0)" }
      #expect(!feed.events.contains { event in holiday.contains { event.start.hasPrefix($0) } })
      #expect(feed.events.contains { $0.start.hasPrefix("2026-02-16") })
      #expect(feed.calendarName == "1А — School")
      // Unknown and malformed tokens: not found, no detail.
      #expect(try await client.call(.get, "/ical/\(String(repeating: "A", count: 43)).ics").status == .notFound)
      #expect(try await client.call(.get, "/ical/x.ics").status == .notFound)
      // Without the membership, the link leads nowhere.
      let membership = try #require(try store.people.members(scope).first { $0.user.id == student.id }?.membership)
      try store.people.revoke(scope, membership: membership.id)
      #expect(try await client.call(.get, url).status == .notFound)
    }
  }

  @Test func theFeedCacheKeepsAtMostItsCountAndBytesDroppingTheOldestFirst() {
    let cache = CalendarFeedService.Cache<Int>(capacity: 3, budget: 100)
    for (index, key) in ["a", "b", "c", "d"].enumerated() { cache.keep(key, index, cost: 10) }
    #expect(cache.value("a") == nil && cache.value("b") == 1 && cache.value("d") == 3 && cache.count == 3)
    cache.keep("big", 4, cost: 85)  // over the budget: the oldest go until it fits
    #expect(cache.value("b") == nil && cache.value("c") == nil && cache.value("d") == 3 && cache.value("big") == 4)
    #expect(cache.cost == 95)
    cache.keep("huge", 5, cost: 500)  // bigger than the budget: kept by nobody
    #expect(cache.count == 0 && cache.cost == 0)
  }

  // MARK: - The parser

  struct ParsedEvent: Decodable {
    var uid: String
    var start: String
    var end: String
    var utcOffset: Int?
    var tzid: String
    var summary: String
    var location: String
    var description: String
    var sequence: Int
  }

  struct ParsedFeed: Decodable {
    var count: Int
    var calendarName: String
    var timezone: String
    var timezones: [String]
    var method: String
    var version: String
    var longestLine: Int
    var bareLineFeeds: Int
    var events: [ParsedEvent]
  }

  /// The feed as Python's icalendar reads it.
  static func parsed(_ text: String) throws -> ParsedFeed {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("sabaq-feed-\(UUID().uuidString).ics")
    try Data(text.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let script = ServerFixture.root.appendingPathComponent("scripts/ical-check").path
    // The python3 on the PATH: the one scripts/setup installed icalendar for.
    let run = try ChildProcess.run("/usr/bin/env", ["python3", script, file.path], timeout: 60)
    try #require(run.status == 0, "ical-check: \(String(decoding: run.errors, as: UTF8.self))")
    return try JSONDecoder().decode(ParsedFeed.self, from: run.output)
  }
}
