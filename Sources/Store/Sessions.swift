import Crypto
import Foundation

/// A signed-in session: the token the client keeps (a bearer token, or a cookie's value) and
/// whose it is. Only the token's SHA-256 is stored, so a copy of the database signs no one in.
public struct Session: Sendable {
  public enum Kind: String, Codable, Sendable {
    case bearer, cookie
  }

  public var token: String
  public var user: User
  public var kind: Kind
  public var expiresAt: Date
}

/// Sign-in, sessions and their end, kept in the store so that they survive restarts and serve
/// several servers at once. Failed sign-ins are counted per login in the store too: after
/// `maxFailures` within `failureWindow`, that login is refused until the window has passed.
public struct Sessions: Sendable {
  let database: any SQLDatabase
  let people: People
  /// Sessions seen in the last few seconds, so that a page's requests do not each read the
  /// session row. A session ended on another server is still honoured here for at most `cacheLife`.
  let cache = SessionCache()
  public static let cacheLife: TimeInterval = 5
  public static let maxFailures = 5
  public static let failureWindow: TimeInterval = 15 * 60
  public static let lifetime: TimeInterval = 14 * 24 * 3600

  /// A new session for a login and password; the same error for an unknown login and a wrong
  /// password ("login or password is not right").
  /// One session per kind asked for (a bearer token and a cookie's), from one check of the
  /// password: bcrypt's work is done once.
  public func signIn(login: String, password: String, kinds: [Session.Kind]) throws -> [Session] {
    let key = login.lowercased()
    let now = Date()
    let since = now.addingTimeInterval(-Self.failureWindow)
    let failures = try database.read { tx in
      try tx.query(
        "SELECT at FROM sign_in_failures WHERE login = ? AND at > ? ORDER BY at",
        [.text(key), .init(since.milliseconds)])
    }
    if failures.count >= Self.maxFailures, let oldest = failures.first?.optionalDate("at") {
      let wait = Int(oldest.addingTimeInterval(Self.failureWindow).timeIntervalSince(now).rounded(.up))
      throw StoreError.rateLimited(retryAfter: max(1, wait))
    }
    guard let user = try people.authenticate(login: key, password: password) else {
      try database.write { tx in
        try tx.execute("INSERT INTO sign_in_failures (login, at) VALUES (?, ?)", [.text(key), .init(now.milliseconds)])
        try tx.execute("DELETE FROM sign_in_failures WHERE at < ?", [.init(since.milliseconds)])
      }
      throw StoreError.unauthorised("login or password is not right")
    }
    let expires = now.addingTimeInterval(Self.lifetime)
    let sessions = kinds.map { Session(token: Self.newToken(), user: user, kind: $0, expiresAt: expires) }
    try database.write { tx in
      for session in sessions {
        try tx.execute(
          "INSERT INTO sessions (token_hash, user_id, kind, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
          [
            .text(Self.hash(session.token)), .init(user.id), .text(session.kind.rawValue), .init(now.milliseconds),
            .init(expires.milliseconds),
          ])
      }
      try tx.execute("DELETE FROM sign_in_failures WHERE login = ?", [.text(key)])
    }
    return sessions
  }

  /// 32 random bytes, base64url.
  private static func newToken() -> String {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
    return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
  }

  /// The user of a session seen in the last few seconds, without asking the database (nil: ask
  /// `user(token:)`).
  public func recentUser(token: String) -> User? {
    guard !token.isEmpty, token.count <= 200 else { return nil }
    return cache.user(Self.hash(token), at: Date())
  }

  /// The user a token signs in, if its session has not ended.
  public func user(token: String) throws -> User? {
    guard !token.isEmpty, token.count <= 200 else { return nil }
    let key = Self.hash(token)
    let now = Date()
    if let cached = cache.user(key, at: now) { return cached }
    let user = try database.read { tx in
      try tx.queryOne(
        """
        SELECT u.id, u.login, u.display_name FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = ? AND s.expires_at > ?
        """, [.text(key), .init(now.milliseconds)]
      ).map { try People.user($0) }
    }
    if let user { cache.keep(key, user, until: now.addingTimeInterval(Self.cacheLife)) }
    return user
  }

  /// Ends a session (signing out).
  public func end(token: String) throws {
    cache.forget(Self.hash(token))
    try database.write { tx in
      _ = try tx.execute("DELETE FROM sessions WHERE token_hash = ?", [.text(Self.hash(token))])
    }
  }

  /// Ends every session of a user but `keeping` (after a password change).
  public func endAll(of user: Int, keeping token: String? = nil) throws {
    cache.forget(user: user)
    try database.write { tx in
      _ = try tx.execute(
        "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", [.init(user), .text(token.map(Self.hash) ?? "")])
    }
  }

  static func hash(_ token: String) -> String {
    SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
  }
}

/// The recently seen sessions of this process.
final class SessionCache: @unchecked Sendable {
  private let lock = NSLock()
  private var entries: [String: (user: User, until: Date)] = [:]

  func user(_ key: String, at now: Date) -> User? {
    lock.withLock {
      guard let entry = entries[key] else { return nil }
      if entry.until > now { return entry.user }
      entries[key] = nil
      return nil
    }
  }

  func keep(_ key: String, _ user: User, until: Date) {
    lock.withLock {
      if entries.count > 100_000 { entries.removeAll() }
      entries[key] = (user, until)
    }
  }

  func forget(_ key: String) { lock.withLock { entries[key] = nil } }
  func forget(user: Int) { lock.withLock { entries = entries.filter { $0.value.user.id != user } } }
}
