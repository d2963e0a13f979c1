/// A named set of students as other timetablers describe them (FET's years, groups and
/// subgroups): lessons and rules may refer to it by its id. A set with `members` is made of them;
/// one without is a unit of its own. Names are shared: a subgroup listed under two groups is the
/// same students.
public struct StudentSet: Codable, Hashable, Sendable, Identifiable {
  public enum Kind: String, Codable, Sendable, CaseIterable {
    case year, group, subgroup
  }

  public var id: StudentSetID
  public var kind: Kind
  public var students: Int?
  /// The sets it is made of (a year's groups, a group's subgroups).
  public var members: [StudentSetID]?

  public init(id: StudentSetID, kind: Kind, students: Int? = nil, members: [StudentSetID]? = nil) {
    self.id = id
    self.kind = kind
    self.students = students
    self.members = members
  }
}

/// A lesson given directly rather than derived from a curriculum: an elective, a club, or an
/// activity imported from another timetabler (FET). It is placed once a week.
public struct Activity: Codable, Hashable, Sendable, Identifiable {
  public var id: ActivityID
  public var subject: SubjectID
  public var teachers: [TeacherID]
  /// Student sets (or classes) taught together.
  public var students: [String]
  /// Consecutive periods.
  public var duration: Int
  public var tags: [String]?
  /// The activities split from one weekly load share a group id (FET's Activity_Group_Id).
  public var group: String?
  /// An inactive activity is kept but not placed.
  public var active: Bool?
  /// Number of students, when it differs from the sets' sizes.
  public var size: Int?
  /// Room requirements: one room from each list (empty: no room needed).
  public var rooms: [[RoomID]]?
  /// Whether the activity may go without its rooms (only a wish asks for them).
  public var roomsOptional: Bool?

  public init(
    id: ActivityID, subject: SubjectID, teachers: [TeacherID], students: [String], duration: Int = 1,
    tags: [String]? = nil, group: String? = nil, active: Bool? = nil, size: Int? = nil, rooms: [[RoomID]]? = nil,
    roomsOptional: Bool? = nil
  ) {
    self.id = id
    self.subject = subject
    self.teachers = teachers
    self.students = students
    self.duration = duration
    self.tags = tags
    self.group = group
    self.active = active
    self.size = size
    self.rooms = rooms
    self.roomsOptional = roomsOptional
  }

  public var isActive: Bool { active ?? true }
}

extension Organisation {
  /// The student units of every named student set: a set without members is a unit; a set with
  /// members has theirs.
  public func studentSetUnits() -> [StudentSetID: [String]] { StudentSet.units(of: studentSets ?? []) }
}

extension StudentSet {
  /// The student units of each of these sets: a set without members is a unit; a set with members
  /// has theirs (a member named but not listed is a unit of its own).
  public static func units(of studentSets: [StudentSet]) -> [StudentSetID: [String]] {
    let sets = Dictionary(studentSets.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var memo: [StudentSetID: [String]] = [:]
    func units(_ id: StudentSetID, _ visiting: inout Set<StudentSetID>) -> [String] {
      if let known = memo[id] { return known }
      guard let set = sets[id], let members = set.members, !members.isEmpty, !visiting.contains(id) else {
        memo[id] = [id]
        return [id]
      }
      visiting.insert(id)
      var result: [String] = []
      var seen = Set<String>()
      for member in members {
        for unit in units(member, &visiting) where seen.insert(unit).inserted { result.append(unit) }
      }
      visiting.remove(id)
      memo[id] = result
      return result
    }
    var visiting = Set<StudentSetID>()
    for set in studentSets { _ = units(set.id, &visiting) }
    return memo
  }
}
