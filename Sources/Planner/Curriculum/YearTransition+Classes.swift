// The parts of the transition to the next year that place classes: the new entry grade, the
// shifts, and teachers for the subjects the new year's curricula add.

extension Organisation {
  /// New classes of the entry grade (the lowest grade this year, usually the first), one for each
  /// of this year's, with the same letter, shift, room and (as an estimate until enrolment) size.
  func entryClasses(taken: Set<ClassID>) -> [SchoolClass] {
    guard let entryGrade = classes.map(\.grade).min() else { return [] }
    var taken = taken
    return classes.filter { $0.grade == entryGrade }.map { old in
      var entrant = old
      entrant.classTeacher = nil
      var id = old.name
      if taken.contains(id) { id = "\(old.name)-\(academicYear.start.adding(years: 1).components.year)" }
      entrant.id = id
      taken.insert(id)
      return entrant
    }
  }

  /// Lessons a week a class's curriculum needs at most in any study period.
  public func weeklyLessons(of classID: ClassID) -> Int {
    guard let curriculum = workingCurriculum(of: classID) else { return 0 }
    return studyPeriods.map { OrganisationValidator.weeklySlots(of: curriculum, in: $0.id) }.max() ?? 0
  }

  /// Lessons a week a shift holds for a class: school days × the fewer of the shift's lessons a
  /// day and the class's daily maximum.
  public func weeklyCapacity(of schoolClass: SchoolClass, in shift: Shift) -> Int {
    let perDay = min(
      shift.lessonsPerDay, schoolClass.maxLessonsPerDay ?? effectiveRules.maxLessonsPerDay(grade: schoolClass.grade))
    return settings.schoolDays.count * perDay
  }

  /// Keeps each class in its shift when its new curriculum fits there (teachers and their rooms
  /// stay in their shift), else moves it to the first shift where it fits; when none holds it,
  /// says what to cut.
  mutating func placeInShifts(report: inout YearTransitionReport) {
    for (i, schoolClass) in classes.enumerated() {
      let current = schoolClass.shift
      var target = current
      var reason = ""
      let needed = weeklyLessons(of: schoolClass.id)
      if let chosen = shift(target), weeklyCapacity(of: schoolClass, in: chosen) < needed {
        let held = weeklyCapacity(of: schoolClass, in: chosen)
        let others = shifts.filter { $0.id != target }
        if let fits = others.first(where: { weeklyCapacity(of: schoolClass, in: $0) >= needed }) {
          reason =
            "its \(needed) lessons a week do not fit \(chosen.name) (\(held): \(settings.schoolDays.count) days × \(held / max(settings.schoolDays.count, 1)))"
          target = fits.id
        } else {
          report.toChange.append(
            "\(schoolClass.name) has \(needed) lessons a week but \(chosen.name) holds \(held) (\(settings.schoolDays.count) days × \(held / max(settings.schoolDays.count, 1))) and no shift holds more: cut \(needed - held) hours from its working curriculum or give its shift more lessons a day"
          )
        }
      }
      guard target != current else { continue }
      classes[i].shift = target
      report.shiftChanges.append("\(schoolClass.name): \(shiftName(current)) → \(shiftName(target)) (\(reason))")
    }
  }

  private func shiftName(_ id: ShiftID) -> String { shift(id)?.name ?? id }

  /// Gives a teacher to each subject of the new curricula that has none: a teacher who already
  /// teaches the class (a primary class keeps its teacher for the new subjects), then (for a class
  /// that goes on) the one who taught the subject in this grade and letter last year,
  /// then the qualified teacher with the least load, each only within their maximum load (or one
  /// and a half rates when they have none). What finds no teacher stays a vacancy, reported.
  mutating func assignEntrantTeachers(
    _ entrants: [SchoolClass], lastYear: Organisation, report: inout YearTransitionReport
  ) {
    var load = teacherWeeklyHours()
    let entrantIDs = Set(entrants.map(\.id))
    let vacancies = assignPrimaryTeachers(entrants, lastYear: lastYear, load: &load, report: &report)
    // Classes that go on first, so that their teachers keep them; the new classes take who is free.
    for schoolClass in classes.filter({ !entrantIDs.contains($0.id) }) + entrants {
      guard let curriculum = workingCurriculum(of: schoolClass.id) else { continue }
      for entry in curriculum.entries where !entry.weeklyHours.isZero {
        guard assignment(class: schoolClass.id, subject: entry.subject, period: "") == nil,
          !vacancies.contains(ClassSubject(class: schoolClass.id, subject: entry.subject)),
          (streams ?? []).allSatisfy({ !($0.subject == entry.subject && $0.classes.contains(schoolClass.id)) })
        else { continue }
        let before = lastYear.classes.first {
          $0.grade == schoolClass.grade && $0.letter == schoolClass.letter
        }
        let model = before.flatMap { old in
          lastYear.assignments.first { $0.class == old.id && $0.subject == entry.subject && $0.period == nil }
        }
        var made = model ?? TeachingAssignment(class: schoolClass.id, subject: entry.subject, teachers: [])
        made.class = schoolClass.id
        let groups = made.resolvedSplit.count
        var chosen: [TeacherID] = []
        for group in 0..<groups {
          // A new class takes whoever is free (last year's teacher of the grade goes on with her class).
          let wanted =
            entrantIDs.contains(schoolClass.id)
            ? nil : model.flatMap { group < $0.teachers.count ? $0.teachers[group] : nil }
          guard
            let teacher = freeTeacher(
              for: entry.subject, class: schoolClass.id, hours: entry.weeklyHours.value, wanted: wanted,
              excluding: chosen, load: load)
          else { break }
          chosen.append(teacher)
        }
        let name = subject(entry.subject)?.name ?? entry.subject
        guard chosen.count == groups else {
          report.toChange.append(
            "\(schoolClass.name): no qualified teacher has \(entry.weeklyHours) free hours for \(name): assign one (over their maximum load) or hire"
          )
          continue
        }
        made.teachers = chosen
        for t in chosen { load[t, default: 0] += entry.weeklyHours.value }
        assignments.append(made)
        if entrantIDs.contains(schoolClass.id), let i = classes.firstIndex(where: { $0.id == schoolClass.id }),
          classes[i].classTeacher == nil
        {
          classes[i].classTeacher = chosen.first
        }
      }
    }
  }

  /// Gives each new class of the entry grade the subjects that last year's class of its letter had
  /// from its main teacher (the one teaching most of its hours: the primary teacher) from one
  /// teacher: a main teacher of last year whose class left her care (it graduated from the primary
  /// grades) and who teaches nothing now. She teaches every primary subject, so she is given the
  /// qualifications these subjects need. A class without such a teacher is left to the rules of
  /// `freeTeacher`.
  mutating func assignPrimaryTeachers(
    _ entrants: [SchoolClass], lastYear: Organisation, load: inout [TeacherID: Double],
    report: inout YearTransitionReport
  ) -> Set<ClassSubject> {
    var vacancies: Set<ClassSubject> = []
    var free = lastYear.classes.compactMap { old -> (teacher: TeacherID, class: String)? in
      guard let main = lastYear.mainTeacher(of: old.id), (load[main.teacher] ?? 0) == 0, teacher(main.teacher) != nil
      else { return nil }
      return (main.teacher, old.name)
    }
    free.sort { ($0.class, $0.teacher) < ($1.class, $1.teacher) }
    for entrant in entrants {
      guard let old = lastYear.classes.first(where: { $0.grade == entrant.grade && $0.letter == entrant.letter }),
        let main = lastYear.mainTeacher(of: old.id), let curriculum = workingCurriculum(of: entrant.id)
      else { continue }
      let chosen = free.first { (load[$0.teacher] ?? 0) == 0 }
      let t = chosen.flatMap { c in teachers.firstIndex { $0.id == c.teacher } }
      var vacant = 0.0
      for subject in main.subjects {
        guard let hours = curriculum.entry(for: subject)?.weeklyHours.value, hours > 0,
          assignment(class: entrant.id, subject: subject, period: "") == nil
        else { continue }
        // Without a free primary teacher the hours are a vacancy: a teacher of another class
        // would teach in two classes' days, which a primary class's day cannot share.
        guard let t else {
          vacant += hours
          vacancies.insert(ClassSubject(class: entrant.id, subject: subject))
          continue
        }
        assignments.append(TeachingAssignment(class: entrant.id, subject: subject, teachers: [teachers[t].id]))
        load[teachers[t].id, default: 0] += hours
        if !teachers[t].subjects.contains(subject) { teachers[t].subjects.append(subject) }
      }
      if let t, let chosen, let i = classes.firstIndex(where: { $0.id == entrant.id }) {
        classes[i].classTeacher = teachers[t].id
        // Her lessons are in her own room: the class's home room too (last year's first grade's
        // room is its teacher's, who goes on with her class).
        if let room = teachers[t].room { classes[i].homeRoom = room }
        report.primaryTeachers.append("\(entrant.name): \(teachers[t].name), who taught \(chosen.class)")
      } else {
        // Last year's room of its letter is that teacher's, who goes on with her class.
        if let i = classes.firstIndex(where: { $0.id == entrant.id }) {
          classes[i].homeRoom = freeClassroom(for: classes[i])
        }
        report.primaryTeachers.append(
          "\(entrant.name): no primary teacher is free (each of last year's has a class); its \(WeeklyHours(exactly: vacant).map { "\($0)" } ?? "\(vacant)") hours of the primary teacher are a vacancy: hire one, or assign them"
        )
      }
    }
    return vacancies
  }

  /// A classroom that seats the class and is neither a teacher's own room nor the home room of
  /// another class of its shift; nil (any classroom) when there is none.
  func freeClassroom(for schoolClass: SchoolClass) -> RoomID? {
    let taken = Set(teachers.compactMap(\.room)).union(
      classes.filter { $0.id != schoolClass.id && $0.shift == schoolClass.shift }.compactMap(\.homeRoom))
    return rooms.first { $0.type == .classroom && $0.capacity >= schoolClass.students && !taken.contains($0.id) }?.id
  }

  /// The teacher who teaches most of a class's weekly hours, with the subjects she teaches it,
  /// when she teaches at least half of them (a primary teacher); nil otherwise.
  public func mainTeacher(of classID: ClassID) -> (teacher: TeacherID, subjects: [SubjectID])? {
    guard let curriculum = workingCurriculum(of: classID) else { return nil }
    var hours: [TeacherID: Double] = [:]
    var subjects: [TeacherID: [SubjectID]] = [:]
    for a in assignments where a.class == classID && a.period == nil && a.teachers.count == 1 {
      let h = curriculum.entry(for: a.subject)?.weeklyHours.value ?? 0
      hours[a.teachers[0], default: 0] += h
      subjects[a.teachers[0], default: []].append(a.subject)
    }
    let total = curriculum.entries.reduce(0) { $0 + $1.weeklyHours.value }
    guard let best = hours.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }), total > 0, best.value * 2 >= total
    else { return nil }
    return (best.key, subjects[best.key] ?? [])
  }

  /// A teacher for a subject of a class with room in their load: one already teaching the class,
  /// or the wanted one, while within one rate; else the least loaded qualified one.
  private func freeTeacher(
    for subjectID: SubjectID, class classID: ClassID, hours: Double, wanted: TeacherID?, excluding: [TeacherID],
    load: [TeacherID: Double]
  ) -> TeacherID? {
    func fits(_ teacher: Teacher) -> Bool {
      let limit = teacher.maxWeeklyLoad?.value ?? normHours(of: teacher).value * 1.5
      return teacher.subjects.contains(subjectID) && !excluding.contains(teacher.id)
        && (load[teacher.id] ?? 0) + hours <= limit
    }
    // Within one rate a teacher of the class, or last year's, is kept; over it the load is shared.
    func withinRate(_ teacher: Teacher) -> Bool { (load[teacher.id] ?? 0) + hours <= normHours(of: teacher).value }
    let ofClass = Set(assignments.filter { $0.class == classID }.flatMap(\.teachers))
    let candidates = teachers.filter(fits)
    if let known = candidates.first(where: { ofClass.contains($0.id) && withinRate($0) }) { return known.id }
    if let wanted, let teacher = self.teacher(wanted), fits(teacher), withinRate(teacher) { return wanted }
    return candidates.min { (load[$0.id] ?? 0, $0.id) < (load[$1.id] ?? 0, $1.id) }?.id
  }

  /// Weekly hours each teacher teaches by the assignments and streams (the year's hours).
  func teacherWeeklyHours() -> [TeacherID: Double] {
    var load: [TeacherID: Double] = [:]
    for a in assignments {
      guard let hours = workingCurriculum(of: a.class)?.entry(for: a.subject)?.weeklyHours.value else { continue }
      for t in a.teachers { load[t, default: 0] += hours }
    }
    for stream in streams ?? [] {
      guard let first = stream.classes.first,
        let hours = workingCurriculum(of: first)?.entry(for: stream.subject)?.weeklyHours.value
      else { continue }
      for g in stream.groups { if let t = g.teacher { load[t, default: 0] += hours } }
    }
    return load
  }
}

/// A subject of a class (a vacancy the transition leaves for a person to fill).
struct ClassSubject: Hashable {
  var `class`: ClassID
  var subject: SubjectID
}
