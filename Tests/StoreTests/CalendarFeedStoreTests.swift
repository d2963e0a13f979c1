import Foundation
import Testing

@testable import Store

/// Calendar feeds in the store: a person's secret link to a teacher's or class's timetable, made
/// on the first ask, reset, found by token without a sign-in, and only for timetables the person
/// may see.
@Suite struct CalendarFeedStoreTests {
  @Test(arguments: StoreBackend.all)
  func aFeedIsMadeOnceResetAndFoundByItsToken(backend: StoreBackend) throws {
    try backend.withStore { store in
      let tree = try Tree(store)
      let teacher = try tree.user(store, "teacher", .teacher, in: tree.school, teacher: "t01")
      let scope = try store.scope(tree.school.id, actor: teacher)
      let feed = try store.calendarFeeds.feed(scope, of: .teacher("t01"))
      #expect(feed.token.count == 43 && CalendarFeeds.isWellFormed(feed.token))
      #expect(feed.path == "/ical/\(feed.token).ics")
      #expect(try store.calendarFeeds.feed(scope, of: .teacher("t01")) == feed)
      // Another holder, another feed.
      let other = try store.calendarFeeds.feed(scope, of: .teacher("t02"))
      #expect(other.token != feed.token)

      // Nothing published yet: the feed is found, with no version.
      let state = try #require(try store.calendarFeeds.state(token: feed.token))
      #expect(state.feed.holder == .teacher("t01") && state.feed.organisationID == tree.school.id)
      #expect(state.scope.actor == teacher && state.version == nil && state.planRevision == 1)

      let op = try store.scope(tree.school.id, actor: Fixtures.operatorActor)
      _ = try store.versions.createDraft(
        op, result: Fixtures.solved.result, plan: try store.plans.plan(op), lessons: Fixtures.solved.lessons)
      let published = try store.versions.publish(op)
      #expect(try store.calendarFeeds.state(token: feed.token)?.version?.id == published.id)

      let reset = try store.calendarFeeds.reset(scope, of: .teacher("t01"))
      #expect(reset.token != feed.token)
      #expect(try store.calendarFeeds.state(token: feed.token) == nil)
      #expect(try store.calendarFeeds.state(token: reset.token)?.feed.holder == .teacher("t01"))
      #expect(try store.calendarFeeds.feed(scope, of: .teacher("t01")).token == reset.token)

      let history = try store.history.entries(op, subject: "calendar-feed")
      #expect(history.map(\.action) == ["reset", "create", "create"])
      #expect(history.allSatisfy { !$0.summary.contains(feed.token) && !$0.detail.contains(feed.token) })
    }
  }

  @Test(arguments: StoreBackend.all)
  func onlyTimetablesThePersonMaySeeHaveFeeds(backend: StoreBackend) throws {
    try backend.withStore { store in
      let tree = try Tree(store)
      let student = try store.scope(
        tree.school.id, actor: try tree.user(store, "student", .student, in: tree.school, classID: "5А"))
      #expect(try store.calendarFeeds.feed(student, of: .class("5А")).organisationID == tree.school.id)
      #expect(throws: StoreError.self) { try store.calendarFeeds.feed(student, of: .class("6А")) }
      #expect(throws: StoreError.self) { try store.calendarFeeds.feed(student, of: .teacher("t01")) }

      // Deputies and district staff may take any teacher's or class's feed of their schools.
      let deputy = try store.scope(tree.school.id, actor: try tree.user(store, "deputy", .deputy, in: tree.school))
      #expect(try store.calendarFeeds.feed(deputy, of: .class("6А")).holder == .class("6А"))
      let staff = try tree.user(store, "staff", .districtStaff, in: tree.district)
      #expect(
        try store.calendarFeeds.feed(try store.scope(tree.school.id, actor: staff), of: .teacher("t03")).userID
          == staff.userID)
      #expect(throws: StoreError.notFound("organisation \(tree.otherSchool.id)")) {
        try store.calendarFeeds.feed(try store.scope(tree.otherSchool.id, actor: staff), of: .teacher("t01"))
      }

      // Unknown teachers, rooms and the operator are refused.
      #expect(throws: StoreError.notFound("teacher t999")) {
        try store.calendarFeeds.feed(deputy, of: .teacher("t999"))
      }
      #expect(throws: StoreError.self) { try store.calendarFeeds.feed(deputy, of: .room("gym1")) }
      let op = try store.scope(tree.school.id, actor: Fixtures.operatorActor)
      #expect(throws: StoreError.self) { try store.calendarFeeds.feed(op, of: .teacher("t01")) }
    }
  }

  @Test(arguments: StoreBackend.all)
  func aTokenLeadsNowhereWhenMalformedUnknownOrItsOwnerLostTheRight(backend: StoreBackend) throws {
    try backend.withStore { store in
      let tree = try Tree(store)
      let parent = try tree.user(store, "parent", .parent, in: tree.school, classID: "5А")
      let feed = try store.calendarFeeds.feed(try store.scope(tree.school.id, actor: parent), of: .class("5А"))
      #expect(try store.calendarFeeds.state(token: feed.token) != nil)
      for token in [
        "", "short", String(repeating: "A", count: 43), feed.token + "A",
        "'; DROP TABLE x; --" + String(repeating: "a", count: 24),
      ] {
        #expect(try store.calendarFeeds.state(token: token) == nil, "\(token)")
      }
      let op = try store.scope(tree.school.id, actor: Fixtures.operatorActor)
      let membership = try #require(try store.people.members(op).first { $0.user.id == parent.userID }?.membership)
      try store.people.revoke(op, membership: membership.id)
      #expect(try store.calendarFeeds.state(token: feed.token) == nil)
    }
  }

  @Test func tokensAreComparedWhole() {
    #expect(CalendarFeeds.same("abc", "abc"))
    #expect(!CalendarFeeds.same("abc", "abd") && !CalendarFeeds.same("abc", "ab") && !CalendarFeeds.same("", "a"))
    #expect(!CalendarFeeds.isWellFormed(String(repeating: "Ж", count: 43)))
    #expect(Set((0..<100).map { _ in CalendarFeeds.newToken() }).count == 100)
  }
}
