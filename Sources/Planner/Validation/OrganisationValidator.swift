/// Checks an organisation's data and plan: references between its parts, the calendar, the
/// curricula, and the planning rules a deputy cares about (a subject with no teacher, a
/// teacher over the maximum load, a class whose hours do not fit its shift).
///
/// Every problem is reported with the JSON path of the place to fix, not just the first.
/// Errors make the data unusable (a reference to nothing, a class that cannot fit its grid, a
/// teacher over the maximum); warnings are plans still in progress (a subject with no teacher
/// yet is a vacancy, still placed in the timetable; a teacher not qualified for a subject).
public struct OrganisationValidator {
  public let organisation: Organisation
  private var issues: [PlanningIssue] = []
  private let o = InstancePath.organisation

  public init(organisation: Organisation) { self.organisation = organisation }

  /// All problems found, errors first.
  public static func validate(_ organisation: Organisation) -> [PlanningIssue] {
    // Numbers out of range first: the other checks compute with them.
    let outOfRange = NumberRanges.issues(in: organisation)
    guard outOfRange.isEmpty else { return outOfRange }
    var validator = OrganisationValidator(organisation: organisation)
    validator.checkReferences()
    if !validator.issues.contains(where: \.isError) {
      validator.checkPlanning()
    }
    validator.issues += YearPlanChecks.issues(in: organisation)
    return validator.issues.filter(\.isError) + validator.issues.filter { !$0.isError }
  }

  private mutating func error(_ code: String, _ path: String, _ message: String) {
    issues.append(.error(code, at: path, message))
  }

  private mutating func warning(_ code: String, _ path: String, _ message: String) {
    issues.append(.warning(code, at: path, message))
  }

  // MARK: - References and structure

  private mutating func checkUnique<T>(_ items: [T], list: String, kind: String, id: (T) -> String) {
    var seen: [String: Int] = [:]
    for (i, item) in items.enumerated() {
      let key = id(item)
      if key.isBlank {
        error("empty-id", "\(o).\(list)[\(i)].id", "\(kind) has an empty id")
      } else if let first = seen[key] {
        error(
          "duplicate-id", "\(o).\(list)[\(i)].id", "\(kind) id \"\(key)\" is used already at \(o).\(list)[\(first)]")
      } else {
        seen[key] = i
      }
    }
  }

  private mutating func checkSlots(_ slots: [TimeSlot]?, path: String, periodsPerDay: Int) {
    for (i, slot) in (slots ?? []).enumerated() {
      if !organisation.settings.schoolDays.contains(slot.day) {
        error(
          "slot-not-school-day", "\(path)[\(i)].day", "\(slot.day.rawValue) is not a school day of the organisation")
      }
      if slot.period < 1 || slot.period > periodsPerDay {
        error(
          "slot-out-of-grid", "\(path)[\(i)].period",
          "expected a period from 1 to \(periodsPerDay), found \(slot.period)")
      }
    }
  }

  /// The ids of every list, the school days and the periods of a day, gathered once for the
  /// reference checks.
  private struct KnownIDs {
    let periods: Set<PeriodID>
    let shifts: Set<String>
    let subjects: Set<SubjectID>
    let buildings: Set<String>
    let rooms: Set<RoomID>
    let teachers: Set<TeacherID>
    let classes: Set<ClassID>
    let studentSets: Set<String>
    let activities: Set<String>
    let days: [Weekday]
    let periodsPerDay: Int

    init(_ org: Organisation) {
      periods = Set(org.studyPeriods.map(\.id))
      shifts = Set(org.shifts.map(\.id))
      subjects = Set(org.subjects.map(\.id))
      buildings = Set((org.buildings ?? []).map(\.id))
      rooms = Set(org.rooms.map(\.id))
      teachers = Set(org.teachers.map(\.id))
      classes = Set(org.classes.map(\.id))
      studentSets = Set((org.studentSets ?? []).map(\.id))
      activities = Set((org.activities ?? []).map(\.id))
      days = org.settings.schoolDays
      periodsPerDay = org.shifts.map { $0.firstPeriod + $0.lessonsPerDay - 1 }.max() ?? 0
    }
  }

  private mutating func checkReferences() {
    let org = organisation
    if org.name.isBlank { error("empty-name", "\(o).name", "the organisation has no name") }
    checkUnique(org.studyPeriods, list: "studyPeriods", kind: "study period", id: \.id)
    checkUnique(org.shifts, list: "shifts", kind: "shift", id: \.id)
    checkUnique(org.subjects, list: "subjects", kind: "subject", id: \.id)
    checkUnique(org.buildings ?? [], list: "buildings", kind: "building", id: \.id)
    checkUnique(org.rooms, list: "rooms", kind: "room", id: \.id)
    checkUnique(org.teachers, list: "teachers", kind: "teacher", id: \.id)
    checkUnique(org.classes, list: "classes", kind: "class", id: \.id)
    checkUnique(org.streams ?? [], list: "streams", kind: "stream", id: \.id)
    checkUnique(org.standardCurricula ?? [], list: "standardCurricula", kind: "standard curriculum", id: \.id)

    let known = KnownIDs(org)
    checkCalendar()
    checkShifts()
    checkBellSchedules()
    checkSubjects()
    checkRooms(known)
    checkTeachers(known)
    checkClasses(known)
    checkCurricula(known)
    checkAssignmentReferences(known)
    checkStreamReferences(known)
    // Student sets, activities and explicit rules (imported from FET).
    checkUnique(org.studentSets ?? [], list: "studentSets", kind: "student set", id: \.id)
    checkUnique(org.activities ?? [], list: "activities", kind: "activity", id: \.id)
    checkStudentSets(known)
    checkActivities(known)
    checkConstraints(known)
    checkNames()
    checkDistributionOverrides(known)
  }

  /// School days, norm hours, the academic year, study periods and holidays.
  private mutating func checkCalendar() {
    let org = organisation
    let days = org.settings.schoolDays
    if days.isEmpty { error("no-school-days", "\(o).settings.schoolDays", "expected at least one school day") }
    if Set(days).count != days.count {
      error("duplicate-school-day", "\(o).settings.schoolDays", "a school day is listed twice")
    }
    if days.contains(.sun) { warning("sunday-school-day", "\(o).settings.schoolDays", "Sunday is a school day") }
    if let norm = org.settings.normHours, norm.isZero {
      error("zero-norm-hours", "\(o).settings.normHours", "the norm hours of a rate must be more than 0")
    }
    let year = org.academicYear
    if year.start > year.end {
      error(
        "year-ends-before-start", "\(o).academicYear",
        "the academic year ends (\(year.end)) before it starts (\(year.start))")
    }
    if org.studyPeriods.isEmpty { error("no-study-periods", "\(o).studyPeriods", "expected at least one study period") }
    let sortedPeriods = org.studyPeriods.enumerated().sorted { $0.element.start < $1.element.start }
    for (i, period) in org.studyPeriods.enumerated() {
      let path = "\(o).studyPeriods[\(i)]"
      if period.start > period.end {
        error(
          "period-ends-before-start", path, "\(period.name) ends (\(period.end)) before it starts (\(period.start))")
      }
      if period.start < year.start || period.end > year.end {
        error(
          "period-outside-year", path,
          "\(period.name) (\(period.start)–\(period.end)) is not inside the academic year \(year.start)–\(year.end)")
      }
    }
    for (a, b) in zip(sortedPeriods, sortedPeriods.dropFirst()) where a.element.range.overlaps(b.element.range) {
      error(
        "periods-overlap", "\(o).studyPeriods[\(b.offset)]",
        "\(b.element.name) starts (\(b.element.start)) before \(a.element.name) ends (\(a.element.end))")
    }
    for (i, holiday) in (org.holidays ?? []).enumerated() where holiday.start > holiday.end {
      error("holiday-ends-before-start", "\(o).holidays[\(i)]", "\(holiday.name) ends before it starts")
    }
  }

  /// The shifts: lessons a day, the first period, long breaks.
  private mutating func checkShifts() {
    let org = organisation
    if org.shifts.isEmpty { error("no-shifts", "\(o).shifts", "expected at least one shift") }
    for (i, shift) in org.shifts.enumerated() {
      let path = "\(o).shifts[\(i)]"
      if !NumberRanges.lessonsPerDay.contains(shift.lessonsPerDay) {
        error(
          "bad-lessons-per-day", "\(path).lessonsPerDay",
          "expected \(NumberRanges.lessonsPerDay.lowerBound) to \(NumberRanges.lessonsPerDay.upperBound) lessons a day, found \(shift.lessonsPerDay)"
        )
      }
      if shift.firstPeriod < 1 {
        error("bad-first-period", "\(path).firstPeriod", "expected 1 or more, found \(shift.firstPeriod)")
      }
      for (k, after) in (shift.longBreaksAfter ?? []).enumerated() where after < 1 || after >= shift.lessonsPerDay {
        error(
          "bad-long-break", "\(path).longBreaksAfter[\(k)]",
          "a long break must come after a lesson from 1 to \(shift.lessonsPerDay - 1), found \(after)")
      }
    }
  }

  /// The bell schedules: their shift, the numbering and order of their lessons.
  private mutating func checkBellSchedules() {
    let org = organisation
    for (i, bells) in (org.bellSchedules ?? []).enumerated() {
      let path = "\(o).bellSchedules[\(i)]"
      guard let shift = org.shift(bells.shift) else {
        error("unknown-shift", "\(path).shift", "no shift \"\(bells.shift)\"")
        continue
      }
      for (k, lesson) in bells.lessons.enumerated() {
        if lesson.number != k + 1 {
          error("bell-numbering", "\(path).lessons[\(k)].number", "expected lesson \(k + 1), found \(lesson.number)")
        }
        if lesson.end <= lesson.start {
          error(
            "bell-ends-before-start", "\(path).lessons[\(k)]",
            "lesson \(lesson.number) ends (\(lesson.end)) before it starts (\(lesson.start))")
        }
        if k > 0, lesson.start < bells.lessons[k - 1].end {
          error(
            "bells-overlap", "\(path).lessons[\(k)].start",
            "lesson \(lesson.number) starts (\(lesson.start)) before lesson \(k) ends (\(bells.lessons[k - 1].end))")
        }
      }
      if bells.lessons.count < shift.lessonsPerDay {
        warning(
          "bells-too-few", "\(path).lessons",
          "\(shift.name) has \(shift.lessonsPerDay) lessons a day but the bell schedule only \(bells.lessons.count)")
      }
    }
  }

  private mutating func checkSubjects() {
    for (i, subject) in organisation.subjects.enumerated() where subject.name.isBlank {
      error("empty-name", "\(o).subjects[\(i)].name", "the subject \"\(subject.id)\" has no name")
    }
  }

  private mutating func checkRooms(_ known: KnownIDs) {
    for (i, room) in organisation.rooms.enumerated() {
      let path = "\(o).rooms[\(i)]"
      if let b = room.building, !known.buildings.contains(b) {
        error("unknown-building", "\(path).building", "no building \"\(b)\"")
      }
      if room.capacity < 1 {
        error("bad-capacity", "\(path).capacity", "expected a capacity of 1 or more, found \(room.capacity)")
      }
      checkSlots(room.unavailable, path: "\(path).unavailable", periodsPerDay: known.periodsPerDay)
    }
  }

  private mutating func checkTeachers(_ known: KnownIDs) {
    for (i, teacher) in organisation.teachers.enumerated() {
      let path = "\(o).teachers[\(i)]"
      if teacher.name.isBlank { error("empty-name", "\(path).name", "the teacher \"\(teacher.id)\" has no name") }
      for (k, s) in teacher.subjects.enumerated() where !known.subjects.contains(s) {
        error("unknown-subject", "\(path).subjects[\(k)]", "no subject \"\(s)\"")
      }
      if let r = teacher.room, !known.rooms.contains(r) { error("unknown-room", "\(path).room", "no room \"\(r)\"") }
      if let m = teacher.maxLessonsPerDay, m < 1 {
        error("bad-max-lessons", "\(path).maxLessonsPerDay", "expected 1 or more, found \(m)")
      }
      checkSlots(teacher.unavailable, path: "\(path).unavailable", periodsPerDay: known.periodsPerDay)
      for (k, d) in (teacher.daysOffRequested ?? []).enumerated() where !known.days.contains(d) {
        error("slot-not-school-day", "\(path).daysOffRequested[\(k)]", "\(d.rawValue) is not a school day")
      }
    }
  }

  private mutating func checkClasses(_ known: KnownIDs) {
    var classNames: [String: Int] = [:]
    for (i, schoolClass) in organisation.classes.enumerated() {
      let path = "\(o).classes[\(i)]"
      if !known.shifts.contains(schoolClass.shift) {
        error("unknown-shift", "\(path).shift", "no shift \"\(schoolClass.shift)\"")
      }
      if schoolClass.grade < 0 || schoolClass.grade > 13 {
        error("bad-grade", "\(path).grade", "expected a grade from 0 to 13, found \(schoolClass.grade)")
      }
      if schoolClass.boys < 0 || schoolClass.girls < 0 {
        error("bad-count", path, "numbers of boys and girls must not be negative")
      }
      if schoolClass.students == 0 { warning("empty-class", path, "\(schoolClass.name) has no students") }
      if let r = schoolClass.homeRoom, !known.rooms.contains(r) {
        error("unknown-room", "\(path).homeRoom", "no room \"\(r)\"")
      }
      if let t = schoolClass.classTeacher, !known.teachers.contains(t) {
        error("unknown-teacher", "\(path).classTeacher", "no teacher \"\(t)\"")
      }
      if let m = schoolClass.maxLessonsPerDay, m < 1 {
        error("bad-max-lessons", "\(path).maxLessonsPerDay", "expected 1 or more, found \(m)")
      }
      checkSlots(schoolClass.unavailable, path: "\(path).unavailable", periodsPerDay: known.periodsPerDay)
      if let first = classNames[schoolClass.name] {
        error(
          "duplicate-class-name", "\(path).letter",
          "two classes are called \(schoolClass.name) (also \(o).classes[\(first)])")
      } else {
        classNames[schoolClass.name] = i
      }
    }
  }

  /// Standard curricula, then working curricula (one per class, each subject once).
  private mutating func checkCurricula(_ known: KnownIDs) {
    let org = organisation
    for (i, template) in (org.standardCurricula ?? []).enumerated() {
      for (k, entry) in template.entries.enumerated() where !known.subjects.contains(entry.subject) {
        error(
          "unknown-subject", "\(o).standardCurricula[\(i)].entries[\(k)].subject", "no subject \"\(entry.subject)\"")
      }
    }
    var curriculumOf: [ClassID: Int] = [:]
    for (i, curriculum) in org.workingCurricula.enumerated() {
      let path = "\(o).workingCurricula[\(i)]"
      if !known.classes.contains(curriculum.class) {
        error("unknown-class", "\(path).class", "no class \"\(curriculum.class)\"")
      }
      if let first = curriculumOf[curriculum.class] {
        error(
          "duplicate-curriculum", "\(path).class",
          "the class \"\(curriculum.class)\" already has a working curriculum at \(o).workingCurricula[\(first)]")
      } else {
        curriculumOf[curriculum.class] = i
      }
      var subjectsSeen = Set<SubjectID>()
      for (k, entry) in curriculum.entries.enumerated() {
        let entryPath = "\(path).entries[\(k)]"
        if !known.subjects.contains(entry.subject) {
          error("unknown-subject", "\(entryPath).subject", "no subject \"\(entry.subject)\"")
        }
        if !subjectsSeen.insert(entry.subject).inserted {
          error("duplicate-subject", "\(entryPath).subject", "the subject \"\(entry.subject)\" is listed twice")
        }
        for period in (entry.periodHours ?? [:]).keys.sorted() where !known.periods.contains(period) {
          error("unknown-period", "\(entryPath).periodHours.\(period)", "no study period \"\(period)\"")
        }
      }
    }
  }

  /// What the assignments name, their group counts, and no subject of a class assigned twice.
  private mutating func checkAssignmentReferences(_ known: KnownIDs) {
    var assignmentKeys: [String: Int] = [:]
    for (i, a) in organisation.assignments.enumerated() {
      let path = "\(o).assignments[\(i)]"
      if !known.classes.contains(a.class) { error("unknown-class", "\(path).class", "no class \"\(a.class)\"") }
      if !known.subjects.contains(a.subject) {
        error("unknown-subject", "\(path).subject", "no subject \"\(a.subject)\"")
      }
      if let p = a.period, !known.periods.contains(p) {
        error("unknown-period", "\(path).period", "no study period \"\(p)\"")
      }
      for (k, t) in a.teachers.enumerated() where !known.teachers.contains(t) {
        error("unknown-teacher", "\(path).teachers[\(k)]", "no teacher \"\(t)\"")
      }
      for (k, r) in (a.rooms ?? []).enumerated() where !known.rooms.contains(r) {
        error("unknown-room", "\(path).rooms[\(k)]", "no room \"\(r)\"")
      }
      if a.split == .groups || a.split == .individual {
        if (a.groupCount ?? 0) < 1 {
          error(
            "missing-group-count", "\(path).groupCount",
            "a \(a.split.rawValue) split needs the number of groups (1 or more)")
        }
      } else if let count = a.groupCount, count != a.resolvedSplit.count {
        error(
          "bad-group-count", "\(path).groupCount",
          "a \(a.split.rawValue) split has \(a.resolvedSplit.count) groups, not \(count)")
      }
      let key = "\(a.class)|\(a.subject)|\(a.period ?? "*")"
      if let first = assignmentKeys[key] {
        error(
          "duplicate-assignment", path,
          "the subject \"\(a.subject)\" of \"\(a.class)\" is assigned twice for \(a.period ?? "the year") (also \(o).assignments[\(first)])"
        )
      } else {
        assignmentKeys[key] = i
      }
    }
  }

  /// What the streams name, and their classes in one shift.
  private mutating func checkStreamReferences(_ known: KnownIDs) {
    let org = organisation
    for (i, stream) in (org.streams ?? []).enumerated() {
      let path = "\(o).streams[\(i)]"
      if !known.subjects.contains(stream.subject) {
        error("unknown-subject", "\(path).subject", "no subject \"\(stream.subject)\"")
      }
      if let p = stream.period, !known.periods.contains(p) {
        error("unknown-period", "\(path).period", "no study period \"\(p)\"")
      }
      if stream.classes.isEmpty { error("empty-stream", "\(path).classes", "a stream needs at least one class") }
      for (k, c) in stream.classes.enumerated() where !known.classes.contains(c) {
        error("unknown-class", "\(path).classes[\(k)]", "no class \"\(c)\"")
      }
      if stream.groups.isEmpty { error("empty-stream", "\(path).groups", "a stream needs at least one group") }
      for (k, g) in stream.groups.enumerated() {
        if let t = g.teacher, !known.teachers.contains(t) {
          error("unknown-teacher", "\(path).groups[\(k)].teacher", "no teacher \"\(t)\"")
        }
        for (r, room) in (g.rooms ?? []).enumerated() where !known.rooms.contains(room) {
          error("unknown-room", "\(path).groups[\(k)].rooms[\(r)]", "no room \"\(room)\"")
        }
      }
      let shifts = Set(stream.classes.compactMap { org.schoolClass($0)?.shift })
      if shifts.count > 1 {
        error(
          "stream-across-shifts", "\(path).classes",
          "the classes of the stream \(stream.name) study in different shifts, so its groups can never meet at the same time"
        )
      }
    }
  }

  private mutating func checkStudentSets(_ known: KnownIDs) {
    for (i, set) in (organisation.studentSets ?? []).enumerated() {
      for (k, member) in (set.members ?? []).enumerated() where !known.studentSets.contains(member) {
        error("unknown-student-set", "\(o).studentSets[\(i)].members[\(k)]", "no student set \"\(member)\"")
      }
    }
  }

  private mutating func checkActivities(_ known: KnownIDs) {
    let periodsPerDay = known.periodsPerDay
    for (i, activity) in (organisation.activities ?? []).enumerated() {
      let path = "\(o).activities[\(i)]"
      if !known.subjects.contains(activity.subject) {
        error("unknown-subject", "\(path).subject", "no subject \"\(activity.subject)\"")
      }
      for (k, t) in activity.teachers.enumerated() where !known.teachers.contains(t) {
        error("unknown-teacher", "\(path).teachers[\(k)]", "no teacher \"\(t)\"")
      }
      for (k, st) in activity.students.enumerated() where !known.studentSets.contains(st) && !known.classes.contains(st)
      {
        error("unknown-student-set", "\(path).students[\(k)]", "no student set or class \"\(st)\"")
      }
      if activity.duration < 1 || activity.duration > periodsPerDay {
        error(
          "bad-duration", "\(path).duration",
          "expected a duration from 1 to \(periodsPerDay) periods, found \(activity.duration)")
      }
      for (k, list) in (activity.rooms ?? []).enumerated() {
        if list.isEmpty {
          error("empty-room-choice", "\(path).rooms[\(k)]", "a room requirement needs at least one room")
        }
        for (m, room) in list.enumerated() where !known.rooms.contains(room) {
          error("unknown-room", "\(path).rooms[\(k)][\(m)]", "no room \"\(room)\"")
        }
      }
    }
  }

  /// What the explicit rules name.
  private mutating func checkConstraints(_ known: KnownIDs) {
    let periodsPerDay = known.periodsPerDay
    for (i, constraint) in (organisation.constraints ?? []).enumerated() {
      let path = "\(o).constraints[\(i)].rule"
      let refs = constraint.rule.references
      for lesson in refs.lessons where !known.activities.contains(lesson) {
        error("unknown-activity", path, "the rule names no activity \"\(lesson)\"")
      }
      for t in refs.teachers where !known.teachers.contains(t) {
        error("unknown-teacher", path, "the rule names no teacher \"\(t)\"")
      }
      for st in refs.students where !known.studentSets.contains(st) && !known.classes.contains(st) {
        error("unknown-student-set", path, "the rule names no student set \"\(st)\"")
      }
      for room in refs.rooms where !known.rooms.contains(room) {
        error("unknown-room", path, "the rule names no room \"\(room)\"")
      }
      for c in refs.classes where !known.classes.contains(c) {
        error("unknown-class", path, "the rule names no class \"\(c)\"")
      }
      for slot in refs.slots where !known.days.contains(slot.day) || slot.period < 1 || slot.period > periodsPerDay {
        error("slot-out-of-grid", path, "the rule names \(slot.day.rawValue) \(slot.period), outside the grid")
      }
    }
  }

  /// The names of the days and of the periods of each shift, one for each.
  private mutating func checkNames() {
    let org = organisation
    let days = org.settings.schoolDays
    if let names = org.settings.dayNames, names.count != days.count {
      error(
        "day-names", "\(o).settings.dayNames",
        "expected \(days.count) day names (one per school day), found \(names.count)")
    }
    for (i, shift) in org.shifts.enumerated() {
      if let names = shift.periodNames, names.count != shift.lessonsPerDay {
        error(
          "period-names", "\(o).shifts[\(i)].periodNames", "expected \(shift.lessonsPerDay) names, found \(names.count)"
        )
      }
    }
  }

  private mutating func checkDistributionOverrides(_ known: KnownIDs) {
    for (i, change) in (organisation.distributionOverrides ?? []).enumerated() {
      let path = "\(o).distributionOverrides[\(i)]"
      if !known.classes.contains(change.class) {
        error("unknown-class", "\(path).class", "no class \"\(change.class)\"")
      }
      if !known.subjects.contains(change.subject) {
        error("unknown-subject", "\(path).subject", "no subject \"\(change.subject)\"")
      }
    }
  }

  // MARK: - Planning rules

  private mutating func checkPlanning() {
    let index = OrganisationIndex(organisation)
    checkAssignmentPlans(index)
    checkStreamPlans(index)
    checkClassPlans(index)
    checkTeacherLoads(index)
  }

  /// Assignments must match the curriculum and the split.
  private mutating func checkAssignmentPlans(_ index: OrganisationIndex) {
    let org = organisation
    for (i, a) in org.assignments.enumerated() {
      let path = "\(o).assignments[\(i)]"
      let className = index.schoolClass(a.class)?.name ?? a.class
      let subjectName = index.subject(a.subject)?.name ?? a.subject
      if index.workingCurriculum(of: a.class)?.entry(for: a.subject) == nil {
        warning(
          "assignment-without-curriculum", path,
          "\(subjectName) is assigned in \(className) but is not in its working curriculum")
      }
      let groups = a.resolvedSplit.count
      if a.teachers.count != groups {
        error(
          "teachers-per-group", "\(path).teachers",
          "\(subjectName) in \(className) is split \(a.resolvedSplit) into \(groups) group\(groups == 1 ? "" : "s") and needs a teacher for each; \(a.teachers.count) given"
        )
      }
      if a.split == .boysGirls, let c = index.schoolClass(a.class), c.boys == 0 || c.girls == 0 {
        warning(
          "empty-group", path,
          "\(className) is split into boys and girls for \(subjectName) but has no \(c.boys == 0 ? "boys" : "girls")")
      }
      for (k, t) in a.teachers.enumerated() {
        if let teacher = index.teacher(t), !teacher.subjects.contains(a.subject) {
          warning(
            "teacher-not-qualified", "\(path).teachers[\(k)]",
            "\(teacher.name) is not qualified to teach \(subjectName) (teaches: \(teacher.subjects.compactMap { index.subject($0)?.name }.joined(separator: ", ")))"
          )
        }
      }
      if index.stream(class: a.class, subject: a.subject, period: a.period ?? org.studyPeriods.first?.id ?? "") != nil {
        error(
          "assignment-and-stream", path,
          "\(subjectName) in \(className) is taught by a stream; remove the assignment or the class from the stream")
      }
    }
  }

  /// Streams: a qualified teacher for each group, the same hours in each class.
  private mutating func checkStreamPlans(_ index: OrganisationIndex) {
    let org = organisation
    for (i, stream) in (org.streams ?? []).enumerated() {
      let path = "\(o).streams[\(i)]"
      for (k, g) in stream.groups.enumerated() {
        if g.teacher == nil {
          warning(
            "no-teacher", "\(path).groups[\(k)].teacher",
            "the group \(g.name) of the stream \(stream.name) has no teacher")
        } else if let teacher = index.teacher(g.teacher!), !teacher.subjects.contains(stream.subject) {
          warning(
            "teacher-not-qualified", "\(path).groups[\(k)].teacher",
            "\(teacher.name) is not qualified to teach \(index.subject(stream.subject)?.name ?? stream.subject)")
        }
      }
      for period in org.studyPeriods where stream.period == nil || stream.period == period.id {
        let hours = Set(
          stream.classes.map {
            index.workingCurriculum(of: $0)?.entry(for: stream.subject)?.hours(in: period.id) ?? .zero
          })
        if hours.count > 1 {
          error(
            "stream-hours-differ", path,
            "the classes of the stream \(stream.name) have different weekly hours of \(index.subject(stream.subject)?.name ?? stream.subject) in \(period.name): \(hours.sorted().map(\.description).joined(separator: ", "))"
          )
        }
      }
    }
  }

  /// Every subject taught has a teacher; classes fit their grid.
  private mutating func checkClassPlans(_ index: OrganisationIndex) {
    let org = organisation
    let curriculumIndex = Dictionary(
      org.workingCurricula.enumerated().map { ($0.element.class, $0.offset) }, uniquingKeysWith: { a, _ in a })
    for schoolClass in org.classes {
      guard let curriculum = index.workingCurriculum(of: schoolClass.id), let ci = curriculumIndex[schoolClass.id]
      else {
        warning("no-curriculum", "\(o).classes", "\(schoolClass.name) has no working curriculum")
        continue
      }
      for period in org.studyPeriods {
        for (k, entry) in curriculum.entries.enumerated() where !entry.hours(in: period.id).isZero {
          if index.stream(class: schoolClass.id, subject: entry.subject, period: period.id) == nil,
            index.assignment(class: schoolClass.id, subject: entry.subject, period: period.id) == nil
          {
            warning(
              "no-teacher", "\(o).workingCurricula[\(ci)].entries[\(k)]",
              "\(index.subject(entry.subject)?.name ?? entry.subject) in \(schoolClass.name) has no teacher in \(period.name)"
            )
          }
        }
        guard let shift = index.shift(schoolClass.shift) else { continue }
        let perDay = min(
          shift.lessonsPerDay,
          schoolClass.maxLessonsPerDay ?? org.effectiveRules.maxLessonsPerDay(grade: schoolClass.grade))
        let capacity = perDay * org.settings.schoolDays.count
        let needed = Self.weeklySlots(of: curriculum, in: period.id)
        if needed > capacity {
          error(
            "class-over-grid", "\(o).workingCurricula[\(ci)]",
            "\(schoolClass.name) has \(needed) lessons a week in \(period.name), but its grid holds \(capacity) (\(org.settings.schoolDays.count) days × \(perDay) lessons)"
          )
        }
      }
    }
  }

  /// Teachers within their maximum load.
  private mutating func checkTeacherLoads(_ index: OrganisationIndex) {
    let org = organisation
    let load = TeachingLoad(organisation: org, index: index)
    issues += load.issues
    for (i, teacher) in org.teachers.enumerated() {
      guard let max = teacher.maxWeeklyLoad, let teacherLoad = load.load(of: teacher.id) else { continue }
      for period in org.studyPeriods {
        let hours = teacherLoad.weeklyHours[period.id] ?? .zero
        if hours > max {
          error(
            "over-max-load", "\(o).teachers[\(i)].maxWeeklyLoad",
            "\(teacher.name) has \(hours) hours a week in \(period.name), over the maximum of \(max)")
        }
      }
    }
  }

  /// The periods of a week a class needs for its curriculum in a period: whole hours take a period
  /// each (two for a double), two half hours share one (odd and even weeks).
  public static func weeklySlots(of curriculum: WorkingCurriculum, in period: PeriodID) -> Int {
    var slots = 0
    var halves = 0
    for entry in curriculum.entries {
      let hours = entry.hours(in: period)
      slots += hours.wholeLessons
      if hours.hasHalf { halves += 1 }
    }
    return slots + (halves + 1) / 2
  }
}
