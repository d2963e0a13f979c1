import Planner

// FET's interval max days, activity-tag max hours, max span and min resting hours kinds, on one
// teacher, all teachers, one students set or all students; students (set) max days per week.
extension FETImport.Mapper {
  /// The period of a FET hour named in a field; an empty or missing field is the end of the day
  /// (the period after the last) when `endOfDay` is allowed.
  func period(_ constraint: FETConstraint, _ field: String, endOfDay: Bool) throws -> Int {
    let name = constraint.string(field) ?? ""
    if name.isEmpty, endOfDay { return document.hours.count + 1 }
    guard let period = hourNumber[name] else {
      throw error(constraint.line, "\(constraint.kind): no hour \"\(name)\" in \(field)")
    }
    return period
  }

  /// The ids of the active activities with the constraint's activity tag (FET names the field
  /// `Activity_Tag_Name` for teachers and `Activity_Tag` for students).
  func tagged(_ constraint: FETConstraint) -> (tag: String, lessons: [String]) {
    let tag = constraint.string("Activity_Tag_Name") ?? constraint.string("Activity_Tag") ?? ""
    return (tag, activities.filter { $0.activityTags.contains(tag) }.map { String($0.id) })
  }

  /// The teacher a constraint names (`Teacher_Name`), or nil for an "all teachers" kind.
  func teacher(_ constraint: FETConstraint, all: Bool) -> TeacherID? {
    all ? nil : constraint.string("Teacher_Name") ?? constraint.string("Teacher") ?? ""
  }

  /// The students set a constraint names (`Students`), or nil for an "all students" kind.
  func students(_ constraint: FETConstraint, all: Bool) -> String? {
    all ? nil : constraint.string("Students") ?? ""
  }

  mutating func interval(_ c: FETConstraint, teachers: Bool, all: Bool) throws {
    let start = try period(c, "Interval_Start_Hour", endOfDay: false)
    let end = try period(c, "Interval_End_Hour", endOfDay: true)
    let most = try number(c, "Max_Days_Per_Week")
    add(
      teachers
        ? .teachersIntervalMaxDaysPerWeek(teacher: teacher(c, all: all), startPeriod: start, endPeriod: end, max: most)
        : .studentsIntervalMaxDaysPerWeek(
          students: students(c, all: all), startPeriod: start, endPeriod: end, max: most),
      c)
  }

  mutating func tagHours(_ c: FETConstraint, teachers: Bool, all: Bool, continuously: Bool) throws {
    let (tag, lessons) = tagged(c)
    let most = try number(c, continuously ? "Maximum_Hours_Continuously" : "Maximum_Hours_Daily")
    let rule: ConstraintRule
    switch (teachers, continuously) {
    case (true, false):
      rule = .teachersTagMaxHoursDaily(teacher: teacher(c, all: all), tag: tag, lessons: lessons, max: most)
    case (true, true):
      rule = .teachersTagMaxHoursContinuously(teacher: teacher(c, all: all), tag: tag, lessons: lessons, max: most)
    case (false, false):
      rule = .studentsTagMaxHoursDaily(students: students(c, all: all), tag: tag, lessons: lessons, max: most)
    case (false, true):
      rule = .studentsTagMaxHoursContinuously(students: students(c, all: all), tag: tag, lessons: lessons, max: most)
    }
    add(rule, c)
  }

  mutating func span(_ c: FETConstraint, teachers: Bool, all: Bool) throws {
    let most = try number(c, "Max_Span")
    let plusOne = try flag(c, "Allow_One_Day_Exception_of_Plus_One", default: false)
    add(
      teachers
        ? .teachersMaxSpanPerDay(teacher: teacher(c, all: all), max: most, oneDayPlusOne: plusOne)
        : .studentsMaxSpanPerDay(students: students(c, all: all), max: most, oneDayPlusOne: plusOne),
      c)
  }

  mutating func resting(_ c: FETConstraint, teachers: Bool, all: Bool) throws {
    let least = try number(c, "Minimum_Resting_Hours")
    let circular = try flag(c, "Circular", default: false)
    add(
      teachers
        ? .teachersMinRestingHours(teacher: teacher(c, all: all), min: least, circular: circular)
        : .studentsMinRestingHours(students: students(c, all: all), min: least, circular: circular),
      c)
  }

  /// Max building changes per day or week, min gaps between building changes (space constraints).
  mutating func buildings(_ c: FETConstraint, teachers: Bool, all: Bool, field: String) throws {
    let n = try number(c, field)
    let t = teacher(c, all: all)
    let s = students(c, all: all)
    let rule: ConstraintRule
    switch (teachers, field) {
    case (true, "Max_Building_Changes_Per_Day"): rule = .teachersMaxBuildingChangesPerDay(teacher: t, max: n)
    case (true, "Max_Building_Changes_Per_Week"): rule = .teachersMaxBuildingChangesPerWeek(teacher: t, max: n)
    case (true, _): rule = .teachersMinGapsBetweenBuildingChanges(teacher: t, min: n)
    case (false, "Max_Building_Changes_Per_Day"): rule = .studentsMaxBuildingChangesPerDay(students: s, max: n)
    case (false, "Max_Building_Changes_Per_Week"): rule = .studentsMaxBuildingChangesPerWeek(students: s, max: n)
    case (false, _): rule = .studentsMinGapsBetweenBuildingChanges(students: s, min: n)
    }
    add(rule, c)
  }

  /// Min gaps between an ordered pair of activity tags.
  mutating func tagPair(_ c: FETConstraint, teachers: Bool, all: Bool) throws {
    let firstTag = c.string("First_Activity_Tag") ?? ""
    let secondTag = c.string("Second_Activity_Tag") ?? ""
    let first = activities.filter { $0.activityTags.contains(firstTag) }.map { String($0.id) }
    let second = activities.filter { $0.activityTags.contains(secondTag) }.map { String($0.id) }
    let least = try number(c, "MinGaps")
    add(
      teachers
        ? .teachersMinGapsBetweenTagPair(
          teacher: teacher(c, all: all), firstTag: firstTag, first: first, secondTag: secondTag, second: second,
          min: least)
        : .studentsMinGapsBetweenTagPair(
          students: students(c, all: all), firstTag: firstTag, first: first, secondTag: secondTag, second: second,
          min: least),
      c)
  }

  /// The importers of these kinds, merged with `importers` where a kind is looked up.
  static let resourceImporters: [String: Importer] = [
    "ConstraintTeacherIntervalMaxDaysPerWeek": { m, c in try m.interval(c, teachers: true, all: false) },
    "ConstraintTeachersIntervalMaxDaysPerWeek": { m, c in try m.interval(c, teachers: true, all: true) },
    "ConstraintStudentsSetIntervalMaxDaysPerWeek": { m, c in try m.interval(c, teachers: false, all: false) },
    "ConstraintStudentsIntervalMaxDaysPerWeek": { m, c in try m.interval(c, teachers: false, all: true) },
    "ConstraintTeacherActivityTagMaxHoursDaily": { m, c in
      try m.tagHours(c, teachers: true, all: false, continuously: false)
    },
    "ConstraintTeachersActivityTagMaxHoursDaily": { m, c in
      try m.tagHours(c, teachers: true, all: true, continuously: false)
    },
    "ConstraintStudentsSetActivityTagMaxHoursDaily": { m, c in
      try m.tagHours(c, teachers: false, all: false, continuously: false)
    },
    "ConstraintStudentsActivityTagMaxHoursDaily": { m, c in
      try m.tagHours(c, teachers: false, all: true, continuously: false)
    },
    "ConstraintTeacherActivityTagMaxHoursContinuously": { m, c in
      try m.tagHours(c, teachers: true, all: false, continuously: true)
    },
    "ConstraintTeachersActivityTagMaxHoursContinuously": { m, c in
      try m.tagHours(c, teachers: true, all: true, continuously: true)
    },
    "ConstraintStudentsSetActivityTagMaxHoursContinuously": { m, c in
      try m.tagHours(c, teachers: false, all: false, continuously: true)
    },
    "ConstraintStudentsActivityTagMaxHoursContinuously": { m, c in
      try m.tagHours(c, teachers: false, all: true, continuously: true)
    },
    "ConstraintTeacherMaxSpanPerDay": { m, c in try m.span(c, teachers: true, all: false) },
    "ConstraintTeachersMaxSpanPerDay": { m, c in try m.span(c, teachers: true, all: true) },
    "ConstraintStudentsSetMaxSpanPerDay": { m, c in try m.span(c, teachers: false, all: false) },
    "ConstraintStudentsMaxSpanPerDay": { m, c in try m.span(c, teachers: false, all: true) },
    "ConstraintTeacherMinRestingHours": { m, c in try m.resting(c, teachers: true, all: false) },
    "ConstraintTeachersMinRestingHours": { m, c in try m.resting(c, teachers: true, all: true) },
    "ConstraintStudentsSetMinRestingHours": { m, c in try m.resting(c, teachers: false, all: false) },
    "ConstraintStudentsMinRestingHours": { m, c in try m.resting(c, teachers: false, all: true) },
    "ConstraintStudentsSetMaxDaysPerWeek": { m, c in
      m.add(.studentsMaxDaysPerWeek(students: m.students(c, all: false), max: try m.number(c, "Max_Days_Per_Week")), c)
    },
    "ConstraintStudentsMinGapsBetweenOrderedPairOfActivityTags": { m, c in
      try m.tagPair(c, teachers: false, all: true)
    },
    "ConstraintStudentsSetMinGapsBetweenOrderedPairOfActivityTags": { m, c in
      try m.tagPair(c, teachers: false, all: false)
    },
    "ConstraintTeachersMinGapsBetweenOrderedPairOfActivityTags": { m, c in
      try m.tagPair(c, teachers: true, all: true)
    },
    "ConstraintTeacherMinGapsBetweenOrderedPairOfActivityTags": { m, c in
      try m.tagPair(c, teachers: true, all: false)
    },
    "ConstraintStudentsMaxDaysPerWeek": { m, c in
      m.add(.studentsMaxDaysPerWeek(students: nil, max: try m.number(c, "Max_Days_Per_Week")), c)
    },
    "ConstraintTeacherMaxBuildingChangesPerDay": { m, c in
      try m.buildings(c, teachers: true, all: false, field: "Max_Building_Changes_Per_Day")
    },
    "ConstraintTeacherMaxBuildingChangesPerWeek": { m, c in
      try m.buildings(c, teachers: true, all: false, field: "Max_Building_Changes_Per_Week")
    },
    "ConstraintTeacherMinGapsBetweenBuildingChanges": { m, c in
      try m.buildings(c, teachers: true, all: false, field: "Min_Gaps_Between_Building_Changes")
    },
    "ConstraintTeachersMaxBuildingChangesPerDay": { m, c in
      try m.buildings(c, teachers: true, all: true, field: "Max_Building_Changes_Per_Day")
    },
    "ConstraintTeachersMaxBuildingChangesPerWeek": { m, c in
      try m.buildings(c, teachers: true, all: true, field: "Max_Building_Changes_Per_Week")
    },
    "ConstraintTeachersMinGapsBetweenBuildingChanges": { m, c in
      try m.buildings(c, teachers: true, all: true, field: "Min_Gaps_Between_Building_Changes")
    },
    "ConstraintStudentsSetMaxBuildingChangesPerDay": { m, c in
      try m.buildings(c, teachers: false, all: false, field: "Max_Building_Changes_Per_Day")
    },
    "ConstraintStudentsSetMaxBuildingChangesPerWeek": { m, c in
      try m.buildings(c, teachers: false, all: false, field: "Max_Building_Changes_Per_Week")
    },
    "ConstraintStudentsSetMinGapsBetweenBuildingChanges": { m, c in
      try m.buildings(c, teachers: false, all: false, field: "Min_Gaps_Between_Building_Changes")
    },
    "ConstraintStudentsMaxBuildingChangesPerDay": { m, c in
      try m.buildings(c, teachers: false, all: true, field: "Max_Building_Changes_Per_Day")
    },
    "ConstraintStudentsMaxBuildingChangesPerWeek": { m, c in
      try m.buildings(c, teachers: false, all: true, field: "Max_Building_Changes_Per_Week")
    },
    "ConstraintStudentsMinGapsBetweenBuildingChanges": { m, c in
      try m.buildings(c, teachers: false, all: true, field: "Min_Gaps_Between_Building_Changes")
    },
  ]
}
