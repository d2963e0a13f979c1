import Foundation
import Planner
import Testing

@testable import Store

/// No call reaches another tenant's rows, and roles allow what the access matrix says.
@Suite struct TenantAndAccessTests {
  let op = Fixtures.operatorActor

  @Test(arguments: StoreBackend.all)
  func anotherTenantsOrganisationIsNotFound(backend: StoreBackend) throws {
    try backend.withStore { store in
      let tree = try Tree(store)
      let deputy = try tree.user(store, "deputy", .deputy, in: tree.school)
      let staff = try tree.user(store, "district", .districtStaff, in: tree.district)
      #expect(throws: StoreError.notFound("organisation \(tree.otherSchool.id)")) {
        try store.scope(tree.otherSchool.id, actor: deputy)
      }
      #expect(throws: StoreError.notFound("organisation \(tree.district.id)")) {
        try store.scope(tree.district.id, actor: deputy)
      }
      #expect(throws: StoreError.notFound("organisation \(tree.otherSchool.id)")) {
        try store.scope(tree.otherSchool.id, actor: staff)
      }
      #expect(throws: StoreError.notFound("organisation \(tree.region.id)")) {
        try store.scope(tree.region.id, actor: staff)
      }
      // The district's staff see their school, read-only.
      let school = try store.scope(tree.school.id, actor: staff)
      #expect(try store.plans.plan(school).revision == 1)
      #expect(throws: StoreError.self) {
        try store.plans.save(school, try store.plans.plan(school).organisation, baseRevision: 1)
      }
      #expect(try store.organisations.visible(to: staff).map(\.id) == [tree.district.id, tree.school.id])
      #expect(try store.organisations.visible(to: deputy).map(\.id) == [tree.school.id])
    }
  }

  @Test(arguments: StoreBackend.all)
  func everyRepositoryCallStaysInItsTenant(backend: StoreBackend) throws {
    try backend.withStore { store in
      let tree = try Tree(store)
      let mine = try store.scope(tree.school.id, actor: op)
      let theirs = try store.scope(tree.otherSchool.id, actor: op)
      let (result, lessons) = Fixtures.solved
      // Their school has a version, a job and people; mine has none of them.
      _ = try store.versions.createDraft(theirs, result: result, plan: try store.plans.plan(theirs), lessons: lessons)
      try store.versions.publish(theirs)
      let job = try store.jobs.enqueue(theirs)
      let parent = try tree.user(store, "parent", .parent, in: tree.otherSchool, classID: "5А")
      let membership = try store.people.memberships(ofUser: parent.userID!)[0]

      #expect(try store.versions.list(mine).isEmpty)
      #expect(try store.versions.published(mine) == nil)
      #expect(throws: StoreError.self) { try store.versions.content(mine, number: 1) }
      #expect(throws: StoreError.self) { try store.versions.week(mine, of: .class("5А")) }
      #expect(throws: StoreError.self) { try store.versions.publish(mine, number: 1) }
      #expect(throws: StoreError.self) { try store.versions.diff(mine, from: 1, to: 1) }
      #expect(throws: StoreError.notFound("solve job \(job.id)")) { try store.jobs.job(mine, id: job.id) }
      #expect(throws: StoreError.notFound("solve job \(job.id)")) { try store.jobs.cancel(mine, job: job.id) }
      #expect(try store.jobs.list(mine).isEmpty)
      #expect(throws: StoreError.notFound("membership \(membership.id)")) {
        try store.people.revoke(mine, membership: membership.id)
      }
      #expect(try store.people.members(mine).isEmpty)
      #expect(try store.history.entries(mine).allSatisfy { $0.organisationID == tree.school.id })
      #expect(try store.organisations.subtree(mine).map(\.id) == [tree.school.id])
      // And their rows are all still there.
      #expect(try store.versions.list(theirs).count == 1)
      #expect(try store.jobs.job(theirs, id: job.id).state == .queued)
      #expect(try store.people.members(theirs).count == 1)
    }
  }

  @Test(arguments: StoreBackend.all)
  func rolesAllowWhatTheMatrixSays(backend: StoreBackend) throws {
    try backend.withStore { store in
      let tree = try Tree(store)
      let (result, lessons) = Fixtures.solved
      let admin = try store.scope(tree.school.id, actor: op)
      _ = try store.versions.createDraft(admin, result: result, plan: try store.plans.plan(admin), lessons: lessons)
      func scope(_ actor: Actor) throws -> TenantScope { try store.scope(tree.school.id, actor: actor) }

      let teacher = try scope(try tree.user(store, "teacher", .teacher, in: tree.school, teacher: "t01"))
      let student = try scope(try tree.user(store, "student", .student, in: tree.school, classID: "5А"))
      let editor = try scope(try tree.user(store, "editor", .editor, in: tree.school, blocks: [.classes]))
      let scheduler = try scope(try tree.user(store, "scheduler", .editor, in: tree.school, blocks: [.schedule]))

      // Drafts are for those who compose; teachers see published versions only.
      #expect(try store.versions.list(teacher).isEmpty)
      #expect(throws: StoreError.notFound("timetable version 1")) { try store.versions.content(teacher, number: 1) }
      #expect(throws: StoreError.self) { try store.versions.publish(teacher) }
      #expect(throws: StoreError.self) { try store.versions.publish(editor) }
      try store.versions.publish(scheduler)
      #expect(try store.versions.list(teacher).map(\.state) == [.published])

      // A teacher sees every class's week; a student only their own class's.
      #expect(!(try store.versions.week(teacher, of: .class("9А"))).isEmpty)
      #expect(!(try store.versions.week(student, of: .class("5А"))).isEmpty)
      #expect(throws: StoreError.forbidden("student may not view this timetable")) {
        try store.versions.week(student, of: .class("6А"))
      }
      #expect(throws: StoreError.self) { try store.versions.week(student, of: .teacher("t01")) }
      #expect(throws: StoreError.self) { try store.plans.plan(student) }
      // An editor with the classes block edits the plan; the teacher does not.
      let plan = try store.plans.plan(editor)
      try store.plans.save(editor, plan.organisation, baseRevision: plan.revision)
      #expect(throws: StoreError.self) {
        try store.plans.save(teacher, plan.organisation, baseRevision: plan.revision + 1)
      }
      #expect(throws: StoreError.self) { try store.people.members(teacher) }
    }
  }

  @Test(arguments: StoreBackend.all)
  func peopleSignInWithTheirPasswordOnly(backend: StoreBackend) throws {
    try backend.withStore { store in
      let tree = try Tree(store)
      let school = try store.scope(tree.school.id, actor: op)
      let actor = try tree.user(store, "Aigerim.B", .teacher, in: tree.school, teacher: "t02")
      #expect(actor.name == "aigerim.b")
      #expect(try store.people.authenticate(login: "AIGERIM.B", password: "correct horse")?.id == actor.userID)
      #expect(try store.people.authenticate(login: "aigerim.b", password: "wrong horse") == nil)
      #expect(try store.people.authenticate(login: "nobody", password: "correct horse") == nil)
      try store.people.changePassword(of: actor, current: "correct horse", new: "battery staple")
      #expect(try store.people.authenticate(login: "aigerim.b", password: "battery staple") != nil)
      #expect(throws: StoreError.forbidden("the current password is not right")) {
        try store.people.changePassword(of: actor, current: "correct horse", new: "another one")
      }
      // Bad memberships are refused, naming the field.
      #expect(throws: StoreError.invalid(field: "password", "expected 8 to 72 bytes, found 3")) {
        try store.people.add(to: school, login: "new.one", password: "abc", grant: MembershipGrant(role: .deputy))
      }
      #expect(throws: StoreError.invalid(field: "teacher", "no teacher t99 in the plan of 2025-2026")) {
        try store.people.add(
          to: school, login: "new.one", password: "long enough", grant: MembershipGrant(role: .teacher, teacher: "t99"))
      }
      #expect(throws: StoreError.invalid(field: "class", "the role parent is linked to a class: name one")) {
        try store.people.add(
          to: school, login: "new.one", password: "long enough", grant: MembershipGrant(role: .parent))
      }
      #expect(throws: StoreError.self) {
        try store.people.add(to: school, login: "x", password: "long enough", grant: MembershipGrant(role: .deputy))
      }
      // The same role twice is refused by the database; nothing else changes.
      #expect(throws: StoreError.self) {
        try store.people.add(
          to: school, login: "aigerim.b", password: nil, grant: MembershipGrant(role: .teacher, teacher: "t02"))
      }
      #expect(try store.people.members(school).count == 1)
      // The stored hash is bcrypt's, never the password.
      let hash = try store.database.read { tx in
        try tx.queryOne("SELECT password_hash FROM users", [])!.string("password_hash")
      }
      #expect(hash.hasPrefix("$2") && !hash.contains("battery"))
      #expect(
        try store.history.entries(school, subject: "membership").first?.summary
          == "aigerim.b became teacher (teacher t02)")
    }
  }

  /// docs/access.md is the access matrix in words: the table there is this data's.
  @Test func theDocumentedMatrixIsTheMatrixThePolicyReads() throws {
    let text = try String(contentsOfFile: Fixtures.path("docs/access.md"), encoding: .utf8)
    #expect(text.contains(AccessMatrixTable.markdown(AccessMatrix.default)))
  }
}
