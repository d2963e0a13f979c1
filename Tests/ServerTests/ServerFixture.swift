import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Server
import Store
import TestSupport
import Testing

/// A store with a small tree (a region, two districts, a school in each with the rural school's
/// plan) and people in roles, served by the real server on loopback.
struct ServerFixture: Sendable {
  let store: Store
  let databaseURL: String
  let region: OrganisationNode
  let district: OrganisationNode
  let school: OrganisationNode
  let otherDistrict: OrganisationNode
  let otherSchool: OrganisationNode
  static let password = "correct horse"
  static let op = Actor.operator("tests")

  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  static let rural = root.appendingPathComponent("instances/kz-rural-school-9.json").path

  init(_ backend: TestDatabase.Backend) throws {
    databaseURL = try TestDatabase.make(backend)
    store = try Store(url: databaseURL, bcryptCost: 4)
    let op = Self.op
    region = try store.organisations.createRoot(name: "Region", kind: .region, country: "KZ", actor: op)
    district = try store.organisations.create(
      under: try store.scope(region.id, actor: op), name: "District", kind: .district)
    otherDistrict = try store.organisations.create(
      under: try store.scope(region.id, actor: op), name: "Other district", kind: .district)
    school = try store.organisations.create(
      under: try store.scope(district.id, actor: op), name: "School", kind: .school)
    otherSchool = try store.organisations.create(
      under: try store.scope(otherDistrict.id, actor: op), name: "Other school", kind: .school)
    for node in [school, otherSchool] {
      _ = try store.plans.importFile(try store.scope(node.id, actor: op), path: Self.rural)
    }
  }

  /// A person with one role in an organisation.
  @discardableResult
  func person(
    _ login: String, _ role: Role, in node: OrganisationNode, teacher: String? = nil, classID: String? = nil,
    blocks: [EditorBlock] = []
  ) throws -> User {
    try store.people.add(
      to: try store.scope(node.id, actor: Self.op), login: login, password: Self.password,
      grant: MembershipGrant(role: role, teacher: teacher, classID: classID, blocks: blocks)
    ).user
  }

  /// Runs `body` against the server on a loopback port; the database is removed afterwards.
  func serve(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
    defer {
      store.close()
      TestDatabase.drop(databaseURL)
    }
    let app = SabaqServer.application(
      store: store, configuration: ServerConfiguration(host: "127.0.0.1", port: 0, runsJobs: false))
    try await app.test(.live, body)
  }
}

/// Calls with JSON bodies and bearer tokens.
extension TestClientProtocol {
  func call(
    _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: String? = nil, headers: HTTPFields = [:]
  ) async throws -> TestResponse {
    var headers = headers
    if let token { headers[.authorization] = "Bearer \(token)" }
    if json != nil { headers[.contentType] = "application/json" }
    // Paths hold Cyrillic class names (5А): sent percent-encoded, as a browser does.
    let encoded = uri.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? uri
    return try await executeRequest(
      uri: encoded, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
  }

  /// Signs in and returns the bearer token.
  func signIn(_ login: String, password: String = ServerFixture.password) async throws -> String {
    let response = try await call(
      .post, "/api/v1/session", json: #"{"login": "\#(login)", "password": "\#(password)"}"#)
    try #require(response.status == .ok, "sign-in of \(login): \(response.status) \(String(buffer: response.body))")
    return try #require(response.object["token"] as? String)
  }
}

extension TestResponse {
  var text: String { String(buffer: body) }
  var object: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:] }
  var error: [String: Any] { object["error"] as? [String: Any] ?? [:] }
}
