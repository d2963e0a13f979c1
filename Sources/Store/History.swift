import Foundation

/// One recorded change: who, when, what (a sentence and the details as JSON).
public struct HistoryEntry: Codable, Hashable, Sendable {
  public var id: Int
  public var organisationID: Int
  public var at: Date
  public var actor: String
  public var userID: Int?
  /// What changed: `organisation`, `plan`, `version`, `membership`, `user`, `job`.
  public var subject: String
  public var action: String
  public var summary: String
  /// The details as JSON text (the changed items of a plan, the moved lessons of a version).
  public var detail: String
}

/// The history of every change to an organisation's plan, versions and memberships, written in
/// the same transaction as the change.
public struct History: Sendable {
  let database: any SQLDatabase
  let policy: AccessPolicy

  /// The newest entries first; `subject` narrows to one kind of change, `containing` to entries
  /// whose summary or details mention a text ("7Б", "algebra").
  public func entries(_ scope: TenantScope, subject: String? = nil, containing text: String? = nil, limit: Int = 100)
    throws -> [HistoryEntry]
  {
    try policy.require(.viewHistory, in: scope)
    var sql = "SELECT * FROM history WHERE organisation_id = ?"
    var values: [SQLValue] = [.init(scope.organisationID)]
    if let subject {
      sql += " AND subject = ?"
      values.append(.text(subject))
    }
    if let text {
      sql += " AND (summary LIKE ? OR detail LIKE ?)"
      values += [.text("%\(text)%"), .text("%\(text)%")]
    }
    sql += " ORDER BY id DESC LIMIT ?"
    values.append(.init(max(1, min(limit, 10_000))))
    return try database.read { tx in try tx.query(sql, values).map(Self.entry) }
  }

  func record(
    _ tx: any SQLTransaction, organisation: Int, actor: Actor, subject: String, action: String, summary: String,
    detail: some Encodable
  ) throws {
    try tx.execute(
      """
      INSERT INTO history (organisation_id, at, actor, user_id, subject, action, summary, detail)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      """,
      [
        .init(organisation), .init(Date().milliseconds), .text(actor.name), .init(actor.userID), .text(subject),
        .text(action), .text(summary), .text(try JSONText.encode(detail)),
      ])
  }

  private static func entry(_ row: SQLRow) throws -> HistoryEntry {
    HistoryEntry(
      id: try row.int("id"), organisationID: try row.int("organisation_id"), at: try row.date("at"),
      actor: try row.string("actor"), userID: row.optionalInt("user_id"), subject: try row.string("subject"),
      action: try row.string("action"), summary: try row.string("summary"), detail: try row.string("detail"))
  }
}
