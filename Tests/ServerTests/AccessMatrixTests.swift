import Foundation
import HTTPTypes
import HummingbirdTesting
import Interchange
import Planner
import Store
import TestSupport
import Testing
import Timetabling

/// Every role × every endpoint × the organisation where the role is held, a sibling, one under it
/// and the one above it, against the running server; the expected answer of each cell comes
/// from the table of docs/access.md (parsed here, not from the code that enforces it).
@Suite struct AccessMatrixTests {
  /// What an endpoint needs: one of these actions (or only to reach the organisation).
  enum Need {
    case reach
    case any([String])
  }

  struct Endpoint {
    var method: HTTPRequest.Method
    var path: String
    var need: Need
    var body: String?
    var label: String { "\(method) \(path)" }
  }

  /// Who holds which role where (editors with and without their blocks).
  struct Holder {
    var login: String
    var role: Role
    var at: String
    var blocks: [EditorBlock] = []
    var classID: String?
    var teacher: String?
  }

  enum Outcome: String {
    case allowed, forbidden, hidden
  }

  @Test func everyRoleOnEveryEndpointAnswersAsTheTableSays() async throws {
    let table = try Self.documentedMatrix()
    let fixture = try Tree()
    let endpoints = Self.endpoints(document: fixture.document)
    let holders = Self.holders
    let relations = fixture.relations
    try await fixture.serve { client in
      var cells = 0
      var wrong: [String] = []
      for holder in holders {
        let token = try await client.signIn(holder.login)
        for (relation, target) in relations[holder.at] ?? [] {
          for endpoint in endpoints {
            let path = endpoint.path.replacingOccurrences(of: "{org}", with: String(target))
            let response = try await client.call(endpoint.method, path, token: token, json: endpoint.body)
            let got = Self.outcome(response, organisation: target)
            let expected = Self.expected(endpoint, holder: holder, relation: relation, table: table)
            cells += 1
            if got != expected {
              wrong.append(
                "\(holder.login) (\(holder.role.rawValue) at \(holder.at)) on \(relation) \(endpoint.label): expected \(expected.rawValue), got \(response.status.code) \(response.text.prefix(160))"
              )
            }
          }
        }
      }
      let report = "\(wrong.count) of \(cells) cells wrong:\n" + wrong.prefix(40).joined(separator: "\n")
      #expect(wrong.isEmpty, "\(report)")
      #expect(cells > 1500)
      print("access matrix: \(cells) cells checked, \(wrong.count) wrong")
    }
  }

  /// 401 for no sign-in on every organisation endpoint.
  @Test func withoutASignInEveryOrganisationEndpointIs401() async throws {
    let fixture = try Tree()
    let endpoints = Self.endpoints(document: fixture.document)
    let school = fixture.ids["school"]!
    try await fixture.serve { client in
      for endpoint in endpoints {
        let path = endpoint.path.replacingOccurrences(of: "{org}", with: String(school))
        let response = try await client.call(endpoint.method, path, json: endpoint.body)
        #expect(response.status == .unauthorized, "\(endpoint.label): \(response.status)")
      }
    }
  }

  // MARK: - The table

  /// docs/access.md's table: action → role → cell.
  static func documentedMatrix() throws -> [String: [String: String]] {
    let text = try String(contentsOf: ServerFixture.root.appendingPathComponent("docs/access.md"), encoding: .utf8)
    let rows = text.split(separator: "\n").filter { $0.hasPrefix("| ") }
    let cells = rows.map { $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
    let header = cells[0]
    var table: [String: [String: String]] = [:]
    for row in cells.dropFirst() where row.count == header.count && row[0] != "---" {
      for (index, role) in header.enumerated().dropFirst() { table[row[0], default: [:]][role] = row[index] }
    }
    return table
  }

  static func expected(_ endpoint: Endpoint, holder: Holder, relation: String, table: [String: [String: String]])
    -> Outcome
  {
    guard relation == "own" || relation == "child" else { return .hidden }
    guard case .any(let actions) = endpoint.need else { return .allowed }
    let allowed = actions.contains { action in
      let cell = table[action]?[holder.role.rawValue] ?? "—"
      if cell == "—" { return false }
      if let open = cell.firstIndex(of: "("),
        let block = EditorBlock(rawValue: String(cell[cell.index(after: open)...].dropLast()))
      {
        guard holder.blocks.contains(block) else { return false }
      }
      if cell.hasPrefix("subtree") { return true }
      if cell.hasPrefix("own class") {
        let own = holder.classID ?? "-"
        return relation == "own"
          && (endpoint.path.hasSuffix("/classes/\(own)") || endpoint.path.contains("/calendar-feeds/class/\(own)"))
      }
      return relation == "own"
    }
    return allowed ? .allowed : .forbidden
  }

  static func outcome(_ response: TestResponse, organisation: Int) -> Outcome {
    switch response.status {
    case .forbidden: return .forbidden
    case .notFound where response.error["message"] as? String == "not found: organisation \(organisation)":
      return .hidden
    default: return .allowed
    }
  }

  // MARK: - Who and what

  static let holders: [Holder] = [
    Holder(login: "s-admin", role: .admin, at: "school"),
    Holder(login: "s-director", role: .director, at: "school"),
    Holder(login: "s-deputy", role: .deputy, at: "school"),
    Holder(login: "s-editor", role: .editor, at: "school", blocks: EditorBlock.allCases),
    Holder(login: "s-editor-none", role: .editor, at: "school"),
    Holder(login: "s-teacher", role: .teacher, at: "school", teacher: "t01"),
    Holder(login: "s-class-teacher", role: .classTeacher, at: "school", classID: "5А"),
    Holder(login: "s-student", role: .student, at: "school", classID: "5А"),
    Holder(login: "s-parent", role: .parent, at: "school", classID: "5А"),
    Holder(login: "d-admin", role: .admin, at: "district"),
    Holder(login: "d-staff", role: .districtStaff, at: "district"),
    Holder(login: "r-staff", role: .regionStaff, at: "region"),
    Holder(login: "m-staff", role: .ministryStaff, at: "ministry"),
  ]

  static func endpoints(document: String) -> [Endpoint] {
    let o = "/api/v1/organisations/{org}"
    let view = Need.any(["view-plan"])
    let edit = Need.any(["edit-plan"])
    let timetables = Need.any(["view-timetables"])
    return [
      Endpoint(method: .get, path: o, need: .reach),
      Endpoint(method: .patch, path: o, need: .any(["manage-organisations"]), body: #"{"timeZone": "Asia/Almaty"}"#),
      Endpoint(method: .get, path: o + "/subtree", need: .reach),
      Endpoint(
        method: .post, path: o + "/children", need: .any(["manage-organisations"]),
        body: #"{"name": "New", "kind": "school"}"#),
      Endpoint(method: .get, path: o + "/people", need: .any(["manage-people"])),
      Endpoint(
        method: .post, path: o + "/people", need: .any(["manage-people"]),
        body: #"{"login": "new.person", "password": "long enough", "role": "deputy"}"#),
      Endpoint(method: .delete, path: o + "/people/999999", need: .any(["manage-people"])),
      Endpoint(method: .get, path: o + "/history", need: .any(["view-history"])),
      Endpoint(method: .get, path: o + "/plan", need: view),
      Endpoint(method: .get, path: o + "/plan/document", need: view),
      Endpoint(method: .put, path: o + "/plan/document?revision=1", need: edit, body: document),
      Endpoint(method: .post, path: o + "/plan/next-year", need: edit, body: #"{"revision": 1}"#),
      Endpoint(method: .get, path: o + "/subjects", need: view),
      Endpoint(method: .get, path: o + "/rooms", need: view),
      Endpoint(method: .get, path: o + "/teachers", need: view),
      Endpoint(method: .get, path: o + "/classes", need: view),
      Endpoint(method: .get, path: o + "/assignments", need: view),
      Endpoint(method: .get, path: o + "/calendar", need: view),
      Endpoint(method: .get, path: o + "/classes/5А/curriculum", need: view),
      Endpoint(method: .put, path: o + "/classes/5А/curriculum", need: edit, body: #"{"revision": 1, "entries": []}"#),
      Endpoint(method: .get, path: o + "/classes/5А/distribution", need: view),
      Endpoint(
        method: .post, path: o + "/curricula/copy", need: edit,
        body: #"{"revision": 1, "from": "5А", "to": ["6А"], "subjects": ["music"]}"#),
      Endpoint(
        method: .post, path: o + "/curricula/from-template", need: edit, body: #"{"revision": 1, "class": "1А"}"#),
      Endpoint(method: .get, path: o + "/bells", need: view),
      Endpoint(method: .get, path: o + "/load", need: .any(["view-reports"])),
      Endpoint(method: .get, path: o + "/load/rollup", need: .any(["view-reports"])),
      Endpoint(method: .get, path: o + "/demand", need: view),
      Endpoint(method: .get, path: o + "/timetable/versions", need: .any(["view-timetables", "view-drafts"])),
      Endpoint(method: .get, path: o + "/timetable/versions/1", need: .any(["view-timetables", "view-drafts"])),
      Endpoint(method: .get, path: o + "/timetable/versions/1/check", need: .any(["view-timetables", "view-drafts"])),
      Endpoint(method: .post, path: o + "/timetable/versions/2/publish", need: .any(["publish-timetable"])),
      Endpoint(method: .get, path: o + "/timetable/diff?from=1&to=1", need: .any(["view-timetables", "view-drafts"])),
      Endpoint(method: .get, path: o + "/timetable/teachers/t01", need: timetables),
      Endpoint(
        method: .get, path: o + "/timetable/classes/5А", need: .any(["view-timetables", "view-own-class-timetable"])),
      Endpoint(
        method: .get, path: o + "/timetable/classes/6А", need: .any(["view-timetables", "view-own-class-timetable"])),
      Endpoint(method: .get, path: o + "/timetable/rooms/gym1", need: timetables),
      Endpoint(method: .post, path: o + "/solve-jobs", need: .any(["compose-timetable"]), body: #"{"timeLimit": 1}"#),
      Endpoint(method: .get, path: o + "/solve-jobs", need: .any(["view-drafts"])),
      Endpoint(method: .get, path: o + "/solve-jobs/999999", need: .any(["view-drafts"])),
      Endpoint(method: .delete, path: o + "/solve-jobs/999999", need: .any(["compose-timetable"])),
      // A calendar feed of a timetable the person may see.
      Endpoint(method: .get, path: o + "/calendar-feeds/teacher/t01", need: timetables),
      Endpoint(method: .post, path: o + "/calendar-feeds/teacher/t01/reset", need: timetables),
      Endpoint(
        method: .get, path: o + "/calendar-feeds/class/5А", need: .any(["view-timetables", "view-own-class-timetable"])),
      Endpoint(
        method: .post, path: o + "/calendar-feeds/class/5А/reset",
        need: .any(["view-timetables", "view-own-class-timetable"])),
      Endpoint(
        method: .get, path: o + "/calendar-feeds/class/6А", need: .any(["view-timetables", "view-own-class-timetable"])),
    ]
  }

  /// The tree: a ministry with two regions; the first has two districts, the first of which has
  /// two schools, the second one; every school has the rural school's plan, a published version
  /// 1 and a draft 2.
  struct Tree {
    let fixture: ServerFixture
    var ids: [String: Int] = [:]
    let document: String

    init() throws {
      fixture = try ServerFixture(.sqlite)
      let store = fixture.store
      let op = ServerFixture.op
      let ministry = try store.organisations.createRoot(name: "Ministry", kind: .ministry, actor: op)
      let region = try store.organisations.create(
        under: try store.scope(ministry.id, actor: op), name: "R", kind: .region)
      let region2 = try store.organisations.create(
        under: try store.scope(ministry.id, actor: op), name: "R2", kind: .region)
      let district = try store.organisations.create(
        under: try store.scope(region.id, actor: op), name: "D", kind: .district)
      let district2 = try store.organisations.create(
        under: try store.scope(region.id, actor: op), name: "D2", kind: .district)
      let school = try store.organisations.create(
        under: try store.scope(district.id, actor: op), name: "S", kind: .school)
      let school2 = try store.organisations.create(
        under: try store.scope(district.id, actor: op), name: "S2", kind: .school)
      ids = [
        "ministry": ministry.id, "region": region.id, "region2": region2.id, "district": district.id,
        "district2": district2.id, "school": school.id, "school2": school2.id,
      ]
      for node in [school, school2] {
        let scope = try store.scope(node.id, actor: op)
        let plan = try store.plans.importFile(scope, path: ServerFixture.rural).plan
        let problem = try Timetabling.demand(for: TimetablingInput(organisation: plan.organisation))
        let result = Timetabling.judge(
          Timetable(organisation: plan.organisation.id, period: problem.period, placements: []), demand: problem)
        _ = try store.versions.createDraft(scope, result: result, plan: plan, lessons: problem.lessons)
        try store.versions.publish(scope)
        _ = try store.versions.createDraft(scope, result: result, plan: plan, lessons: problem.lessons)
      }
      document = String(decoding: try Data(contentsOf: URL(fileURLWithPath: ServerFixture.rural)), as: UTF8.self)
      for holder in AccessMatrixTests.holders {
        let node = try store.scope(ids[holder.at]!, actor: op).organisation
        try fixture.person(
          holder.login, holder.role, in: node, teacher: holder.teacher, classID: holder.classID, blocks: holder.blocks)
      }
    }

    /// For each place a role is held: the organisations to try and how they relate to it.
    var relations: [String: [(String, Int)]] {
      [
        "school": [("own", ids["school"]!), ("sibling", ids["school2"]!), ("parent", ids["district"]!)],
        "district": [
          ("own", ids["district"]!), ("sibling", ids["district2"]!), ("child", ids["school"]!),
          ("parent", ids["region"]!),
        ],
        "region": [
          ("own", ids["region"]!), ("sibling", ids["region2"]!), ("child", ids["school"]!),
          ("parent", ids["ministry"]!),
        ],
        "ministry": [("own", ids["ministry"]!), ("child", ids["school"]!)],
      ]
    }

    func serve(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
      try await fixture.serve(body)
    }
  }
}
