import Foundation

/// Where Sabaq keeps organisations and everything under them: an SQLite file (the embedded
/// default, nothing to run) or a PostgreSQL server (shared by many servers and workers). Both
/// run the same repositories over the same SQL.
///
/// Every repository call takes a `TenantScope`, and `scope(_:actor:)` is the only way to get
/// one: it finds an organisation only for an actor who belongs to it or to one above it.
public final class Store: Sendable {
  /// The database's address: `sqlite:PATH` (or a plain path) or `postgres://user:password@host:port/db`.
  public let url: String
  public let organisations: Organisations
  public let people: People
  public let plans: Plans
  public let versions: Versions
  public let jobs: SolveJobs
  public let history: History
  public let sessions: Sessions
  public let calendarFeeds: CalendarFeeds
  public let policy: AccessPolicy
  let database: any SQLDatabase

  /// The database a command uses when none is given: `SABAQ_DATABASE`, else `sabaq.sqlite` in the
  /// working folder.
  public static func defaultURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    environment["SABAQ_DATABASE"].flatMap { $0.isEmpty ? nil : $0 } ?? "sqlite:sabaq.sqlite"
  }

  /// Opens (creating an SQLite file if needed) and brings the schema up to date.
  public init(url: String, policy: AccessPolicy = AccessPolicy(), bcryptCost: UInt8 = 12) throws {
    self.url = url
    database = try Self.open(url)
    do {
      try Schema.migrate(database)
    } catch {
      database.close()
      throw error
    }
    self.policy = policy
    history = History(database: database, policy: policy)
    organisations = Organisations(database: database, policy: policy, history: history)
    plans = Plans(database: database, policy: policy, history: history)
    people = People(database: database, policy: policy, history: history, plans: plans, bcryptCost: bcryptCost)
    versions = Versions(database: database, policy: policy, history: history)
    jobs = SolveJobs(database: database, policy: policy, history: history, plans: plans, versions: versions)
    sessions = Sessions(database: database, people: people)
    calendarFeeds = CalendarFeeds(database: database, policy: policy, history: history, plans: plans)
  }

  /// The organisation `id` as `actor` sees it. Not found (never "forbidden", so that another
  /// tenant's ids reveal nothing) unless the actor is the operator or holds a membership in the
  /// organisation or one above it.
  public func scope(_ id: Int, actor: Actor) throws -> TenantScope {
    try database.read { tx in try Self.scope(tx, id, actor: actor) }
  }

  static func scope(_ tx: any SQLTransaction, _ id: Int, actor: Actor) throws -> TenantScope {
    guard let node = try Organisations.find(tx, id: id) else { throw StoreError.notFound("organisation \(id)") }
    guard let user = actor.userID else { return TenantScope(organisation: node, actor: actor, memberships: []) }
    let marks = node.ancestry.map { _ in "?" }.joined(separator: ", ")
    let memberships = try tx.query(
      "SELECT * FROM memberships WHERE user_id = ? AND organisation_id IN (\(marks))",
      [.init(user)] + node.ancestry.map { .init($0) }
    ).map(People.membership)
    guard !memberships.isEmpty else { throw StoreError.notFound("organisation \(id)") }
    return TenantScope(organisation: node, actor: actor, memberships: memberships)
  }

  /// The schema version of the database (the newest migration applied).
  public func schemaVersion() throws -> Int { try Schema.version(database) }

  public func close() { database.close() }

  private static func open(_ url: String) throws -> any SQLDatabase {
    if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") { return try PostgresDatabase(url: url) }
    let path = url.hasPrefix("sqlite:") ? String(url.dropFirst("sqlite:".count)) : url
    guard !path.isEmpty, !path.contains("://") else {
      throw StoreError.invalid(
        field: "database", "expected sqlite:PATH or postgres://user:password@host:port/database, found \(url)")
    }
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
      throw StoreError.invalid(field: "database", "\(path) is a folder; expected an SQLite file")
    }
    return try SQLiteDatabase(path: path)
  }
}
