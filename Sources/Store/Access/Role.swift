/// A role a person holds in one organisation (roles and rights are per organisation; one person
/// can hold several).
public enum Role: String, Codable, Sendable, CaseIterable {
  case admin, director, deputy, editor, teacher
  case classTeacher = "class-teacher"
  case student, parent
  case districtStaff = "district-staff"
  case regionStaff = "region-staff"
  case ministryStaff = "ministry-staff"

  /// Whether the role belongs to a management organisation (district, region, ministry) and
  /// reaches the organisations under it.
  public var isManagement: Bool { self == .districtStaff || self == .regionStaff || self == .ministryStaff }

  /// Roles that are linked to a teacher of the plan (`teacher`) or a class (`class`).
  public var needsTeacher: Bool { self == .teacher }
  public var needsClass: Bool { self == .classTeacher || self == .student || self == .parent }
}

/// The blocks of administrative rights an editor can be granted (seed 000).
public enum EditorBlock: String, Codable, Sendable, CaseIterable {
  /// Class timetables and study periods.
  case schedule
  /// People and their memberships.
  case people
  /// Classes, groups, subjects and curricula.
  case classes
}

/// What a person can do in an organisation; the store asks the access policy before each.
public enum Action: String, Codable, Sendable, CaseIterable {
  /// The timetables of every class, teacher and room of the school (the published version).
  case viewTimetables = "view-timetables"
  /// The timetable of the class the person is linked to (a student's, a child's).
  case viewOwnClassTimetable = "view-own-class-timetable"
  /// The plan: directories, calendar, curricula, assignments, the load report.
  case viewPlan = "view-plan"
  /// Edit the plan: curricula, study periods, classes, subjects, subgroups, teachers, rooms.
  case editPlan = "edit-plan"
  /// Draft versions of the timetable.
  case viewDrafts = "view-drafts"
  /// Compose the timetable: start solves, edit drafts.
  case composeTimetable = "compose-timetable"
  /// Publish a draft version.
  case publishTimetable = "publish-timetable"
  /// Reports (load, staffing), rolled up over a management organisation's subtree.
  case viewReports = "view-reports"
  /// People and their memberships.
  case managePeople = "manage-people"
  /// The history of changes.
  case viewHistory = "view-history"
  /// Create organisations under this one, move a school, change its settings.
  case manageOrganisations = "manage-organisations"
}
