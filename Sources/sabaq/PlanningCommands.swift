import ArgumentParser
import Foundation
import Interchange
import Planner
import Reports

struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check an instance file: exit 0 with a summary, or 1 with every error and its JSON path.")

  @OptionGroup var input: InstanceInput
  @Flag(help: "Treat warnings as errors.") var strict = false

  func run() throws {
    let organisation = try input.organisation()
    let issues = OrganisationValidator.validate(organisation)
    let errors = issues.filter { $0.isError || strict }
    for issue in issues { printError("\(input.file): \(issue.path): \(issue.severity.rawValue): \(issue.message)") }
    guard errors.isEmpty else {
      printError(
        "\(errors.count) error\(errors.count == 1 ? "" : "s"), \(issues.count - errors.count) warning\(issues.count - errors.count == 1 ? "" : "s")"
      )
      throw ExitCode(1)
    }
    let lessons =
      organisation.studyPeriods.first.flatMap { try? LessonDemandBuilder.problem(for: organisation, period: $0.id) }?
      .lessons.count ?? 0
    print(
      """
      \(organisation.name) (\(organisation.id)): valid
        academic year \(organisation.academicYear.name), \(organisation.studyPeriods.count) study periods, \(organisation.shifts.count) shift\(organisation.shifts.count == 1 ? "" : "s"), \(organisation.settings.schoolDays.count) school days a week
        \(organisation.classes.count) classes, \(organisation.teachers.count) teachers, \(organisation.rooms.count) rooms, \(organisation.subjects.count) subjects
        \(organisation.assignments.count) teaching assignments, \((organisation.streams ?? []).count) streams, \(lessons) lessons a week in the first period
        \(issues.count) warning\(issues.count == 1 ? "" : "s")
      """)
  }
}

struct CurriculumCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "curriculum", abstract: "Show, copy and create working curricula.",
    subcommands: [Show.self, Copy.self, FromTemplate.self])

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print a class's working curriculum.")
    @OptionGroup var input: InstanceInput
    @Option(name: .customLong("class"), help: "The class (\"5A\").") var classKey: String
    @Option(help: "One study period (default: all).") var period: String?
    @Option(help: "text, csv or json.") var format: ReportFormat = .text

    func run() throws {
      let organisation = try input.organisation()
      let schoolClass = try requireClass(classKey, in: organisation)
      let period = try period.map { try requirePeriod($0, in: organisation).id }
      print(
        CurriculumReport(organisation: organisation, classID: schoolClass.id, period: period).render(format),
        terminator: "")
    }
  }

  struct Copy: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Copy a class's curriculum to other classes (5A → 5B, 5C).")
    @OptionGroup var input: InstanceInput
    @Option(help: "The class copied from.") var from: String
    @Option(help: "A class copied to (repeat for several).") var to: [String] = []
    @Option(help: "A subject to copy (repeat; default: all).") var subject: [String] = []
    @Flag(help: "Replace the hours of subjects the target has already (default: keep them).") var replace = false
    @Option(help: "A study period to copy (repeat; default: the whole year).") var period: [String] = []
    @Flag(help: "Copy the split and the teachers as well.") var withAssignments = false
    @Option(help: "Where to write the result.") var output: String

    func run() throws {
      let request = CurriculumCopyRequest(
        from: from, to: to, subjects: subject.isEmpty ? nil : subject, conflicts: replace ? .replace : .keep,
        periods: period.isEmpty ? nil : period, includeAssignments: withAssignments)
      var report = CurriculumCopyReport()
      do {
        try InstanceEdit.apply(input: input.file, output: output) { organisation in
          let (result, copyReport) = try organisation.copyingCurriculum(request)
          report = copyReport
          return result
        }
      } catch {
        throw CommandFailure(error, file: input.file)
      }
      print(
        "copied: \(report.added.count) subjects added, \(report.replaced.count) replaced, \(report.kept.count) kept, \(report.assignmentsCopied) assignments; written to \(output)"
      )
    }
  }

  struct FromTemplate: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "from-template", abstract: "Make a class's curriculum from the standard curriculum of its grade.")
    @OptionGroup var input: InstanceInput
    @Option(name: .customLong("class"), help: "The class.") var classKey: String
    @Option(help: "The standard curriculum's id (default: the one of the class's grade).") var template: String?
    @Flag(help: "Replace the class's existing curriculum.") var replace = false
    @Option(help: "Where to write the result.") var output: String

    func run() throws {
      do {
        try InstanceEdit.apply(input: input.file, output: output) {
          try $0.creatingCurriculum(forClass: classKey, template: template, replace: replace)
        }
      } catch {
        throw CommandFailure(error, file: input.file)
      }
      print("curriculum of \(classKey) made from the template; written to \(output)")
    }
  }
}

struct YearCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "year", abstract: "The academic year.", subcommands: [Next.self])

  struct Next: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Move to the next academic year: classes up a grade, graduates leave, curricula from templates.")
    @OptionGroup var input: InstanceInput
    @Option(help: "Where to write the new year.") var output: String

    func run() throws {
      var report = YearTransitionReport()
      let next: Organisation
      do {
        next = try InstanceEdit.apply(input: input.file, output: output) { organisation in
          let (next, transition) = organisation.nextYear()
          report = transition
          return next
        }
      } catch {
        for item in report.toChange { printError("to change: \(item)") }
        throw CommandFailure(error, file: input.file)
      }
      print(
        "\(next.academicYear.name): \(report.promoted.count) classes moved up, \(report.graduated.count) graduated (\(report.graduated.joined(separator: ", ")))"
      )
      print(
        "curricula from templates: \(report.fromTemplates.count); without a template: \(report.withoutTemplate.isEmpty ? "none" : report.withoutTemplate.joined(separator: ", "))"
      )
      print("new classes: \(report.newClasses.isEmpty ? "none" : report.newClasses.joined(separator: ", "))")
      for change in report.shiftChanges { print("shift changed: \(change)") }
      for primary in report.primaryTeachers { print("primary teacher: \(primary)") }
      print("assignments kept: \(report.assignmentsKept), dropped: \(report.assignmentsDropped); written to \(output)")
      for item in report.toChange { print("to change: \(item)") }
    }
  }
}

struct DistributionCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "distribution", abstract: "The week-by-week distribution of a class's hours (ГУП).")
  @OptionGroup var input: InstanceInput
  @Option(name: .customLong("class"), help: "The class.") var classKey: String
  @Option(help: "text, csv or json.") var format: ReportFormat = .text

  func run() throws {
    let organisation = try input.organisation()
    let schoolClass = try requireClass(classKey, in: organisation)
    let distribution = ClassDistribution(organisation: organisation, classID: schoolClass.id)
    print(DistributionReport(organisation: organisation, distribution: distribution).render(format), terminator: "")
    if distribution.issues.contains(where: \.isError) { throw ExitCode(1) }
  }
}

struct LoadCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "load", abstract: "The teaching load of every teacher (or one), with totals per class and school.")
  @OptionGroup var input: InstanceInput
  @Option(help: "Only this teacher (id, name or part of the name).") var teacher: String?
  @Option(help: "text, csv or json.") var format: ReportFormat = .text

  func run() throws {
    let organisation = try input.organisation()
    var filter: Set<TeacherID>?
    if let teacher {
      let found = organisation.findTeacher(teacher)
      guard !found.isEmpty else {
        throw PlanningErrors([.error("unknown-teacher", at: "--teacher", "no teacher matches \"\(teacher)\"")])
      }
      filter = Set(found.map(\.id))
    }
    let report = TeachingLoadReport(organisation: organisation, teachers: filter)
    print(report.render(format), terminator: "")
  }
}

struct DemandCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demand", abstract: "The lessons the timetable must place each week in a study period.")
  @OptionGroup var input: InstanceInput
  @Option(help: "The study period (default: the first).") var period: String?
  @Option(help: "text, csv or json.") var format: ReportFormat = .text

  func run() throws {
    let organisation = try input.organisation()
    do {
      let problem = try LessonDemandBuilder.problem(for: organisation, period: period)
      print(DemandReport(problem: problem).render(format), terminator: "")
    } catch {
      throw CommandFailure(error, file: input.file)
    }
  }
}
