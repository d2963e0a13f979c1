/// Who acts: a signed-in user, or the operator of this machine (the command line and the
/// workers, who have the machine's access to the database and every right).
public struct Actor: Codable, Hashable, Sendable {
  /// The user's id; nil for the operator.
  public var userID: Int?
  /// As the history records it: the login, or `cli:NAME` for the operator.
  public var name: String

  public static func `operator`(_ name: String) -> Actor { Actor(userID: nil, name: "cli:\(name)") }
  public static func user(id: Int, login: String) -> Actor { Actor(userID: id, name: login) }

  public var isOperator: Bool { userID == nil }
}

/// A role held by a person in one organisation, linked to a teacher of the plan or a class when
/// the role needs it, and with the blocks an editor was granted.
public struct Membership: Codable, Hashable, Sendable {
  public var id: Int
  public var userID: Int
  public var organisationID: Int
  public var role: Role
  public var teacher: String?
  public var classID: String?
  public var blocks: [EditorBlock]
}

/// One organisation as seen by one actor: every repository call takes a scope, and the only way
/// to get one is `Store.scope(_:actor:)`, which finds the organisation only when the actor belongs
/// to it or to an organisation above it. Queries filter by `organisation.id`, so no call can
/// reach another tenant's rows.
public struct TenantScope: Sendable {
  public let organisation: OrganisationNode
  public let actor: Actor
  /// The actor's memberships in this organisation and in those above it.
  public let memberships: [Membership]

  init(organisation: OrganisationNode, actor: Actor, memberships: [Membership]) {
    self.organisation = organisation
    self.actor = actor
    self.memberships = memberships
  }

  var organisationID: Int { organisation.id }
}

/// Answers "may this actor do this action here" from the roles of the scope, the organisation
/// tree and the access matrix. Every repository asks it; nothing else decides.
public struct AccessPolicy: Sendable {
  public var matrix: AccessMatrix

  public init(matrix: AccessMatrix = .default) { self.matrix = matrix }

  /// Whether the scope's actor may do `action` in the scope's organisation (for `linkedClass`
  /// rights: on `classID`).
  public func allows(_ action: Action, in scope: TenantScope, classID: String? = nil) -> Bool {
    if scope.actor.isOperator { return true }
    return scope.memberships.contains { membership in
      matrix.rules(for: membership.role, action).contains { rule in
        permits(rule, membership, organisation: scope.organisation.id, classID: classID)
      }
    }
  }

  public func require(_ action: Action, in scope: TenantScope, classID: String? = nil) throws {
    guard allows(action, in: scope, classID: classID) else {
      throw StoreError.forbidden(
        "\(scope.actor.name) may not \(action.rawValue) in organisation \(scope.organisation.id)")
    }
  }

  private func permits(_ rule: AccessRule, _ membership: Membership, organisation: Int, classID: String?) -> Bool {
    if let block = rule.block, !membership.blocks.contains(block) { return false }
    let own = membership.organisationID == organisation
    switch rule.reach {
    case .organisation: return own
    case .subtree: return true  // the scope holds only memberships here or above
    case .linkedClass: return own && classID != nil && membership.classID == classID
    }
  }
}
