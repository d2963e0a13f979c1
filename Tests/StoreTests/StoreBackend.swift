import Foundation
import Interchange
import Planner
import TestSupport
import Testing
import Timetabling

@testable import Store

/// A backend the contract suite runs on: SQLite always, PostgreSQL when `SABAQ_TEST_POSTGRES`
/// names a server (`.ci/run` starts one with `scripts/postgres`). Each test gets a new, empty
/// database: a temporary SQLite file, or a new PostgreSQL database dropped afterwards.
struct StoreBackend: CustomTestStringConvertible, Sendable {
  let backend: TestDatabase.Backend

  var testDescription: String { backend.rawValue }

  static var all: [StoreBackend] { TestDatabase.backends.map(StoreBackend.init) }

  /// A fresh store; `body` runs with it, and the database is removed afterwards.
  func withStore<T>(_ body: (Store) throws -> T) throws -> T {
    let url = try TestDatabase.make(backend)
    defer { TestDatabase.drop(url) }
    let store = try Store(url: url, bcryptCost: 4)
    defer { store.close() }
    return try body(store)
  }
}

/// Files and values the tests share.
enum Fixtures {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

  static let ruralSchool = path("instances/kz-rural-school-9.json")
  static let gymnasium = path("instances/ru-gymnasium-31.json")
  static let fetExample = "/usr/share/doc/fet-data/examples/FET-5-official/Denmark/small-school.fet"

  static let operatorActor = Actor.operator("tests")

  /// One short solve of the rural school, shared by the tests that need a result to store.
  static let solved: (result: TimetablingResult, lessons: [Lesson]) = {
    let source = try! InstanceSource.read(ruralSchool)
    let input = TimetablingInput(organisation: source.organisation)
    let problem = try! Timetabling.demand(for: input)
    var options = TimetablingOptions()
    options.timeLimit = 5
    options.firstFeasible = true
    options.useMIP = false
    let result = try! Timetabling.build(input, demand: problem, options: options)
    return (result, problem.lessons)
  }()

  /// The shared result with two lessons swapped in time: a second version that differs.
  static func altered(_ result: TimetablingResult) -> TimetablingResult {
    var copy = result
    var placements = copy.timetable.placements
    let a = placements[0]
    if let j = placements.indices.first(where: { placements[$0].day != a.day }) {
      placements[0].day = placements[j].day
      placements[0].period = placements[j].period
      placements[j].day = a.day
      placements[j].period = a.period
    }
    copy.timetable.placements = placements
    return copy
  }
}

/// A small tree: a region with two districts, each with a school; the first school has the rural
/// school's plan.
struct Tree {
  let region: OrganisationNode
  let district: OrganisationNode
  let otherDistrict: OrganisationNode
  let school: OrganisationNode
  let otherSchool: OrganisationNode

  init(_ store: Store, plans: Bool = true) throws {
    let op = Fixtures.operatorActor
    region = try store.organisations.createRoot(name: "Алматы облысы", kind: .region, country: "KZ", actor: op)
    let regionScope = try store.scope(region.id, actor: op)
    district = try store.organisations.create(under: regionScope, name: "Қарасай ауданы", kind: .district)
    otherDistrict = try store.organisations.create(under: regionScope, name: "Талғар ауданы", kind: .district)
    school = try store.organisations.create(
      under: try store.scope(district.id, actor: op), name: "Қараой", kind: .school)
    otherSchool = try store.organisations.create(
      under: try store.scope(otherDistrict.id, actor: op), name: "Гимназия № 17", kind: .gymnasium)
    if plans {
      _ = try store.plans.importFile(try store.scope(school.id, actor: op), path: Fixtures.ruralSchool)
      _ = try store.plans.importFile(try store.scope(otherSchool.id, actor: op), path: Fixtures.ruralSchool)
    }
  }

  /// A user with one role in an organisation, signed in.
  func user(
    _ store: Store, _ login: String, _ role: Role, in organisation: OrganisationNode, teacher: String? = nil,
    classID: String? = nil, blocks: [EditorBlock] = []
  ) throws -> Actor {
    let scope = try store.scope(organisation.id, actor: Fixtures.operatorActor)
    let (user, _) = try store.people.add(
      to: scope, login: login, password: "correct horse",
      grant: MembershipGrant(role: role, teacher: teacher, classID: classID, blocks: blocks))
    return .user(id: user.id, login: user.login)
  }
}
