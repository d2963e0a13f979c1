import Foundation

/// An organisation of the tree (ministry → region → district → school): a tenant of the store.
public struct OrganisationNode: Codable, Hashable, Sendable, Identifiable {
  public enum Kind: String, Codable, Sendable, CaseIterable {
    case ministry, region, district
    case school, gymnasium, lyceum, college, special, additional

    /// Management organisations have subordinate ones; schools have plans.
    public var isManagement: Bool { self == .ministry || self == .region || self == .district }
  }

  public var id: Int
  public var parentID: Int?
  public var name: String
  public var kind: Kind
  /// ISO country code ("KZ", "RU", "KG").
  public var country: String?
  /// IANA time zone ("Asia/Almaty"): the dates and times of its timetables and feeds.
  public var timeZone: String
  /// Free settings of the organisation (logo, contacts, enabled functions).
  public var settings: [String: String]
  /// The ids from the root down to this organisation.
  public var ancestry: [Int]
}

/// The organisation tree: create, list, move, change; a management organisation sees its whole
/// subtree and nothing else.
public struct Organisations: Sendable {
  let database: any SQLDatabase
  let policy: AccessPolicy
  let history: History

  /// A new organisation at the root of a tree (a ministry, or a school on its own); only the
  /// operator of the machine creates roots.
  public func createRoot(
    name: String, kind: OrganisationNode.Kind, country: String? = nil, timeZone: String = "Asia/Almaty",
    actor: Actor
  ) throws -> OrganisationNode {
    guard actor.isOperator else { throw StoreError.forbidden("only the operator creates a root organisation") }
    return try database.write { tx in
      try insert(tx, name: name, kind: kind, parent: nil, country: country, timeZone: timeZone, actor: actor)
    }
  }

  /// A new organisation under the scope's organisation.
  public func create(
    under parent: TenantScope, name: String, kind: OrganisationNode.Kind, country: String? = nil,
    timeZone: String? = nil
  ) throws -> OrganisationNode {
    try policy.require(.manageOrganisations, in: parent)
    return try database.write { tx in
      try insert(
        tx, name: name, kind: kind, parent: parent.organisation, country: country ?? parent.organisation.country,
        timeZone: timeZone ?? parent.organisation.timeZone, actor: parent.actor)
    }
  }

  /// The scope's organisation and every organisation under it, parents before children.
  public func subtree(_ scope: TenantScope) throws -> [OrganisationNode] {
    let prefix = Self.path(scope.organisation.ancestry)
    return try database.read { tx in
      try tx.query(
        "SELECT * FROM organisations WHERE path LIKE ? ORDER BY LENGTH(path), id", [.text(prefix + "%")]
      ).map(Self.node)
    }
  }

  /// The organisations the actor reaches: those of its memberships and their subtrees (all of
  /// them for the operator).
  public func visible(to actor: Actor) throws -> [OrganisationNode] {
    try database.read { tx in
      guard let user = actor.userID else {
        return try tx.query("SELECT * FROM organisations ORDER BY path", []).map(Self.node)
      }
      return try tx.query(
        """
        SELECT DISTINCT o.* FROM organisations o JOIN organisations m ON o.path LIKE m.path || '%'
        JOIN memberships ms ON ms.organisation_id = m.id WHERE ms.user_id = ? ORDER BY o.path
        """, [.init(user)]
      ).map(Self.node)
    }
  }

  /// Moves the scope's organisation (and its subtree) under another one; the actor must manage
  /// both.
  public func move(_ scope: TenantScope, under newParent: TenantScope) throws {
    try policy.require(.manageOrganisations, in: scope)
    try policy.require(.manageOrganisations, in: newParent)
    let node = scope.organisation
    guard !newParent.organisation.ancestry.contains(node.id) else {
      throw StoreError.invalid(field: "parent", "an organisation cannot move under itself or its own subtree")
    }
    try database.write { tx in
      let oldPrefix = Self.path(node.ancestry)
      let newPrefix = Self.path(newParent.organisation.ancestry + [node.id])
      try tx.execute(
        "UPDATE organisations SET parent_id = ? WHERE id = ?", [.init(newParent.organisation.id), .init(node.id)])
      try tx.execute(
        "UPDATE organisations SET path = ? || SUBSTR(path, CAST(? AS INTEGER)) WHERE path LIKE ?",
        [.text(newPrefix), .init(oldPrefix.count + 1), .text(oldPrefix + "%")])
      try history.record(
        tx, organisation: node.id, actor: scope.actor, subject: "organisation", action: "move",
        summary:
          "moved \(node.name) from organisation \(node.parentID.map(String.init) ?? "-") to \(newParent.organisation.id)",
        detail: ["from": node.parentID.map(String.init) ?? "", "to": String(newParent.organisation.id)])
    }
  }

  /// Changes the name, time zone, country or settings.
  public func update(
    _ scope: TenantScope, name: String? = nil, timeZone: String? = nil, settings: [String: String]? = nil
  )
    throws -> OrganisationNode
  {
    try policy.require(.manageOrganisations, in: scope)
    var node = scope.organisation
    if let name { node.name = try Self.checkedName(name) }
    if let timeZone { node.timeZone = try Self.checkedTimeZone(timeZone) }
    if let settings { node.settings = settings }
    let updated = node
    try database.write { tx in
      try tx.execute(
        "UPDATE organisations SET name = ?, time_zone = ?, settings = ? WHERE id = ?",
        [.text(updated.name), .text(updated.timeZone), .text(try JSONText.encode(updated.settings)), .init(updated.id)])
      try history.record(
        tx, organisation: updated.id, actor: scope.actor, subject: "organisation", action: "update",
        summary: "changed the settings of \(updated.name)",
        detail: ["name": updated.name, "timeZone": updated.timeZone])
    }
    return updated
  }

  static func find(_ tx: any SQLTransaction, id: Int) throws -> OrganisationNode? {
    try tx.queryOne("SELECT * FROM organisations WHERE id = ?", [.init(id)]).map(Self.node)
  }

  private func insert(
    _ tx: any SQLTransaction, name: String, kind: OrganisationNode.Kind, parent: OrganisationNode?, country: String?,
    timeZone: String, actor: Actor
  ) throws -> OrganisationNode {
    let name = try Self.checkedName(name)
    let timeZone = try Self.checkedTimeZone(timeZone)
    if let country, country.count != 2 || !country.allSatisfy({ $0.isASCII && $0.isLetter }) {
      throw StoreError.invalid(
        field: "country", "expected a two-letter ISO code such as KZ, RU or KG, found \"\(country)\"")
    }
    if let parent, !parent.kind.isManagement {
      throw StoreError.invalid(
        field: "parent",
        "organisation \(parent.id) is a \(parent.kind.rawValue): only a ministry, region or district has organisations under it"
      )
    }
    let row = try tx.queryOne(
      """
      INSERT INTO organisations (parent_id, path, name, kind, country, time_zone, settings, created_at)
      VALUES (?, '', ?, ?, ?, ?, '{}', ?) RETURNING id
      """,
      [
        .init(parent?.id), .text(name), .text(kind.rawValue), .init(country?.uppercased()), .text(timeZone),
        .init(Date().milliseconds),
      ])
    let id = try row.map { try $0.int("id") } ?? { throw StoreError.corrupt("no id for the new organisation") }()
    let ancestry = (parent?.ancestry ?? []) + [id]
    try tx.execute("UPDATE organisations SET path = ? WHERE id = ?", [.text(Self.path(ancestry)), .init(id)])
    let node = OrganisationNode(
      id: id, parentID: parent?.id, name: name, kind: kind, country: country?.uppercased(), timeZone: timeZone,
      settings: [:], ancestry: ancestry)
    try history.record(
      tx, organisation: id, actor: actor, subject: "organisation", action: "create",
      summary: "created \(kind.rawValue) \(name)" + (parent.map { " under \($0.name)" } ?? ""), detail: ["name": name])
    return node
  }

  static func path(_ ancestry: [Int]) -> String { "/" + ancestry.map(String.init).joined(separator: "/") + "/" }

  static func node(_ row: SQLRow) throws -> OrganisationNode {
    let path = try row.string("path")
    return OrganisationNode(
      id: try row.int("id"), parentID: row.optionalInt("parent_id"), name: try row.string("name"),
      kind: OrganisationNode.Kind(rawValue: try row.string("kind")) ?? .school, country: row.optionalString("country"),
      timeZone: try row.string("time_zone"),
      settings: JSONText.stringMap((try? row.string("settings")) ?? "{}"),
      ancestry: path.split(separator: "/").compactMap { Int($0) })
  }

  private static func checkedName(_ name: String) throws -> String {
    let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty, trimmed.count <= 200 else {
      throw StoreError.invalid(field: "name", "expected a name of 1 to 200 characters")
    }
    return trimmed
  }

  private static func checkedTimeZone(_ identifier: String) throws -> String {
    guard TimeZone(identifier: identifier) != nil else {
      throw StoreError.invalid(
        field: "timeZone", "expected an IANA time zone such as Asia/Almaty, found \"\(identifier)\"")
    }
    return identifier
  }
}

/// JSON kept in TEXT columns: sorted keys, so the same value is always the same text.
enum JSONText {
  static func encode<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  /// A list or map of strings (the lists of a week's rows, an organisation's settings), read with
  /// JSONSerialization: several times faster than JSONDecoder, and read on every page.
  static func strings(_ text: String) throws -> [String] {
    guard let list = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String] else {
      throw StoreError.corrupt("expected a JSON list of strings, found \(text.prefix(80))")
    }
    return list
  }

  static func stringMap(_ text: String) -> [String: String] {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]) ?? [:]
  }

  static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
    do {
      return try JSONDecoder().decode(type, from: Data(text.utf8))
    } catch {
      throw StoreError.corrupt("\(T.self): \(error)")
    }
  }
}
