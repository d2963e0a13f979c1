/// How far a role's right reaches from the organisation the role is held in.
public enum Reach: String, Codable, Sendable {
  /// The organisation itself.
  case organisation
  /// The organisation and every organisation under it (management staff, district admins).
  case subtree
  /// Only the class the membership is linked to.
  case linkedClass = "linked-class"
}

/// One cell of the access matrix: a role may do an action, that far, and (for an editor) only
/// with a block granted.
public struct AccessRule: Codable, Hashable, Sendable {
  public var role: Role
  public var action: Action
  public var reach: Reach
  public var block: EditorBlock?
}

/// The default access matrix of the seeds (seed 002, appendix 1; seed 000 for editors' blocks),
/// as data: `docs/access.md` is this table in words, and a test keeps the two equal.
public struct AccessMatrix: Codable, Hashable, Sendable {
  public var rules: [AccessRule]

  public init(rules: [AccessRule]) { self.rules = rules }

  public func rules(for role: Role, _ action: Action) -> [AccessRule] {
    rules.filter { $0.role == role && $0.action == action }
  }

  public static let `default` = AccessMatrix(rules: defaultRules)

  private static var defaultRules: [AccessRule] {
    var rules: [AccessRule] = []
    func allow(_ roles: [Role], _ actions: [Action], _ reach: Reach = .organisation, block: EditorBlock? = nil) {
      for role in roles {
        for action in actions { rules.append(AccessRule(role: role, action: action, reach: reach, block: block)) }
      }
    }
    let leaders: [Role] = [.admin, .director, .deputy]
    allow(
      leaders,
      [.viewTimetables, .viewPlan, .viewDrafts, .composeTimetable, .publishTimetable, .viewReports, .viewHistory])
    allow(leaders, [.editPlan])
    allow([.admin, .director], [.managePeople])
    allow([.admin], [.manageOrganisations], .subtree)
    allow([.editor, .teacher, .classTeacher], [.viewTimetables, .viewPlan])
    allow([.editor], [.viewDrafts, .composeTimetable, .publishTimetable], block: .schedule)
    allow([.editor], [.editPlan], block: .classes)
    allow([.editor], [.managePeople], block: .people)
    allow([.classTeacher, .student, .parent], [.viewOwnClassTimetable], .linkedClass)
    allow([.districtStaff, .regionStaff, .ministryStaff], [.viewTimetables, .viewPlan, .viewReports], .subtree)
    return rules
  }
}
