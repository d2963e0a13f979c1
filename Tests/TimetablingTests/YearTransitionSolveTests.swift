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

  /// The rural school's next year solves in a few seconds, judged by the Checker alone. (The
  /// two-shift schools' next years, like their current ones, take tens of seconds on a busy
  /// machine: not a unit test.)
  @Test func theRuralSchoolsNextYearSolves() throws {
    let organisation = try #require(try Self.shipped().first { $0.name == "kz-rural-school-9.json" }?.organisation)
    let (next, _) = organisation.nextYear()
    let input = TimetablingInput(organisation: next)
    let demand = try Timetabling.demand(for: input)
    var options = TimetablingOptions()
    options.timeLimit = 10
    options.firstFeasible = true
    options.useMIP = false
    let result = try Timetabling.build(input, demand: demand, options: options)
    let check = TimetableCheck(problem: demand, timetable: result.timetable)
    let feasible = check.isFeasible
    let violations = check.hardViolationCount
    #expect(feasible, "\(violations) hard violations")
    #expect(result.timetable.placements.count == demand.lessons.count)
  }
}
