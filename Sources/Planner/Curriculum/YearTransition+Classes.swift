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
    // Classes that go on first, so that their teachers keep them; the new classes take who is free.
    for schoolClass in classes.filter({ !entrantIDs.contains($0.id) }) + entrants {
      guard let curriculum = workingCurriculum(of: schoolClass.id) else { continue }
      for entry in curriculum.entries where !entry.weeklyHours.isZero {
        guard assignment(class: schoolClass.id, subject: entry.subject, period: "") == nil,
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
