/// Derives the lesson demand of one study period from an organisation: the lessons to place each
/// week with their teachers, student units, durations, week patterns and room needs, together
/// with the time grid and the rules — the `TimetableProblem` the solver and the checker work on.
public enum LessonDemandBuilder {
  /// Builds the problem of a period (the first one when `period` is `nil`). Throws the
  /// validation errors when the data is not consistent enough to derive a demand.
  public static func problem(for organisation: Organisation, period periodKey: String? = nil) throws -> TimetableProblem
  {
    let errors = OrganisationValidator.validate(organisation).filter(\.isError)
    guard errors.isEmpty else { throw PlanningErrors(errors) }
    let period: StudyPeriod
    if let periodKey {
      guard let found = organisation.findPeriod(periodKey) else {
        throw PlanningErrors([
          .error(
            "unknown-period", at: "--period",
            "no study period \"\(periodKey)\"; the periods are \(organisation.studyPeriods.map(\.id).joined(separator: ", "))"
          )
        ])
      }
      period = found
    } else {
      guard let first = organisation.studyPeriods.sorted(by: { $0.start < $1.start }).first else {
        throw PlanningErrors([
          .error("no-study-periods", at: "\(InstancePath.organisation).studyPeriods", "no study period")
        ])
      }
      period = first
    }
    var builder = Builder(organisation: organisation, period: period)
    return builder.build()
  }

  private struct Builder {
    let org: Organisation
    let index: OrganisationIndex
    let period: StudyPeriod
    let rules: TimetableRules
    var lessons: [Lesson] = []
    var constraints: [TimetableConstraint] = []

    init(organisation: Organisation, period: StudyPeriod) {
      org = organisation
      index = OrganisationIndex(organisation)
      self.period = period
      rules = organisation.effectiveRules
    }

    mutating func build() -> TimetableProblem {
      let periodsPerDay = org.shifts.map { $0.firstPeriod + $0.lessonsPerDay - 1 }.max() ?? 0
      let days = org.settings.schoolDays
      var classes: [ProblemClass] = []
      var unitsByClass: [ClassID: ClassUnits] = [:]
      for schoolClass in org.classes {
        let units = ClassUnits(schoolClass: schoolClass, divisions: divisions(of: schoolClass))
        unitsByClass[schoolClass.id] = units
        let shift = index.shift(schoolClass.shift)!
        let perDay = min(
          shift.lessonsPerDay, schoolClass.maxLessonsPerDay ?? rules.maxLessonsPerDay(grade: schoolClass.grade))
        let compact = schoolClass.compactDay ?? rules.compactClassDays ?? true
        classes.append(
          ProblemClass(
            id: schoolClass.id, name: schoolClass.name, grade: schoolClass.grade, shift: shift.id,
            firstPeriod: shift.firstPeriod, lastPeriod: shift.firstPeriod + shift.lessonsPerDay - 1, units: units.all,
            maxLessonsPerDay: perDay, compactDay: compact, unavailable: schoolClass.unavailable ?? [],
            longBreaksAfter: (shift.longBreaksAfter ?? []).map { shift.period(ofLesson: $0) }))
        if compact {
          constraints.append(
            TimetableConstraint(.classCompactDay(class: schoolClass.id, startAtFirst: true), weight: .hard))
        }
        if perDay < shift.lessonsPerDay {
          constraints.append(
            TimetableConstraint(.classMaxLessonsPerDay(class: schoolClass.id, max: perDay), weight: .hard))
        }
      }
      for schoolClass in org.classes {
        addLessons(of: schoolClass, units: unitsByClass[schoolClass.id]!)
      }
      for stream in org.streams ?? [] where stream.period == nil || stream.period == period.id {
        addLessons(of: stream, unitsByClass: unitsByClass)
      }
      pairHalfHourLessons()
      addRules()
      // Student sets and activities given directly (FET's years, groups, subgroups, activities).
      let setUnits = org.studentSetUnits()
      let firstShift = org.shifts.min { $0.firstPeriod < $1.firstPeriod }
      // The classes shown and searched by: the groups of a year when they divide its students
      // (a school kept as one "year" of many groups), otherwise the year itself.
      let setsByID = Dictionary((org.studentSets ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
      for set in org.studentSets ?? [] where set.kind == .year {
        let groups = (set.members ?? []).filter { setsByID[$0]?.kind == .group }
        let groupUnits = groups.flatMap { setUnits[$0] ?? [$0] }
        let divides =
          groups.count >= 2 && Set(groupUnits).count == groupUnits.count
          && Set(groupUnits) == Set(setUnits[set.id] ?? [set.id])
        for id in divides ? groups : [set.id] {
          classes.append(
            ProblemClass(
              id: id, name: id, grade: Int(id.prefix { $0.isNumber }) ?? 0, shift: firstShift?.id ?? "",
              firstPeriod: 1, lastPeriod: periodsPerDay, units: setUnits[id] ?? [id],
              maxLessonsPerDay: periodsPerDay, compactDay: false))
        }
      }
      addActivities(setUnits: setUnits, classes: classes)
      constraints += org.constraints ?? []
      let studentSets = (org.studentSets ?? []).map { ProblemStudentSet(id: $0.id, units: setUnits[$0.id] ?? [$0.id]) }
      let dayNames = org.settings.dayNames.flatMap { $0.count == days.count ? $0 : nil }
      let periodNames =
        org.shifts.count == 1 ? org.shifts[0].periodNames.flatMap { $0.count == periodsPerDay ? $0 : nil } : nil
      return TimetableProblem(
        organisation: org.id, name: org.name, period: period.id, days: days, dayNames: dayNames,
        periodsPerDay: periodsPerDay, periodNames: periodNames, classes: classes,
        teachers: org.teachers.map { ProblemTeacher(id: $0.id, name: $0.name, unavailable: $0.unavailable ?? []) },
        rooms: org.rooms.map {
          ProblemRoom(
            id: $0.id, name: $0.name, type: $0.type, capacity: $0.capacity, unavailable: $0.unavailable ?? [],
            building: $0.building)
        },
        subjects: org.subjects.map { ProblemSubject(id: $0.id, name: $0.name) },
        lessons: lessons, constraints: constraints, studentSets: studentSets.isEmpty ? nil : studentSets)
    }

    /// Activities become lessons of their own: their students are the units of the sets (or
    /// classes) they name; the classes shown are the years (or classes) those units belong to.
    mutating func addActivities(setUnits: [StudentSetID: [String]], classes: [ProblemClass]) {
      let sizes = Dictionary((org.studentSets ?? []).map { ($0.id, $0.students ?? 0) }, uniquingKeysWith: { a, _ in a })
      let roomCapacity = Dictionary(org.rooms.map { ($0.id, $0.capacity) }, uniquingKeysWith: { a, _ in a })
      for activity in org.activities ?? [] where activity.isActive {
        var units: [String] = []
        var seen = Set<String>()
        for name in activity.students {
          let found = setUnits[name] ?? classes.first { $0.id == name }?.units ?? [name]
          for unit in found where seen.insert(unit).inserted { units.append(unit) }
        }
        let owners = classes.filter { c in c.units.contains { seen.contains($0) } }.map(\.id)
        let size =
          activity.size
          ?? activity.students.reduce(0) { total, name in
            total + (sizes[name] ?? index.schoolClass(name)?.students ?? 0)
          }
        lessons.append(
          Lesson(
            id: activity.id, subject: activity.subject, classes: owners,
            group: activity.students.joined(separator: ", "), teachers: activity.teachers, students: units, size: size,
            duration: activity.duration,
            rooms: (activity.rooms ?? []).map {
              RoomRequirement(allowed: bigEnough($0, for: size, roomCapacity), optional: activity.roomsOptional)
            },
            difficult: isDifficult(activity.subject)))
      }
    }

    /// The rooms of a list that hold `size` students (as FET allows them); all of them when none
    /// does, so that the diagnosis can name the lesson rather than the import failing.
    func bigEnough(_ rooms: [RoomID], for size: Int, _ roomCapacity: [RoomID: Int]) -> [RoomID] {
      let fitting = rooms.filter { (roomCapacity[$0] ?? Int.max) >= size }
      return fitting.isEmpty ? rooms : fitting
    }

    /// The divisions a class is split by in this period (halves, boys/girls …), in a fixed order.
    func divisions(of schoolClass: SchoolClass) -> [Split] {
      guard let curriculum = index.workingCurriculum(of: schoolClass.id) else { return [] }
      var seen: [String: Split] = [:]
      for entry in curriculum.entries(in: period.id) {
        guard index.stream(class: schoolClass.id, subject: entry.subject, period: period.id) == nil,
          let split = index.assignment(class: schoolClass.id, subject: entry.subject, period: period.id)?.resolvedSplit,
          split.kind != .whole
        else { continue }
        seen[split.divisionKey] = split
      }
      return seen.keys.sorted().map { seen[$0]! }
    }

    mutating func addLessons(of schoolClass: SchoolClass, units: ClassUnits) {
      guard let curriculum = index.workingCurriculum(of: schoolClass.id) else { return }
      for entry in curriculum.entries(in: period.id) {
        guard index.stream(class: schoolClass.id, subject: entry.subject, period: period.id) == nil else { continue }
        // A subject with no teacher yet is a vacancy: its lessons are placed all the same.
        let assignment =
          index.assignment(class: schoolClass.id, subject: entry.subject, period: period.id)
          ?? TeachingAssignment(class: schoolClass.id, subject: entry.subject, teachers: [])
        let split = assignment.resolvedSplit
        let sizes = split.groupSizes(boys: schoolClass.boys, girls: schoolClass.girls)
        for (g, group) in split.groupNames.enumerated() {
          let teacher = g < assignment.teachers.count ? assignment.teachers[g] : nil
          let students = split.kind == .whole ? units.all : units.units(in: split, group: g)
          let room = roomRequirement(
            subject: entry.subject, size: sizes[g], teacher: teacher, schoolClass: schoolClass,
            wholeClass: split.kind == .whole, chosen: assignment.rooms)
          appendWeeklyLessons(
            idPrefix: "\(schoolClass.id)-\(entry.subject)\(split.kind == .whole ? "" : "-\(group)")",
            subject: entry.subject, classes: [schoolClass.id], group: group, teachers: teacher.map { [$0] } ?? [],
            students: students, size: sizes[g], hours: entry.hours(in: period.id), duration: entry.lessonDuration,
            rooms: [room])
        }
      }
    }

    mutating func addLessons(of stream: Stream, unitsByClass: [ClassID: ClassUnits]) {
      let classes = stream.classes.compactMap { index.schoolClass($0) }
      guard let first = classes.first,
        let entry = index.workingCurriculum(of: first.id)?.entry(for: stream.subject),
        !entry.hours(in: period.id).isZero
      else { return }
      let total = classes.reduce(0) { $0 + $1.students }
      let groups = stream.groups
      let rooms = groups.enumerated().map { i, group -> RoomRequirement in
        let size = group.size ?? (total / max(groups.count, 1) + (i < total % max(groups.count, 1) ? 1 : 0))
        return roomRequirement(
          subject: stream.subject, size: size, teacher: group.teacher, schoolClass: nil, wholeClass: false,
          chosen: group.rooms)
      }
      appendWeeklyLessons(
        idPrefix: "\(stream.id)", subject: stream.subject, classes: classes.map(\.id), group: stream.name,
        teachers: groups.compactMap(\.teacher), students: classes.flatMap { unitsByClass[$0.id]?.all ?? [] },
        size: total, hours: entry.hours(in: period.id), duration: entry.lessonDuration, rooms: rooms)
    }

    /// The lessons of a week for weekly hours: double lessons first when planned so, single ones for
    /// the rest, and a lesson every other week for half an hour.
    mutating func appendWeeklyLessons(
      idPrefix: String, subject: SubjectID, classes: [ClassID], group: String, teachers: [TeacherID],
      students: [String], size: Int, hours: WeeklyHours, duration: LessonDuration, rooms: [RoomRequirement]
    ) {
      var durations: [Int] = []
      var whole = hours.wholeLessons
      if duration == .double {
        durations += Array(repeating: 2, count: whole / 2)
        whole %= 2
      }
      durations += Array(repeating: 1, count: whole)
      let difficult = isDifficult(subject)
      var n = 0
      for d in durations {
        n += 1
        lessons.append(
          Lesson(
            id: "\(idPrefix)-\(n)", subject: subject, classes: classes, group: group, teachers: teachers,
            students: students, size: size, duration: d, rooms: rooms, difficult: difficult))
      }
      if hours.hasHalf {
        n += 1
        lessons.append(
          Lesson(
            id: "\(idPrefix)-\(n)", subject: subject, classes: classes, group: group, teachers: teachers,
            students: students, size: size, duration: 1, weeks: .odd, rooms: rooms, difficult: difficult))
      }
    }

    func isDifficult(_ subject: SubjectID) -> Bool? {
      guard let difficulty = index.subject(subject)?.difficulty else { return nil }
      return difficulty >= (rules.difficultyThreshold ?? 8)
    }

    /// Half-hour lessons of the same students pair up: one takes the odd weeks, its partner the even
    /// weeks of the same slot.
    mutating func pairHalfHourLessons() {
      var waiting: [[String]: Int] = [:]
      for i in lessons.indices where lessons[i].weeks != .every {
        let key = lessons[i].students
        if let j = waiting.removeValue(forKey: key) {
          lessons[i].weeks = .even
          lessons[i].partner = lessons[j].id
          lessons[j].partner = lessons[i].id
        } else {
          waiting[key] = i
        }
      }
    }

    /// The rooms a lesson may use: a choice made by hand; rooms of the subject's special type big
    /// enough for the group; the teacher's own room; the class's home room for whole-class lessons;
    /// otherwise any classroom big enough, the home room first.
    func roomRequirement(
      subject: SubjectID, size: Int, teacher: TeacherID?, schoolClass: SchoolClass?, wholeClass: Bool, chosen: [RoomID]?
    ) -> RoomRequirement {
      if let chosen, !chosen.isEmpty { return RoomRequirement(allowed: chosen) }
      if let type = index.subject(subject)?.roomType, type != .classroom {
        let ofType = org.rooms.filter { $0.type == type }
        let bigEnough = ofType.filter { $0.capacity >= size }
        return RoomRequirement(allowed: (bigEnough.isEmpty ? ofType : bigEnough).map(\.id))
      }
      let home = schoolClass?.homeRoom
      if let own = teacher.flatMap({ index.teacher($0)?.room }) {
        return RoomRequirement(allowed: [own])
      }
      if wholeClass, let home { return RoomRequirement(allowed: [home]) }
      let classrooms = org.rooms.filter { $0.type == .classroom && $0.capacity >= size }.map(\.id)
      var ordered = classrooms
      if let home, let index = ordered.firstIndex(of: home) {
        ordered.remove(at: index)
        ordered.insert(home, at: 0)
      }
      return RoomRequirement(allowed: ordered, preferred: home.map { [$0] })
    }

    /// The rules of the organisation as constraints: a subject at most once a day (hard), and the
    /// soft wishes with their weights.
    mutating func addRules() {
      let days = org.settings.schoolDays.count
      if rules.subjectOncePerDay ?? true {
        var bySubject: [String: [Lesson]] = [:]
        var order: [String] = []
        for lesson in lessons {
          let key = "\(lesson.classes.joined(separator: "+"))|\(lesson.subject)|\(lesson.group)"
          if bySubject[key] == nil { order.append(key) }
          bySubject[key, default: []].append(lesson)
        }
        for key in order {
          let group = bySubject[key]!
          let weekly = group.filter { $0.weeks != .even }.count
          guard weekly > 1 else { continue }
          let most = (weekly + days - 1) / days
          constraints.append(TimetableConstraint(.lessonsMaxPerDay(lessons: group.map(\.id), max: most), weight: .hard))
          if weekly > 2 {
            let spreadWeight = rules.weights?.resolved.subjectSpread ?? SoftWeights.defaults.subjectSpread!
            if spreadWeight > 0, most > 1 {
              constraints.append(
                TimetableConstraint(.subjectSpread(lessons: group.map(\.id)), weight: .soft(spreadWeight)))
            }
          }
        }
      }
      if !(rules.doublesAcrossLongBreak ?? false), lessons.contains(where: { $0.duration > 1 }) {
        constraints.append(TimetableConstraint(.doublesNotAcrossLongBreak, weight: .hard))
      }
      let weights = (rules.weights ?? SoftWeights()).resolved
      func soft(_ rule: ConstraintRule, _ weight: Int?) {
        if let weight, weight > 0 { constraints.append(TimetableConstraint(rule, weight: .soft(weight))) }
      }
      soft(.teacherGaps, weights.teacherGaps)
      soft(.studentGaps, weights.studentGaps)
      soft(.difficultNotFirstLast, weights.difficultFirstLast)
      soft(.teacherRoomChanges, weights.teacherRoomChanges)
      for teacher in org.teachers {
        if let days = teacher.daysOffRequested, !days.isEmpty {
          soft(.teacherDaysOff(teacher: teacher.id, days: days), weights.teacherDaysOff)
        }
        if let most = teacher.maxLessonsPerDay {
          soft(.teacherMaxLessonsPerDay(teacher: teacher.id, max: most), weights.teacherMaxLessonsPerDay)
        }
      }
    }
  }
}

/// The student units of a class: one for each combination of the groups of the divisions it is
/// split by. With halves and boys/girls the units are "5A/1·boys", "5A/1·girls", "5A/2·boys",
/// "5A/2·girls"; a lesson of the 1st half takes the first two.
struct ClassUnits {
  let classID: ClassID
  let divisions: [Split]
  let all: [String]
  private let parts: [[Int]]

  init(schoolClass: SchoolClass, divisions: [Split]) {
    classID = schoolClass.id
    self.divisions = divisions
    var combinations: [[Int]] = [[]]
    for division in divisions {
      combinations = combinations.flatMap { prefix in (0..<division.count).map { prefix + [$0] } }
    }
    parts = combinations
    if divisions.isEmpty {
      all = [schoolClass.id]
    } else {
      all = combinations.map { combination in
        "\(schoolClass.id)/" + zip(divisions, combination).map { $0.groupNames[$1] }.joined(separator: "·")
      }
    }
  }

  /// The units in one group of a split.
  func units(in split: Split, group: Int) -> [String] {
    guard let d = divisions.firstIndex(where: { $0.divisionKey == split.divisionKey }) else { return all }
    return zip(all, parts).filter { $0.1[d] == group }.map(\.0)
  }
}
