import Foundation
import HTTPTypes
import Hummingbird
import Store

/// The organisation tree, people and the history.
struct OrganisationRoutes {
  let store: Store

  struct NewOrganisation: Decodable {
    var name: String
    var kind: OrganisationNode.Kind
    var country: String?
    var timeZone: String?
  }

  struct OrganisationChange: Decodable {
    var name: String?
    var timeZone: String?
    var settings: [String: String]?
  }

  struct Move: Decodable {
    var parent: Int
  }

  struct NewMember: Decodable {
    var login: String
    var password: String?
    var displayName: String?
    var role: Role
    var teacher: String?
    var `class`: String?
    var blocks: [EditorBlock]?
  }

  struct Member: Encodable, Sendable {
    var user: User
    var membership: Membership
  }

  func add(to router: Router<ServerContext>) {
    let api = router.group("api/v1/organisations")
    api.get(use: list)
    api.get(":org", use: organisation)
    api.patch(":org", use: update)
    api.get(":org/subtree", use: subtree)
    api.post(":org/children", use: create)
    api.put(":org/parent", use: move)
    api.get(":org/people", use: people)
    api.post(":org/people", use: addPerson)
    api.delete(":org/people/:membership", use: removePerson)
    api.get(":org/history", use: history)
  }

  @Sendable func list(_ request: Request, context: ServerContext) async throws -> JSON<Page<OrganisationNode>> {
    let actor = try context.signedIn()
    return JSON(
      try Page(try await blocking { [store] in try store.organisations.visible(to: actor) }, request: request))
  }

  @Sendable func organisation(_ request: Request, context: ServerContext) async throws -> JSON<OrganisationNode> {
    try await scoped(store, context) { store, scope in scope.organisation }
  }

  @Sendable func subtree(_ request: Request, context: ServerContext) async throws -> JSON<Page<OrganisationNode>> {
    let all = try await scoped(store, context) { store, scope in try store.organisations.subtree(scope) }
    return JSON(try Page(all.value, request: request))
  }

  @Sendable func create(_ request: Request, context: ServerContext) async throws -> JSON<OrganisationNode> {
    let body = try await request.json(NewOrganisation.self, context: context)
    var created = try await scoped(store, context) { store, scope in
      try store.organisations.create(
        under: scope, name: body.name, kind: body.kind, country: body.country, timeZone: body.timeZone)
    }
    created.status = .created
    return created
  }

  @Sendable func update(_ request: Request, context: ServerContext) async throws -> JSON<OrganisationNode> {
    let body = try await request.json(OrganisationChange.self, context: context)
    return try await scoped(store, context) { store, scope in
      try store.organisations.update(scope, name: body.name, timeZone: body.timeZone, settings: body.settings)
    }
  }

  @Sendable func move(_ request: Request, context: ServerContext) async throws -> Response {
    let body = try await request.json(Move.self, context: context)
    _ = try await scoped(store, context) { store, scope in
      try store.organisations.move(scope, under: try store.scope(body.parent, actor: scope.actor))
      return true
    }
    return Response(status: .noContent)
  }

  @Sendable func people(_ request: Request, context: ServerContext) async throws -> JSON<Page<Member>> {
    let all = try await scoped(store, context) { store, scope in
      try store.people.members(scope).map { Member(user: $0.user, membership: $0.membership) }
    }
    return JSON(try Page(all.value, request: request))
  }

  @Sendable func addPerson(_ request: Request, context: ServerContext) async throws -> JSON<Member> {
    let body = try await request.json(NewMember.self, context: context)
    var added = try await scoped(store, context) { store, scope in
      let (user, membership) = try store.people.add(
        to: scope, login: body.login, displayName: body.displayName, password: body.password,
        grant: MembershipGrant(role: body.role, teacher: body.teacher, classID: body.class, blocks: body.blocks ?? []))
      return Member(user: user, membership: membership)
    }
    added.status = .created
    return added
  }

  @Sendable func removePerson(_ request: Request, context: ServerContext) async throws -> Response {
    let membership = try context.number("membership")
    _ = try await scoped(store, context) { store, scope in
      try store.people.revoke(scope, membership: membership)
      return true
    }
    return Response(status: .noContent)
  }

  @Sendable func history(_ request: Request, context: ServerContext) async throws -> JSON<[HistoryEntry]> {
    let subject = request.query("subject")
    let text = request.query("q")
    let limit = try request.queryInt("limit") ?? 100
    return try await scoped(store, context) { store, scope in
      try store.history.entries(scope, subject: subject, containing: text, limit: limit)
    }
  }
}

/// Runs a store call for the organisation `:org` of the path as the signed-in actor: 401 without
/// a sign-in, 404 for an organisation the actor does not reach, 403 when the roles do not allow
/// the call (the store's `AccessPolicy` decides).
func scoped<T: Encodable & Sendable>(
  _ store: Store, _ context: ServerContext, _ body: @escaping @Sendable (Store, TenantScope) throws -> T
) async throws -> JSON<T> {
  let actor = try context.signedIn()
  let id = try context.number("org")
  return JSON(
    try await blocking {
      try body(store, try store.scope(id, actor: actor))
    })
}
