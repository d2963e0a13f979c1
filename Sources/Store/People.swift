import Foundation
import HummingbirdBcrypt

/// A person who signs in. The password is kept only as a bcrypt hash.
public struct User: Codable, Hashable, Sendable {
  public var id: Int
  public var login: String
  public var displayName: String
}

/// What a new membership links to: the teacher of the plan a teacher is, the class of a class
/// teacher, student or parent, the blocks an editor is granted.
public struct MembershipGrant: Hashable, Sendable {
  public var role: Role
  public var teacher: String?
  public var classID: String?
  public var blocks: [EditorBlock]

  public init(role: Role, teacher: String? = nil, classID: String? = nil, blocks: [EditorBlock] = []) {
    self.role = role
    self.teacher = teacher
    self.classID = classID
    self.blocks = blocks
  }
}

/// Users and their per-organisation memberships.
public struct People: Sendable {
  let database: any SQLDatabase
  let policy: AccessPolicy
  let history: History
  let plans: Plans
  /// bcrypt's cost factor (12 by default; tests may lower it).
  let bcryptCost: UInt8

  /// Adds a person to the scope's organisation with a role. A new login needs a password (8 to
  /// 72 bytes); an existing one gets the membership and keeps its password.
  @discardableResult
  public func add(
    to scope: TenantScope, login: String, displayName: String? = nil, password: String?, grant: MembershipGrant
  ) throws -> (user: User, membership: Membership) {
    try policy.require(.managePeople, in: scope)
    let login = try Self.checkedLogin(login)
    try check(grant, in: scope)
    let hash = try password.map { password -> String in
      guard (8...72).contains(password.utf8.count) else {
        throw StoreError.invalid(field: "password", "expected 8 to 72 bytes, found \(password.utf8.count)")
      }
      return Bcrypt.hash(password, cost: bcryptCost)
    }
    return try database.write { tx in
      let user = try findOrCreate(tx, login: login, displayName: displayName, hash: hash)
      let now = Date().milliseconds
      let row = try tx.queryOne(
        """
        INSERT INTO memberships (user_id, organisation_id, role, teacher, class, blocks, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id
        """,
        [
          .init(user.id), .init(scope.organisationID), .text(grant.role.rawValue), .text(grant.teacher ?? ""),
          .text(grant.classID ?? ""), .text(grant.blocks.map(\.rawValue).joined(separator: ",")), .init(now),
        ])
      let membership = Membership(
        id: try row?.int("id") ?? 0, userID: user.id, organisationID: scope.organisationID, role: grant.role,
        teacher: grant.teacher, classID: grant.classID, blocks: grant.blocks)
      try history.record(
        tx, organisation: scope.organisationID, actor: scope.actor, subject: "membership", action: "grant",
        summary: "\(login) became \(Self.describe(membership))", detail: membership)
      return (user, membership)
    }
  }

  /// Removes a membership of the scope's organisation.
  public func revoke(_ scope: TenantScope, membership id: Int) throws {
    try policy.require(.managePeople, in: scope)
    try database.write { tx in
      guard
        let row = try tx.queryOne(
          "SELECT m.*, u.login FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.id = ? AND m.organisation_id = ?",
          [.init(id), .init(scope.organisationID)])
      else { throw StoreError.notFound("membership \(id)") }
      let membership = try Self.membership(row)
      try tx.execute("DELETE FROM memberships WHERE id = ?", [.init(id)])
      try history.record(
        tx, organisation: scope.organisationID, actor: scope.actor, subject: "membership", action: "revoke",
        summary: "\(try row.string("login")) is no longer \(Self.describe(membership))", detail: membership)
    }
  }

  /// The people of the scope's organisation with their memberships there.
  public func members(_ scope: TenantScope) throws -> [(user: User, membership: Membership)] {
    try policy.require(.managePeople, in: scope)
    return try database.read { tx in
      try tx.query(
        """
        SELECT m.*, u.login, u.display_name FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.organisation_id = ? ORDER BY u.login, m.id
        """, [.init(scope.organisationID)]
      ).map { row in
        (
          try Self.user(row, id: "user_id"),
          try Self.membership(row)
        )
      }
    }
  }

  /// The user whose login and password these are, or nil. The same work is done for a login
  /// that does not exist, so the time taken does not tell whether it does.
  public func authenticate(login: String, password: String) throws -> User? {
    let row = try database.read { tx in
      try tx.queryOne("SELECT * FROM users WHERE login = ?", [.text(login.lowercased())])
    }
    guard let row else {
      _ = Bcrypt.verify(password, hash: Self.decoyHash)
      return nil
    }
    guard Bcrypt.verify(password, hash: try row.string("password_hash")) else { return nil }
    return try Self.user(row)
  }

  /// Changes the actor's own password, given the current one.
  public func changePassword(of actor: Actor, current: String, new: String) throws {
    guard let id = actor.userID else { throw StoreError.invalid(field: "user", "the operator has no password") }
    guard (8...72).contains(new.utf8.count) else {
      throw StoreError.invalid(field: "password", "expected 8 to 72 bytes, found \(new.utf8.count)")
    }
    guard try authenticate(login: actor.name, password: current) != nil else {
      throw StoreError.forbidden("the current password is not right")
    }
    let hash = Bcrypt.hash(new, cost: bcryptCost)
    try database.write { tx in
      try tx.execute(
        "UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?",
        [.text(hash), .init(Date().milliseconds), .init(id)])
    }
  }

  /// A user by id (the signed-in user of a session).
  public func user(id: Int) throws -> User {
    guard
      let row = try database.read({ tx in
        try tx.queryOne("SELECT id, login, display_name FROM users WHERE id = ?", [.init(id)])
      })
    else { throw StoreError.notFound("user \(id)") }
    return try Self.user(row)
  }

  /// Every membership of a user, in every organisation.
  public func memberships(ofUser id: Int) throws -> [Membership] {
    try database.read { tx in
      try tx.query("SELECT * FROM memberships WHERE user_id = ? ORDER BY organisation_id, id", [.init(id)]).map(
        Self.membership)
    }
  }

  private func findOrCreate(_ tx: any SQLTransaction, login: String, displayName: String?, hash: String?) throws -> User
  {
    if let row = try tx.queryOne("SELECT * FROM users WHERE login = ?", [.text(login)]) {
      return try Self.user(row)
    }
    guard let hash else { throw StoreError.invalid(field: "password", "a new login needs a password") }
    let now = Date().milliseconds
    let name = displayName ?? login
    let row = try tx.queryOne(
      """
      INSERT INTO users (login, display_name, password_hash, created_at, password_changed_at)
      VALUES (?, ?, ?, ?, ?) RETURNING id
      """, [.text(login), .text(name), .text(hash), .init(now), .init(now)])
    return User(id: try row?.int("id") ?? 0, login: login, displayName: name)
  }

  /// A teacher or class link must name one of the plan's teachers or classes.
  private func check(_ grant: MembershipGrant, in scope: TenantScope) throws {
    if grant.role.needsTeacher && grant.teacher == nil {
      throw StoreError.invalid(
        field: "teacher", "the role \(grant.role.rawValue) is linked to a teacher of the plan: name one")
    }
    if grant.role.needsClass && grant.classID == nil {
      throw StoreError.invalid(field: "class", "the role \(grant.role.rawValue) is linked to a class: name one")
    }
    if grant.role.isManagement && !scope.organisation.kind.isManagement {
      throw StoreError.invalid(field: "role", "\(grant.role.rawValue) is a role of a district, region or ministry")
    }
    guard grant.teacher != nil || grant.classID != nil else { return }
    guard let plan = try plans.newestPlan(scope.organisationID) else {
      throw StoreError.invalid(field: "org", "organisation \(scope.organisationID) has no plan yet: import one first")
    }
    if let teacher = grant.teacher, plan.teacher(teacher) == nil {
      throw StoreError.invalid(field: "teacher", "no teacher \(teacher) in the plan of \(plan.academicYear.name)")
    }
    if let classID = grant.classID, plan.schoolClass(classID) == nil {
      throw StoreError.invalid(field: "class", "no class \(classID) in the plan of \(plan.academicYear.name)")
    }
  }

  /// A user from a row with its id (in column `id`), login and display name.
  static func user(_ row: SQLRow, id: String = "id") throws -> User {
    User(id: try row.int(id), login: try row.string("login"), displayName: try row.string("display_name"))
  }

  static func membership(_ row: SQLRow) throws -> Membership {
    let teacher = row.optionalString("teacher") ?? ""
    let classID = row.optionalString("class") ?? ""
    return Membership(
      id: try row.int("id"), userID: try row.int("user_id"), organisationID: try row.int("organisation_id"),
      role: Role(rawValue: try row.string("role")) ?? .student, teacher: teacher.isEmpty ? nil : teacher,
      classID: classID.isEmpty ? nil : classID,
      blocks: (row.optionalString("blocks") ?? "").split(separator: ",").compactMap {
        EditorBlock(rawValue: String($0))
      })
  }

  private static func describe(_ membership: Membership) -> String {
    var text = membership.role.rawValue
    if let teacher = membership.teacher { text += " (teacher \(teacher))" }
    if let classID = membership.classID { text += " (class \(classID))" }
    if !membership.blocks.isEmpty { text += " (blocks \(membership.blocks.map(\.rawValue).joined(separator: ", ")))" }
    return text
  }

  private static func checkedLogin(_ login: String) throws -> String {
    let lower = login.lowercased()
    let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._@-")
    guard (3...64).contains(lower.count), lower.allSatisfy({ allowed.contains($0) }) else {
      throw StoreError.invalid(field: "login", "expected 3 to 64 of the characters a-z 0-9 . _ @ -, found \"\(login)\"")
    }
    return lower
  }

  /// A hash of no one's password, verified when the login does not exist.
  private static let decoyHash = Bcrypt.hash("sabaq-decoy-password", cost: 12)
}
