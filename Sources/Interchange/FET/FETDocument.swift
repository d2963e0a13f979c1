import Foundation

/// One FET input file (`.fet`), read as written: a typed model of the format, with no mapping to
/// Sabaq's own model. `FETReader` builds it; `referenceProblems()` lists names that refer to nothing.
///
/// Names (of days, hours, teachers, subjects, tags, students sets, buildings, rooms) are kept
/// exactly as in the file, spaces included: FET reads them with `readElementText()` and compares
/// them exactly, without trimming (a few real files rely on it: an activity tag named " ", an hour
/// named "الحصة 2   "). Numbers and booleans are read with surrounding spaces ignored.
///
/// Students-set names are global in FET: the same subgroup (or group) name may appear under several
/// groups (or years) and then means the same students. `years` keeps the structure as written.
public struct FETDocument: Sendable, Equatable {
  /// The file name used in messages (the path, or the `source` given to `FETReader.parse`).
  public var source: String
  /// The `version` attribute of the root `<fet>` element, e.g. "5.41.0" or "6.0.4".
  public var version: String
  /// The `<Mode>` element; absent means `.official`.
  public var mode: FETMode
  /// `<Institution_Name>`.
  public var institutionName: String
  /// The file's top-level `<Comments>`.
  public var comments: String
  /// The day names, in order (`Days_List`).
  public var days: [String]
  /// The hour names, in order (`Hours_List`).
  public var hours: [String]
  /// `<Number_of_Terms>` (terms mode only).
  public var numberOfTerms: Int?
  /// `<Number_of_Days_Per_Term>` (terms mode only).
  public var numberOfDaysPerTerm: Int?
  /// `Teachers_List`, in file order.
  public var teachers: [FETTeacher]
  /// `Subjects_List`, in file order.
  public var subjects: [FETSubject]
  /// `Activity_Tags_List`, in file order.
  public var activityTags: [FETActivityTag]
  /// `Students_List`: years with their groups and subgroups, as written.
  public var years: [FETYear]
  /// `Activities_List`, in file order.
  public var activities: [FETActivity]
  /// `Buildings_List`, in file order.
  public var buildings: [FETBuilding]
  /// `Rooms_List`, in file order.
  public var rooms: [FETRoom]
  /// Every element of `Time_Constraints_List`, known kind or not, in file order.
  public var timeConstraints: [FETConstraint]
  /// Every element of `Space_Constraints_List`, known kind or not, in file order.
  public var spaceConstraints: [FETConstraint]
  /// Top-level elements this reader does not model (e.g. `Timetable_Generation_Options_List`,
  /// `Exception_Teachers_One_Day_List` of old mornings-afternoons files), kept as element trees.
  public var otherSections: [FETElement]

  public init(
    source: String, version: String = "", mode: FETMode = .official, institutionName: String = "",
    comments: String = "", days: [String] = [], hours: [String] = [], numberOfTerms: Int? = nil,
    numberOfDaysPerTerm: Int? = nil, teachers: [FETTeacher] = [], subjects: [FETSubject] = [],
    activityTags: [FETActivityTag] = [], years: [FETYear] = [], activities: [FETActivity] = [],
    buildings: [FETBuilding] = [], rooms: [FETRoom] = [], timeConstraints: [FETConstraint] = [],
    spaceConstraints: [FETConstraint] = [], otherSections: [FETElement] = []
  ) {
    self.source = source
    self.version = version
    self.mode = mode
    self.institutionName = institutionName
    self.comments = comments
    self.days = days
    self.hours = hours
    self.numberOfTerms = numberOfTerms
    self.numberOfDaysPerTerm = numberOfDaysPerTerm
    self.teachers = teachers
    self.subjects = subjects
    self.activityTags = activityTags
    self.years = years
    self.activities = activities
    self.buildings = buildings
    self.rooms = rooms
    self.timeConstraints = timeConstraints
    self.spaceConstraints = spaceConstraints
    self.otherSections = otherSections
  }

  /// Time constraints followed by space constraints.
  public var constraints: [FETConstraint] { timeConstraints + spaceConstraints }

  /// Every students-set name: years, groups and subgroups (a name used several times appears once).
  public var studentsSetNames: Set<String> {
    var names = Set<String>()
    for year in years {
      names.insert(year.name)
      for group in year.groups {
        names.insert(group.name)
        for subgroup in group.subgroups { names.insert(subgroup.name) }
      }
    }
    return names
  }

  /// The activity with this id, if any (the first one when ids repeat).
  public func activity(id: Int) -> FETActivity? {
    activities.first { $0.id == id }
  }
}

/// FET's `<Mode>`: how days are understood.
public enum FETMode: String, Sendable, Equatable, CaseIterable {
  /// No `<Mode>` element, or `Official`: plain days.
  case official = "Official"
  /// Each FET "day" is a half day (morning or afternoon); real days are pairs of FET days.
  case morningsAfternoons = "Mornings_Afternoons"
  /// The days are split into terms (`numberOfTerms` × `numberOfDaysPerTerm`).
  case terms = "Terms"
  /// Block planning: days are blocks, hours are periods.
  case blockPlanning = "Block_Planning"
}

/// A child element this reader keeps generically: its name, its text exactly as written, its line,
/// and, when it sits inside a nested block (e.g. `Not_Available_Time`), that block's name and
/// occurrence number.
public struct FETField: Sendable, Equatable {
  /// The element name, e.g. "Activity_Id" or "Day".
  public var name: String
  /// The element's text, exactly as written (empty for `<X></X>` and `<X/>`).
  public var value: String
  /// The line where the element starts.
  public var line: Int
  /// The enclosing block's name when the field was nested one level deeper (e.g.
  /// "Preferred_Starting_Time"), nil for a direct child.
  public var block: String?
  /// Which occurrence of nested blocks (0-based, counting every nested block of the parent) the
  /// field came from; fields with the same value belong together (a day and its hour).
  public var blockIndex: Int?

  public init(name: String, value: String, line: Int, block: String? = nil, blockIndex: Int? = nil) {
    self.name = name
    self.value = value
    self.line = line
    self.block = block
    self.blockIndex = blockIndex
  }
}

/// `<Teacher>`.
public struct FETTeacher: Sendable, Equatable {
  public var name: String
  /// `Target_Number_of_Hours` (FET 6; nil when absent).
  public var targetNumberOfHours: Int?
  /// `Qualified_Subjects` (FET 6; nil when the element is absent, empty when it is empty).
  public var qualifiedSubjects: [String]?
  public var comments: String
  /// The line of `<Teacher>`.
  public var line: Int
  /// Child elements not modelled above (e.g. `Mornings_Afternoons_Behavior`), flattened.
  public var otherFields: [FETField]

  public init(
    name: String, targetNumberOfHours: Int? = nil, qualifiedSubjects: [String]? = nil, comments: String = "",
    line: Int = 0, otherFields: [FETField] = []
  ) {
    self.name = name
    self.targetNumberOfHours = targetNumberOfHours
    self.qualifiedSubjects = qualifiedSubjects
    self.comments = comments
    self.line = line
    self.otherFields = otherFields
  }
}

/// `<Subject>`.
public struct FETSubject: Sendable, Equatable {
  public var name: String
  public var comments: String
  /// The line of `<Subject>`.
  public var line: Int
  /// Child elements not modelled above, flattened.
  public var otherFields: [FETField]

  public init(name: String, comments: String = "", line: Int = 0, otherFields: [FETField] = []) {
    self.name = name
    self.comments = comments
    self.line = line
    self.otherFields = otherFields
  }
}

/// `<Activity_Tag>` of `Activity_Tags_List`.
public struct FETActivityTag: Sendable, Equatable {
  public var name: String
  /// `Printable` (nil when absent; FET then treats the tag as printable).
  public var printable: Bool?
  public var comments: String
  /// The line of `<Activity_Tag>`.
  public var line: Int
  /// Child elements not modelled above, flattened.
  public var otherFields: [FETField]

  public init(name: String, printable: Bool? = nil, comments: String = "", line: Int = 0, otherFields: [FETField] = [])
  {
    self.name = name
    self.printable = printable
    self.comments = comments
    self.line = line
    self.otherFields = otherFields
  }
}

/// `<Year>` of `Students_List`.
public struct FETYear: Sendable, Equatable {
  public var name: String
  /// `Number_of_Students` (0 when absent).
  public var numberOfStudents: Int
  public var groups: [FETGroup]
  /// FET 6 divisions of the year: one list of division names per `<Category>` (empty when none).
  public var categories: [[String]]
  /// FET 6 `<Separator>` used to name generated groups (nil when absent).
  public var separator: String?
  public var comments: String
  /// The line of `<Year>`.
  public var line: Int
  /// Child elements not modelled above, flattened.
  public var otherFields: [FETField]

  public init(
    name: String, numberOfStudents: Int = 0, groups: [FETGroup] = [], categories: [[String]] = [],
    separator: String? = nil, comments: String = "", line: Int = 0, otherFields: [FETField] = []
  ) {
    self.name = name
    self.numberOfStudents = numberOfStudents
    self.groups = groups
    self.categories = categories
    self.separator = separator
    self.comments = comments
    self.line = line
    self.otherFields = otherFields
  }
}

/// `<Group>` of a year.
public struct FETGroup: Sendable, Equatable {
  public var name: String
  /// `Number_of_Students` (0 when absent).
  public var numberOfStudents: Int
  public var subgroups: [FETSubgroup]
  public var comments: String
  /// The line of `<Group>`.
  public var line: Int
  /// Child elements not modelled above, flattened.
  public var otherFields: [FETField]

  public init(
    name: String, numberOfStudents: Int = 0, subgroups: [FETSubgroup] = [], comments: String = "", line: Int = 0,
    otherFields: [FETField] = []
  ) {
    self.name = name
    self.numberOfStudents = numberOfStudents
    self.subgroups = subgroups
    self.comments = comments
    self.line = line
    self.otherFields = otherFields
  }
}

/// `<Subgroup>` of a group.
public struct FETSubgroup: Sendable, Equatable {
  public var name: String
  /// `Number_of_Students` (0 when absent).
  public var numberOfStudents: Int
  public var comments: String
  /// The line of `<Subgroup>`.
  public var line: Int
  /// Child elements not modelled above, flattened.
  public var otherFields: [FETField]

  public init(
    name: String, numberOfStudents: Int = 0, comments: String = "", line: Int = 0, otherFields: [FETField] = []
  ) {
    self.name = name
    self.numberOfStudents = numberOfStudents
    self.comments = comments
    self.line = line
    self.otherFields = otherFields
  }
}

/// `<Activity>`: one lesson (or one component of a split activity) to place.
public struct FETActivity: Sendable, Equatable {
  /// `Id`, unique in the file; constraints refer to activities by it.
  public var id: Int
  /// `Teacher` elements, in order (possibly none).
  public var teachers: [String]
  /// `Subject`.
  public var subject: String
  /// `Activity_Tag` elements, in order.
  public var activityTags: [String]
  /// `Students` elements (year, group or subgroup names), in order (possibly none).
  public var students: [String]
  /// `Duration` in hours (periods), at least 1.
  public var duration: Int
  /// `Total_Duration`: the sum of the durations of the components of a split activity (equal to
  /// `duration` when absent).
  public var totalDuration: Int
  /// `Activity_Group_Id`: 0 when not split, else the id of the first component.
  public var activityGroupID: Int
  /// `Active` (true when absent); FET ignores inactive activities.
  public var active: Bool
  /// `Number_Of_Students` when given (else FET uses the students sets' sizes).
  public var numberOfStudents: Int?
  public var comments: String
  /// The line of `<Activity>`.
  public var line: Int
  /// Child elements not modelled above, flattened.
  public var otherFields: [FETField]

  public init(
    id: Int, teachers: [String] = [], subject: String, activityTags: [String] = [], students: [String] = [],
    duration: Int, totalDuration: Int? = nil, activityGroupID: Int = 0, active: Bool = true,
    numberOfStudents: Int? = nil, comments: String = "", line: Int = 0, otherFields: [FETField] = []
  ) {
    self.id = id
    self.teachers = teachers
    self.subject = subject
    self.activityTags = activityTags
    self.students = students
    self.duration = duration
    self.totalDuration = totalDuration ?? duration
    self.activityGroupID = activityGroupID
    self.active = active
    self.numberOfStudents = numberOfStudents
    self.comments = comments
    self.line = line
    self.otherFields = otherFields
  }
}

/// `<Building>`.
public struct FETBuilding: Sendable, Equatable {
  public var name: String
  public var comments: String
  /// The line of `<Building>`.
  public var line: Int
  /// Child elements not modelled above, flattened.
  public var otherFields: [FETField]

  public init(name: String, comments: String = "", line: Int = 0, otherFields: [FETField] = []) {
    self.name = name
    self.comments = comments
    self.line = line
    self.otherFields = otherFields
  }
}

/// `<Room>`. A virtual room (FET 6) stands for one real room out of each of its sets.
public struct FETRoom: Sendable, Equatable {
  public var name: String
  /// `Building` (nil when absent or empty).
  public var building: String?
  /// `Capacity` (nil when absent; FET's default is then 30000, unlimited in practice).
  public var capacity: Int?
  /// `Virtual` (false when absent).
  public var isVirtual: Bool
  /// For a virtual room, its `Set_of_Real_Rooms` elements: each set lists `Real_Room` names, and an
  /// activity in the virtual room takes one real room from every set.
  public var realRoomSets: [[String]]
  public var comments: String
  /// The line of `<Room>`.
  public var line: Int
  /// Child elements not modelled above, flattened.
  public var otherFields: [FETField]

  public init(
    name: String, building: String? = nil, capacity: Int? = nil, isVirtual: Bool = false,
    realRoomSets: [[String]] = [], comments: String = "", line: Int = 0, otherFields: [FETField] = []
  ) {
    self.name = name
    self.building = building
    self.capacity = capacity
    self.isVirtual = isVirtual
    self.realRoomSets = realRoomSets
    self.comments = comments
    self.line = line
    self.otherFields = otherFields
  }
}

/// An XML element as read: name, attributes, text exactly as written (the character data directly
/// inside it), the line where it starts, and its child elements.
public struct FETElement: Sendable, Equatable {
  public var name: String
  public var attributes: [String: String]
  /// The character data directly inside the element (for an element with children this is the
  /// whitespace between them).
  public var text: String
  /// The line where the element starts (where its start tag ends, for a tag spread over lines).
  public var line: Int
  public var children: [FETElement]

  public init(
    name: String, attributes: [String: String] = [:], text: String = "", line: Int, children: [FETElement] = []
  ) {
    self.name = name
    self.attributes = attributes
    self.text = text
    self.line = line
    self.children = children
  }

  /// The first child with this name.
  public func child(_ name: String) -> FETElement? {
    children.first { $0.name == name }
  }

  /// Every child with this name, in order.
  public func children(_ name: String) -> [FETElement] {
    children.filter { $0.name == name }
  }
}
