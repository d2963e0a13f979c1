import Foundation
import HTTPTypes
import Hummingbird
import Store

/// Sign-in, sign-out, the password, and who is signed in.
struct SessionRoutes {
  let store: Store
  /// Whether cookies are marked Secure (behind HTTPS).
  let secureCookies: Bool

  struct SignIn: Decodable {
    var login: String
    var password: String
  }

  struct SignedIn: Encodable, Sendable {
    var token: String
    var user: User
    var expiresAt: Date
  }

  struct PasswordChange: Decodable {
    var current: String
    var new: String
  }

  struct Me: Encodable, Sendable {
    var user: User
    var memberships: [Membership]
  }

  func add(to router: Router<ServerContext>) {
    let api = router.group("api/v1")
    api.post("session", use: signIn)
    api.delete("session", use: signOut)
    api.put("session/password", use: changePassword)
    api.get("me", use: me)
  }

  /// A bearer token in the body for API clients, and an HttpOnly, SameSite=Lax cookie of a
  /// second session for pages. Wrong login and wrong password read the same.
  @Sendable func signIn(_ request: Request, context: ServerContext) async throws -> Response {
    let body = try await request.json(SignIn.self, context: context)
    let sessions = try await blocking { [store] in
      try store.sessions.signIn(login: body.login, password: body.password, kinds: [.bearer, .cookie])
    }
    let (bearer, cookie) = (sessions[0], sessions[1])
    var response = try JSON(SignedIn(token: bearer.token, user: bearer.user, expiresAt: bearer.expiresAt))
      .response(from: request, context: context)
    response.setCookie(
      Cookie(
        name: SessionMiddleware.cookie, value: cookie.token, expires: cookie.expiresAt, path: "/",
        secure: secureCookies, httpOnly: true, sameSite: .lax))
    return response
  }

  @Sendable func signOut(_ request: Request, context: ServerContext) async throws -> Response {
    _ = try context.signedIn()
    if let token = context.sessionToken {
      try await blocking { [store] in try store.sessions.end(token: token) }
    }
    var response = Response(status: .noContent)
    response.setCookie(
      Cookie(
        name: SessionMiddleware.cookie, value: "", maxAge: 0, path: "/", secure: secureCookies, httpOnly: true,
        sameSite: .lax))
    return response
  }

  /// Changes the password and ends every other session of the user.
  @Sendable func changePassword(_ request: Request, context: ServerContext) async throws -> Response {
    let actor = try context.signedIn()
    let body = try await request.json(PasswordChange.self, context: context)
    let token = context.sessionToken
    try await blocking { [store] in
      try store.people.changePassword(of: actor, current: body.current, new: body.new)
      try store.sessions.endAll(of: actor.userID!, keeping: token)
    }
    return Response(status: .noContent)
  }

  @Sendable func me(_ request: Request, context: ServerContext) async throws -> JSON<Me> {
    let actor = try context.signedIn()
    return JSON(
      try await blocking { [store] in
        Me(
          user: try store.people.user(id: actor.userID!),
          memberships: try store.people.memberships(ofUser: actor.userID!))
      })
  }
}
