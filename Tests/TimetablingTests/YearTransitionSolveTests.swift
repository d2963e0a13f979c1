import Checker
import Foundation
import Interchange
import Planner
import Testing

@testable import Timetabling

/// `year next` on every shipped instance gives an organisation that validates and solves; the
/// re-solve lists its moved lessons and room changes.
@Suite struct YearTransitionSolveTests {
  static func shipped() throws -> [(name: String, organisation: Organisation)] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let folder = root.appendingPathComponent("instances")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
      .sorted()
    return try names.map { ($0, try InstanceFile.read(folder.appendingPathComponent($0).path)) }
  }

  /// Every shipped school's next year validates, needs nothing changed by hand, admits new first
  /// grades and passes the counting before a solve.
  @Test(arguments: ["kz-large-school-54.json", "kz-rural-school-9.json", "ru-gymnasium-31.json"])
  func theNextYearOfAShippedSchoolValidates(_ name: String) throws {
    let organisation = try #require(try Self.shipped().first { $0.name == name }?.organisation)
    let (next, report) = organisation.nextYear()
    let errors = OrganisationValidator.validate(next).filter(\.isError)
    #expect(errors.isEmpty, "\(name): \(errors)")
    #expect(report.toChange.isEmpty, "\(name): \(report.toChange)")
    #expect(!report.newClasses.isEmpty)
    #expect(next.classes.contains { $0.grade == 1 })
    // Every class fits its shift: the 7th grades of a second shift of 6 lessons moved.
    for c in next.classes {
      #expect(next.weeklyLessons(of: c.id) <= next.weeklyCapacity(of: c, in: next.shift(c.shift)!), "\(c.name)")
    }
    let demand = try Timetabling.demand(for: TimetablingInput(organisation: next))
    let findings = DemandCapacity.issues(in: demand)
    #expect(findings.isEmpty, "\(name): \(findings)")
  }

  /// Every shipped school's next year solves, judged by the Checker alone (each in a few seconds
  /// on a quiet machine; the limit leaves room for a busy one).
  @Test(arguments: ["kz-large-school-54.json", "kz-rural-school-9.json", "ru-gymnasium-31.json"])
  func theNextYearOfAShippedSchoolSolves(_ name: String) throws {
    let organisation = try #require(try Self.shipped().first { $0.name == name }?.organisation)
    let (next, _) = organisation.nextYear()
    let input = TimetablingInput(organisation: next)
    let demand = try Timetabling.demand(for: input)
    var options = TimetablingOptions()
    options.timeLimit = 90
    options.firstFeasible = true
    options.useMIP = false
    let result = try Timetabling.build(input, demand: demand, options: options)
    let check = TimetableCheck(problem: demand, timetable: result.timetable)
    let feasible = check.isFeasible
    let violations = check.hardViolationCount
    #expect(feasible, "\(name): \(violations) hard violations")
    #expect(result.timetable.placements.count == demand.lessons.count)
  }

  /// A new first grade takes, for the subjects last year's first grade of its letter had from its
  /// primary teacher, one teacher whose own class left the primary grades and who teaches nothing
  /// else; with none free, those hours are a vacancy, said so, and the class gets a room no one
  /// else of its shift has.
  @Test func aNewFirstGradeTakesOneFreePrimaryTeacherOrIsAVacancy() throws {
    let organisation = try #require(try Self.shipped().first { $0.name == "kz-large-school-54.json" }?.organisation)
    let (next, report) = organisation.nextYear()
    let entrants = next.classes.filter { $0.grade == 1 }
    #expect(entrants.count == 6)
    #expect(report.primaryTeachers.count == 6)
    let lastYearTeachers = Set(
      organisation.assignments.filter { organisation.schoolClass($0.class)?.grade == 4 }.flatMap(\.teachers))
    for entrant in entrants {
      let main = next.mainTeacher(of: entrant.id)
      if let main {
        // She teaches this class alone, and taught a 4th grade last year.
        #expect(next.assignments.filter { $0.teachers.contains(main.teacher) }.allSatisfy { $0.class == entrant.id })
        #expect(lastYearTeachers.contains(main.teacher))
        #expect(entrant.classTeacher == main.teacher)
      } else {
        let line = report.primaryTeachers.first { $0.hasPrefix("\(entrant.name): ") }
        #expect(line?.contains("no primary teacher is free") == true, "\(entrant.name)")
        // Not last year's room of its letter, which its teacher keeps: a free one, or none (any
        // classroom) when every one is someone's.
        #expect(
          entrant.homeRoom != organisation.classes.first { $0.grade == 1 && $0.letter == entrant.letter }?.homeRoom)
        if let room = entrant.homeRoom {
          #expect(!next.teachers.contains { $0.room == room })
          #expect(!next.classes.contains { $0.id != entrant.id && $0.shift == entrant.shift && $0.homeRoom == room })
        }
      }
    }
    // Five 4th grades left, six 1st grades came: one is a vacancy.
    #expect(entrants.filter { next.mainTeacher(of: $0.id) == nil }.count == 1)
  }
}
