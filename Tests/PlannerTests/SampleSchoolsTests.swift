import Foundation
import Planner
import SampleSchools
import Testing

/// SanPiN 1.2.3685-21: the most weekly hours of a grade in a five-day week.
private let sanPinWeeklyMaximum = [1: 21, 2: 23, 3: 23, 4: 23, 5: 29, 6: 30, 7: 32, 8: 33, 9: 33, 10: 34, 11: 34]

private let presets: [(String, Organisation)] = [
  ("small", SampleSchools.smallKazakhSchool()),
  ("gymnasium", SampleSchools.cityGymnasium()),
  ("large", SampleSchools.largeSchool()),
]

/// Periods a week each special room type is needed, by shift: the lessons of subjects that
/// need a room of that type, group by group, unless the assignment chose rooms by hand (as the
/// lesson demand does).
private func specialRoomUse(_ org: Organisation) -> [(type: RoomType, shift: Shift, demand: Int, capacity: Int)] {
  var demand: [String: Int] = [:]
  for schoolClass in org.classes {
    guard let curriculum = org.workingCurriculum(of: schoolClass.id) else { continue }
    for entry in curriculum.entries(in: "Q1") {
      guard let type = org.subject(entry.subject)?.roomType, type != .classroom,
        let a = org.assignment(class: schoolClass.id, subject: entry.subject, period: "Q1"), (a.rooms ?? []).isEmpty
      else { continue }
      let hours = entry.hours(in: "Q1")
      let periods = hours.wholeLessons + (hours.hasHalf ? 1 : 0)
      demand["\(type.rawValue)|\(schoolClass.shift)", default: 0] += periods * a.resolvedSplit.count
    }
  }
  var result: [(RoomType, Shift, Int, Int)] = []
  for type in [RoomType.gym, .computer, .laboratory, .workshop, .music] {
    let count = org.rooms.filter { $0.type == type }.count
    for shift in org.shifts {
      let used = demand["\(type.rawValue)|\(shift.id)"] ?? 0
      result.append((type, shift, used, count * org.settings.schoolDays.count * shift.lessonsPerDay))
    }
  }
  return result
}

/// Periods a class needs in a week at least: whole-class lessons, plus for each way it is split
/// the most lessons of one group or of one teacher (a teacher of both groups teaches them one
/// after the other).
private func slotsNeeded(_ org: Organisation, _ schoolClass: SchoolClass, period: PeriodID) -> Int {
  guard let curriculum = org.workingCurriculum(of: schoolClass.id) else { return 0 }
  var whole = WorkingCurriculum(class: schoolClass.id, entries: [])
  var byDivision: [String: (groups: [Int: Int], teachers: [String: Int])] = [:]
  for entry in curriculum.entries(in: period) {
    guard let a = org.assignment(class: schoolClass.id, subject: entry.subject, period: period), a.split != .whole,
      org.stream(class: schoolClass.id, subject: entry.subject, period: period) == nil
    else {
      whole.entries.append(entry)
      continue
    }
    let lessons = entry.hours(in: period).wholeLessons + (entry.hours(in: period).hasHalf ? 1 : 0)
    let key = a.resolvedSplit.divisionKey
    var row = byDivision[key] ?? ([:], [:])
    for (g, t) in a.teachers.enumerated() {
      row.groups[g, default: 0] += lessons
      row.teachers[t, default: 0] += lessons
    }
    byDivision[key] = row
  }
  var slots = OrganisationValidator.weeklySlots(of: whole, in: period)
  for row in byDivision.values {
    slots += max(row.groups.values.max() ?? 0, row.teachers.values.max() ?? 0)
  }
  return slots
}

@Suite("Sample schools")
struct SampleSchoolsTests {
  @Test("every preset validates without errors or warnings and yields a lesson demand")
  func presetsValidate() throws {
    for (name, org) in presets {
      let issues = OrganisationValidator.validate(org)
      #expect(issues.isEmpty, "\(name): \(issues.prefix(5).map(\.description).joined(separator: "\n"))")
      let problem = try LessonDemandBuilder.problem(for: org)
      #expect(!problem.lessons.isEmpty)
    }
  }

  @Test("the presets have the stated numbers of classes and teachers")
  func presetSizes() {
    let small = SampleSchools.smallKazakhSchool()
    #expect(small.classes.count == 9)
    #expect((12...18).contains(small.teachers.count))
    #expect(small.shifts.count == 1)
    #expect(small.classes.allSatisfy { $0.language == "kk" && (8...18).contains($0.students) })

    let gymnasium = SampleSchools.cityGymnasium()
    #expect((30...31).contains(gymnasium.classes.count))
    #expect((50...70).contains(gymnasium.teachers.count))
    #expect(gymnasium.shifts.count == 2)
    #expect(gymnasium.kind == .gymnasium)

    let large = SampleSchools.largeSchool()
    #expect(large.classes.count >= 50)
    #expect((90...110).contains(large.teachers.count))
    #expect(large.shifts.count == 2)
    #expect(large.classes.contains { $0.language == "kk" } && large.classes.contains { $0.language == "ru" })
    #expect((large.buildings ?? []).count == 2)
  }

  @Test("every class's weekly hours are within the SanPiN maximum and fit its grid")
  func hoursFitTheGrid() {
    for (name, org) in presets {
      let rules = org.effectiveRules
      for schoolClass in org.classes {
        let curriculum = org.workingCurriculum(of: schoolClass.id)!
        let shift = org.shift(schoolClass.shift)!
        let perDay = min(shift.lessonsPerDay, rules.maxLessonsPerDay(grade: schoolClass.grade))
        for period in org.studyPeriods {
          let total = curriculum.weeklyTotal(in: period.id)
          #expect(
            total.value <= Double(sanPinWeeklyMaximum[schoolClass.grade]!), "\(name) \(schoolClass.name): \(total) h")
          let needed = slotsNeeded(org, schoolClass, period: period.id)
          #expect(needed <= perDay * org.settings.schoolDays.count, "\(name) \(schoolClass.name): \(needed) periods")
        }
      }
    }
  }

  @Test("second-shift classes are in grades 2, 3, 4 and 6 and keep a free period")
  func secondShift() {
    for (_, org) in presets where org.shifts.count == 2 {
      for schoolClass in org.classes where schoolClass.shift == "2" {
        #expect([2, 3, 4, 6].contains(schoolClass.grade))
        let total = org.workingCurriculum(of: schoolClass.id)!.weeklyTotal(in: "Q1")
        #expect(total.value < 30)
      }
      let second = org.shift("2")!
      let first = org.shift("1")!
      let bells = org.bellSchedules!
      let firstBells = bells.first { $0.shift == "1" }!.lessons
      let secondBells = bells.first { $0.shift == "2" }!.lessons
      #expect(secondBells[0].start == firstBells[second.firstPeriod - first.firstPeriod].start)
    }
  }

  @Test("the same seed gives the same organisation, another seed a different one")
  func determinism() throws {
    #expect(SampleSchools.cityGymnasium() == SampleSchools.cityGymnasium())
    #expect(SampleSchools.largeSchool() == SampleSchools.largeSchool())
    let a = SampleSchools.generated(classes: 30, shifts: 2, seed: 7)
    let b = SampleSchools.generated(classes: 30, shifts: 2, seed: 7)
    let c = SampleSchools.generated(classes: 30, shifts: 2, seed: 8)
    #expect(a == b)
    #expect(a != c)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    #expect(try encoder.encode(a) == encoder.encode(b))
    var spec = SampleSchools.smallKazakhSchoolSpec
    spec.seed += 1
    #expect(
      SampleSchools.organisation(spec).teachers.map(\.name) != SampleSchools.smallKazakhSchool().teachers.map(\.name))
  }

  @Test("names are local: Cyrillic subjects, teachers and class letters")
  func localNames() {
    let cyrillic = { (text: String) in text.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) } }
    for (_, org) in presets {
      #expect(org.subjects.allSatisfy { cyrillic($0.name) })
      #expect(org.teachers.allSatisfy { cyrillic($0.name) && $0.name.split(separator: " ").count == 3 })
      #expect(org.classes.allSatisfy { cyrillic($0.letter) && $0.id == $0.name })
      #expect(org.subjects.allSatisfy { $0.id.allSatisfy(\.isASCII) })
    }
    let small = SampleSchools.smallKazakhSchool()
    #expect(small.subject("kaz")?.name == "Қазақ тілі")
    #expect(small.studyPeriods.first?.name == "1-тоқсан")
    let gymnasium = SampleSchools.cityGymnasium()
    #expect(gymnasium.subject("prob")?.name == "Вероятность и статистика")
    #expect(gymnasium.studyPeriods.first?.name == "1 четверть")
    let large = SampleSchools.largeSchool()
    #expect(large.classes.contains { $0.name == "5Ә" && $0.language == "kk" })
    #expect(large.subject("kaz-l2")?.name == "Қазақ тілі мен әдебиеті")
  }

  @Test("the gymnasium has English, informatics and technology subgroups and an English stream")
  func gymnasiumSubgroups() throws {
    let org = SampleSchools.cityGymnasium()
    let english = org.assignments.filter { $0.subject == "eng" && $0.split == .two }
    #expect(!english.isEmpty)
    #expect(english.allSatisfy { Set($0.teachers).count == 2 })
    #expect(org.assignments.contains { $0.subject == "inf" && $0.split == .two })
    #expect(org.assignments.contains { $0.subject == "trud" && $0.split == .boysGirls })
    let stream = try #require(org.streams?.first)
    #expect(stream.subject == "eng")
    #expect(stream.classes.count == 3)
    #expect((3...4).contains(stream.groups.count))
    #expect(Set(stream.groups.compactMap(\.teacher)).count == stream.groups.count)
    #expect(Set(stream.classes.compactMap { org.schoolClass($0)?.shift }).count == 1)
    for c in stream.classes {
      #expect(!org.assignments.contains { $0.class == c && $0.subject == "eng" })
    }
    #expect(org.workingCurricula.contains { $0.entries.contains { $0.duration == .double } })
    #expect(org.workingCurricula.contains { $0.entries.contains { $0.weeklyHours.hasHalf } })
  }

  @Test("standard curricula exist for every grade used and working curricula follow them")
  func curriculaFollowTemplates() {
    for (name, org) in presets {
      let templates = org.standardCurricula ?? []
      for schoolClass in org.classes {
        let candidates = templates.filter {
          $0.grade == schoolClass.grade && ($0.profile == nil || $0.profile == schoolClass.language)
        }
        #expect(candidates.count == 1, "\(name) \(schoolClass.name)")
        guard let template = candidates.first, let curriculum = org.workingCurriculum(of: schoolClass.id) else {
          continue
        }
        #expect(template.entries.map(\.subject) == curriculum.entries.map(\.subject))
        #expect(template.entries.map(\.weeklyHours) == curriculum.entries.map(\.weeklyHours))
        #expect(template.entries.contains { $0.component == .invariant })
      }
    }
  }

  @Test("classes have class teachers, primary classes home rooms shared only across shifts")
  func classTeachersAndHomeRooms() {
    for (name, org) in presets {
      #expect(org.classes.allSatisfy { $0.classTeacher != nil }, "\(name)")
      #expect(Set(org.classes.compactMap(\.classTeacher)).count == org.classes.count, "\(name)")
      let primary = org.classes.filter { $0.grade <= 4 }
      #expect(primary.allSatisfy { $0.homeRoom != nil }, "\(name)")
      let byRoom = Dictionary(grouping: primary, by: { $0.homeRoom! })
      for (room, sharing) in byRoom {
        #expect(
          Set(sharing.map(\.shift)).count == sharing.count,
          "\(name): \(room) is the home room of \(sharing.map(\.name))")
      }
      for teacher in org.teachers {
        if let room = teacher.room {
          let owners = org.teachers.filter { $0.room == room }
          let primaryOwners = owners.filter { t in primary.contains { $0.classTeacher == t.id } }
          #expect(owners.count == 1 || primaryOwners.count == owners.count, "\(name): \(room) is shared")
        }
      }
    }
  }

  @Test("about one teacher in ten has a wish: a free day or times they cannot teach")
  func teacherWishes() {
    for (name, org) in presets {
      let daysOff = org.teachers.filter { !($0.daysOffRequested ?? []).isEmpty }.count
      let busy = org.teachers.filter { !($0.unavailable ?? []).isEmpty }.count
      #expect(daysOff >= 1 && busy >= 1, "\(name)")
      #expect(Double(daysOff + busy) <= 0.15 * Double(org.teachers.count), "\(name)")
      #expect(
        org.teachers.allSatisfy {
          $0.maxWeeklyLoad == WeeklyHours(halves: 3 * org.settings.effectiveNormHours.halves / 2)
        })
    }
  }

  @Test("teachers' loads stay under 1.4 rates and 26 lessons a week")
  func teacherLoads() {
    for (name, org) in presets {
      let load = TeachingLoad(organisation: org)
      for teacher in org.teachers {
        let hours = load.load(of: teacher.id)?.peakWeeklyHours.value ?? 0
        let norm = org.normHours(of: teacher).value
        #expect(hours > 0, "\(name) \(teacher.name) has no lessons")
        #expect(hours <= 1.4 * norm, "\(name) \(teacher.name): \(hours) h")
        #expect(hours <= 26)
      }
    }
  }

  @Test("every special room type has at most 60 % of its periods booked in each shift")
  func specialRoomsSuffice() throws {
    for (name, org) in presets {
      for use in specialRoomUse(org) where use.demand > 0 {
        #expect(
          Double(use.demand) <= 0.6 * Double(use.capacity),
          "\(name) \(use.type) in shift \(use.shift.id): \(use.demand) of \(use.capacity)")
      }
    }
  }

  @Test("generated schools of 30, 60 and 100 classes in two shifts validate", arguments: [30, 60, 100])
  func generatedSchools(classes: Int) throws {
    for country in Country.allCases {
      let org = SampleSchools.generated(classes: classes, shifts: 2, seed: 42, country: country)
      #expect(org.classes.count == classes)
      let issues = OrganisationValidator.validate(org)
      #expect(!issues.contains { $0.isError }, "\(issues.prefix(5).map(\.description))")
      #expect(issues.isEmpty, "\(issues.prefix(5).map(\.description))")
      for use in specialRoomUse(org) where use.demand > 0 {
        #expect(
          Double(use.demand) <= 0.6 * Double(use.capacity), "\(use.type) \(use.shift.id): \(use.demand)/\(use.capacity)"
        )
      }
      for schoolClass in org.classes {
        let shift = org.shift(schoolClass.shift)!
        let perDay = min(shift.lessonsPerDay, org.effectiveRules.maxLessonsPerDay(grade: schoolClass.grade))
        #expect(slotsNeeded(org, schoolClass, period: "Q1") <= perDay * 5, "\(schoolClass.name)")
      }
    }
  }

  @Test("a district of 200 schools of varied sizes, both countries, distinct ids")
  func district() {
    let schools = SampleSchools.district(schools: 200, seed: 2025)
    #expect(schools.count == 200)
    #expect(Set(schools.map(\.id)).count == 200)
    #expect(schools.allSatisfy { (5...60).contains($0.classes.count) })
    #expect(Set(schools.map { $0.settings.country ?? "" }) == ["KZ", "RU"])
    // Validation is slow in debug builds: check a dozen schools of different sizes.
    for org in schools.sorted(by: { $0.classes.count < $1.classes.count }).enumerated().filter({ $0.offset % 17 == 0 })
      .map(\.element)
    {
      #expect(!OrganisationValidator.validate(org).contains { $0.isError }, "\(org.id)")
    }
  }
}
