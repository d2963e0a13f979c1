import CSV
import Foundation
import Interchange
import Planner
import SampleSchools
import Testing

@testable import Reports

/// The instance files shipped in `instances/`.
func shippedInstances() throws -> [(name: String, organisation: Organisation)] {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  let folder = root.appendingPathComponent("instances")
  let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
  return try names.map { ($0, try InstanceFile.read(folder.appendingPathComponent($0).path)) }
}

@Suite struct TeachingLoadReportTests {
  @Test func atLeastThreeRealisticInstancesAreShipped() throws {
    let instances = try shippedInstances()
    #expect(instances.count >= 3)
    #expect(instances.contains { $0.organisation.classes.count >= 50 })
    #expect(
      instances.contains { $0.organisation.shifts.count == 2 && (25...35).contains($0.organisation.classes.count) })
    #expect(instances.contains { $0.organisation.shifts.count == 1 && $0.organisation.classes.count <= 12 })
    for (name, organisation) in instances {
      let errors = OrganisationValidator.validate(organisation).filter(\.isError)
      #expect(errors.isEmpty, "\(name): \(errors)")
    }
  }

  @Test func annualHoursOfEveryLoadLineEqualTheSumOfItsWeeklyDistribution() throws {
    for (name, organisation) in try shippedInstances() {
      let load = TeachingLoad(organisation: organisation)
      var distributed: [String: Int] = [:]
      for schoolClass in organisation.classes {
        for row in ClassDistribution(organisation: organisation, classID: schoolClass.id).rows {
          let key =
            row.stream.map { "\($0)|\(row.group)|\(row.teacher ?? "")" }
            ?? "\(schoolClass.id)|\(row.subject)|\(row.group)|\(row.teacher ?? "")"
          // A stream group's weeks are the same for each of its classes.
          distributed[key] = row.lessons.reduce(0, +)
        }
      }
      var lines = 0
      for teacher in load.teachers {
        for line in teacher.lines {
          let key =
            line.stream.map { "\($0)|\(line.group)|\(teacher.teacher)" }
            ?? "\(line.classes[0])|\(line.subject)|\(line.group)|\(teacher.teacher)"
          #expect(distributed[key] == line.annualHours, "\(name): \(key)")
          lines += 1
        }
        #expect(teacher.annualHours == teacher.lines.reduce(0) { $0 + $1.annualHours })
      }
      #expect(lines > 0)
      let report = TeachingLoadReport(organisation: organisation, load: load)
      #expect(report.school.annualHours == load.teachers.reduce(0) { $0 + $1.annualHours })
    }
  }

  @Test func theTextReportShowsEachTeacherWithTotalsAndRate() throws {
    let school = SampleSchools.smallKazakhSchool()
    let report = TeachingLoadReport(organisation: school)
    let text = report.render(.text)
    let first = try #require(report.teachers.first { !$0.lines.isEmpty })
    #expect(text.contains("\(first.name) (\(first.id)):"))
    #expect(text.contains("rate \(String(format: "%.2f", first.rate))"))
    #expect(text.contains("School: "))
    #expect(first.normHours == 16)
  }

  @Test func theCSVReportHasALinePerGroupAndTotalsPerTeacherClassAndSchool() throws {
    let school = SampleSchools.smallKazakhSchool()
    let report = TeachingLoadReport(organisation: school)
    let csv = try CSVReader(string: report.render(.csv), hasHeaderRow: true)
    var kinds: [String: Int] = [:]
    var annualFromLines = 0
    var annualFromTotal = -1
    while let row = csv.next() {
      kinds[row[0], default: 0] += 1
      let annual = Int(row[csv.headerRow!.firstIndex(of: "annual")!]) ?? 0
      if row[0] == "line" { annualFromLines += annual }
      if row[0] == "school-total" { annualFromTotal = annual }
    }
    #expect(kinds["line"] == report.teachers.reduce(0) { $0 + $1.lines.count })
    #expect(kinds["teacher-total"] == report.teachers.count)
    #expect(kinds["class-total"] == school.classes.count)
    #expect(kinds["school-total"] == 1)
    #expect(annualFromLines == annualFromTotal)
  }

  @Test func theJSONReportDecodesAndCanBeNarrowedToOneTeacher() throws {
    let school = SampleSchools.cityGymnasium()
    let teacher = school.teachers[3]
    let report = TeachingLoadReport(organisation: school, teachers: [teacher.id])
    let json = try JSONSerialization.jsonObject(with: Data(report.render(.json).utf8)) as! [String: Any]
    let teachers = json["teachers"] as! [[String: Any]]
    #expect(teachers.count == 1)
    #expect(teachers[0]["name"] as? String == teacher.name)
  }

  @Test func overloadedTeachersAreMarked() {
    var school = SampleSchools.smallKazakhSchool()
    let busiest = TeachingLoad(organisation: school).teachers.max { $0.peakWeeklyHours < $1.peakWeeklyHours }!
    let index = school.teachers.firstIndex { $0.id == busiest.teacher }!
    school.teachers[index].maxWeeklyLoad = WeeklyHours(halves: busiest.peakWeeklyHours.halves - 2)
    let report = TeachingLoadReport(organisation: school)
    let section = report.teachers.first { $0.id == busiest.teacher }!
    #expect(section.status == "over")
    #expect(section.overMaximum == 1)
    #expect(report.render(.text).contains("OVER the maximum"))
  }
}

@Suite struct DistributionReportTests {
  @Test func theScheduleOfAClassShowsWeeksPeriodsAndTotals() throws {
    let school = SampleSchools.smallKazakhSchool()
    let schoolClass = school.classes[4]
    let distribution = ClassDistribution(organisation: school, classID: schoolClass.id)
    let report = DistributionReport(organisation: school, distribution: distribution)
    let text = report.render(.text)
    #expect(text.contains("Study-process schedule (ГУП) of \(schoolClass.name)"))
    for row in report.rows {
      #expect(row.total == row.lessons.reduce(0, +))
      #expect(row.periodTotals.values.reduce(0, +) == row.total)
    }
    let csv = report.render(.csv)
    #expect(csv.split(separator: "\n").count == report.rows.count + 1)
  }

  @Test func theCurriculumPrintListsSubjectsWithHoursSplitAndTeachers() {
    let school = SampleSchools.cityGymnasium()
    let schoolClass = school.classes.first { $0.grade == 7 }!
    let report = CurriculumReport(organisation: school, classID: schoolClass.id, period: "Q1")
    #expect(report.rows.count == school.workingCurriculum(of: schoolClass.id)!.entries(in: "Q1").count)
    #expect(report.weeklyTotals["Q1"] == school.workingCurriculum(of: schoolClass.id)!.weeklyTotal(in: "Q1").value)
    #expect(report.render(.text).contains("Working curriculum of \(schoolClass.name)"))
  }
}
