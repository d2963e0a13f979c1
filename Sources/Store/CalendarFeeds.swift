import Crypto
import Foundation

/// A person's calendar feed of a teacher's or a class's timetable: a secret link
/// (`/ical/TOKEN.ics`) that a calendar app reads without signing in. The token is the credential.
public struct CalendarFeed: Hashable, Sendable {
  /// 32 random bytes, base64url (43 characters).
  public var token: String
  public var organisationID: Int
  public var userID: Int
  public var holder: TimetableHolder
  public var createdAt: Date

  /// The feed's address on the server (an absolute path).
  public var path: String { "/ical/\(token).ics" }
}

/// What a feed's token leads to, read in one transaction: whose feed it is (as a scope of its
/// owner, whose rights are asked again at every request: a person who lost them reads nothing),
/// the published version and the plan's revision, which together say whether a feed rendered
/// before is still current.
public struct CalendarFeedState: Sendable {
  public var feed: CalendarFeed
  /// The organisation as the feed's owner sees it.
  public var scope: TenantScope
  /// The published version; nil when nothing is published yet (the feed is then empty).
  public var version: TimetableVersion?
  public var planRevision: Int
  public var planUpdatedAt: Date
}

/// The calendar feeds of people: taken (created on the first ask) for a teacher or class whose
/// timetable the person may see, reset (a new token; the old link stops working), and found by
/// token for a calendar app. Creations and resets are in the history.
public struct CalendarFeeds: Sendable {
  let database: any SQLDatabase
  let policy: AccessPolicy
  let history: History
  let plans: Plans

  /// The signed-in person's feed of `holder` (a teacher or class of the scope's school), made on
  /// the first ask.
  public func feed(_ scope: TenantScope, of holder: TimetableHolder) throws -> CalendarFeed {
    let user = try permittedUser(scope, holder)
    // A page shows the link on every view: an existing feed is one indexed read, no plan.
    if let existing = try database.read({ tx in try find(tx, scope: scope, user: user, holder: holder) }) {
      return existing
    }
    try requireKnown(scope, holder)
    return try database.write { tx in
      // Another request may have made it meanwhile.
      if let existing = try find(tx, scope: scope, user: user, holder: holder) { return existing }
      let feed = CalendarFeed(
        token: Self.newToken(), organisationID: scope.organisationID, userID: user, holder: holder,
        createdAt: Date(milliseconds: Date().milliseconds))
      try tx.execute(
        """
        INSERT INTO calendar_feeds (token, token_hash, organisation_id, user_id, holder_kind, holder, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """,
        [
          .text(feed.token), .text(Self.hash(feed.token)), .init(feed.organisationID), .init(user),
          .text(holder.kind), .text(holder.key), .init(feed.createdAt.milliseconds),
        ])
      try record(tx, scope, holder, action: "create", summary: "made a calendar feed of")
      return feed
    }
  }

  /// A new token for the person's feed of `holder`: the old link answers "not found" from now on.
  public func reset(_ scope: TenantScope, of holder: TimetableHolder) throws -> CalendarFeed {
    let user = try check(scope, holder)
    return try database.write { tx in
      let feed = CalendarFeed(
        token: Self.newToken(), organisationID: scope.organisationID, userID: user, holder: holder,
        createdAt: Date(milliseconds: Date().milliseconds))
      let values: [SQLValue] = [
        .text(feed.token), .text(Self.hash(feed.token)), .init(feed.createdAt.milliseconds),
        .init(scope.organisationID), .init(user), .text(holder.kind), .text(holder.key),
      ]
      let changed = try tx.execute(
        """
        UPDATE calendar_feeds SET token = ?, token_hash = ?, created_at = ?
        WHERE organisation_id = ? AND user_id = ? AND holder_kind = ? AND holder = ?
        """, values)
      if changed == 0 {
        try tx.execute(
          """
          INSERT INTO calendar_feeds (token, token_hash, created_at, organisation_id, user_id, holder_kind, holder)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          """, values)
      }
      try record(tx, scope, holder, action: "reset", summary: "reset the calendar feed of")
      return feed
    }
  }

  /// What a token leads to, without a sign-in; nil for a token that is not (or no longer) a
  /// feed's, or whose owner may no longer see that timetable.
  public func state(token: String) throws -> CalendarFeedState? {
    guard Self.isWellFormed(token) else { return nil }
    return try database.read { tx -> CalendarFeedState? in
      guard
        let row = try tx.queryOne(
          """
          SELECT f.*, u.login FROM calendar_feeds f JOIN users u ON u.id = f.user_id WHERE f.token_hash = ?
          """, [.text(Self.hash(token))]),
        Self.same(try row.string("token"), token),
        let holder = TimetableHolder(kind: try row.string("holder_kind"), id: try row.string("holder"))
      else { return nil }
      let feed = CalendarFeed(
        token: token, organisationID: try row.int("organisation_id"), userID: try row.int("user_id"), holder: holder,
        createdAt: try row.date("created_at"))
      let actor = Actor.user(id: feed.userID, login: try row.string("login"))
      guard let scope = try? Store.scope(tx, feed.organisationID, actor: actor),
        policy.allows(timetableOf: holder, in: scope)
      else { return nil }
      let version = try tx.queryOne(
        """
        SELECT \(Versions.columns) FROM timetable_versions WHERE organisation_id = ? AND state = 'published'
        ORDER BY number DESC LIMIT 1
        """, [.init(feed.organisationID)]
      ).map(Versions.version)
      guard
        let plan = try tx.queryOne(
          "SELECT revision, updated_at FROM plans WHERE organisation_id = ? ORDER BY academic_year DESC LIMIT 1",
          [.init(feed.organisationID)])
      else { return nil }
      return CalendarFeedState(
        feed: feed, scope: scope, version: version, planRevision: try plan.int("revision"),
        planUpdatedAt: try plan.date("updated_at"))
    }
  }

  /// The acting user's id, once the holder is a teacher or class of the plan whose timetable
  /// the user may see.
  private func check(_ scope: TenantScope, _ holder: TimetableHolder) throws -> Int {
    let user = try permittedUser(scope, holder)
    try requireKnown(scope, holder)
    return user
  }

  /// The acting user's id, when the user may see the holder's timetable.
  private func permittedUser(_ scope: TenantScope, _ holder: TimetableHolder) throws -> Int {
    guard let user = scope.actor.userID else {
      throw StoreError.invalid(field: "user", "a calendar feed belongs to a person who signs in")
    }
    guard holder.kind != "room" else {
      throw StoreError.invalid(field: "kind", "calendar feeds are of a teacher or a class, not a room")
    }
    guard policy.allows(timetableOf: holder, in: scope) else {
      throw StoreError.forbidden("\(scope.actor.name) may not view this timetable")
    }
    return user
  }

  /// The holder is a teacher or class of the organisation's newest plan.
  private func requireKnown(_ scope: TenantScope, _ holder: TimetableHolder) throws {
    guard let organisation = try plans.newestPlan(scope.organisationID) else {
      throw StoreError.notFound("a plan of organisation \(scope.organisationID)")
    }
    let known =
      switch holder {
      case .teacher(let id): organisation.teachers.contains { $0.id == id }
      case .class(let id): organisation.classes.contains { $0.id == id }
      case .room: false
      }
    guard known else { throw StoreError.notFound("\(holder.kind) \(holder.key)") }
  }

  private func find(_ tx: any SQLTransaction, scope: TenantScope, user: Int, holder: TimetableHolder) throws
    -> CalendarFeed?
  {
    try tx.queryOne(
      """
      SELECT token, created_at FROM calendar_feeds
      WHERE organisation_id = ? AND user_id = ? AND holder_kind = ? AND holder = ?
      """, [.init(scope.organisationID), .init(user), .text(holder.kind), .text(holder.key)]
    ).map { row in
      CalendarFeed(
        token: try row.string("token"), organisationID: scope.organisationID, userID: user, holder: holder,
        createdAt: try row.date("created_at"))
    }
  }

  private func record(
    _ tx: any SQLTransaction, _ scope: TenantScope, _ holder: TimetableHolder, action: String, summary: String
  ) throws {
    try history.record(
      tx, organisation: scope.organisationID, actor: scope.actor, subject: "calendar-feed", action: action,
      summary: "\(scope.actor.name) \(summary) \(holder.kind) \(holder.key)",
      detail: ["kind": holder.kind, "holder": holder.key])
  }

  /// 32 random bytes from the system's generator, base64url without padding.
  static func newToken() -> String {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
    return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
  }

  /// 43 characters of the base64url alphabet: anything else is no token (and costs no query).
  static func isWellFormed(_ token: String) -> Bool {
    token.utf8.count == 43
      && token.utf8.allSatisfy { byte in
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
          || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
          || byte == UInt8(ascii: "_")
      }
  }

  static func hash(_ token: String) -> String {
    SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
  }

  /// Equal texts, compared in a time that does not depend on where they first differ.
  static func same(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var difference: UInt8 = 0
    for i in x.indices { difference |= x[i] ^ y[i] }
    return difference == 0
  }
}

extension TimetableHolder {
  /// A holder from its kind (`teacher`, `class`, `room`) and id; nil for another kind.
  public init?(kind: String, id: String) {
    switch kind {
    case "teacher": self = .teacher(id)
    case "class": self = .class(id)
    case "room": self = .room(id)
    default: return nil
    }
  }

  /// `teacher`, `class` or `room`.
  public var kindName: String { kind }
  /// The teacher's, class's or room's id in the plan.
  public var id: String { key }
}
