import ArgumentParser
import Checker
import Foundation
import Interchange
import Planner
import Reports
import Solver

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Judge a timetable independently: every hard violation in a sentence, and the soft cost by rule.",
    discussion: "Exit status 0 when the timetable has no hard violation, 2 when it has some, 1 on bad input.")

  @OptionGroup var input: InstanceInput
  @Argument(help: "The timetable (JSON, as `sabaq solve` writes it; or fet-cl's …_activities.xml for a .fet file).")
  var timetable: String
  @Option(help: "The study period (default: the timetable's, else the first).") var period: String?
  @Option(help: "text or json.") var format: ReportFormat = .text

  func run() throws {
    let organisation = try input.organisation()
    // Ours, or fet-cl's own result (…_activities.xml), judged on the same terms.
    let placed = try TimetableSource.read(timetable, organisation: organisation)
    try Self.requireOwn(placed, organisation: organisation, file: timetable)
    let problem: TimetableProblem
    do {
      problem = try LessonDemandBuilder.problem(for: organisation, period: period ?? placed.period)
    } catch {
      throw CommandFailure(error, file: input.file)
    }
    let check = TimetableCheck(problem: problem, timetable: placed)
    switch format {
    case .json:
      print(String(decoding: try InstanceFile.encoder.encode(check.report), as: UTF8.self))
    default:
      print(check.text(), terminator: "")
    }
    if !check.isFeasible { throw ExitCode(2) }
  }

  /// Refuses a timetable made for another organisation (`TimetableIdentity`), judged against the
  /// demand of its study period (the first when the organisation has no such period: another
  /// school's periods are no reason to stop before saying whose timetable it is); prints a
  /// warning when only its organisation's id differs.
  static func requireOwn(_ timetable: Timetable, organisation: Organisation, file: String) throws {
    let period = timetable.period.flatMap { organisation.period($0) == nil ? nil : $0 }
    guard let problem = try? LessonDemandBuilder.problem(for: organisation, period: period) else { return }
    let issues = TimetableIdentity.issues(timetable, demand: problem)
    for warning in issues where !warning.isError { printError("warning: \(file): \(warning.message)") }
    let errors = issues.filter(\.isError)
    if !errors.isEmpty { throw CommandFailure(PlanningErrors(errors), file: file) }
  }
}

struct BellsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bells",
    abstract:
      "Compute the bell schedules from the shifts' bell rules (GLPK), and check the schedules the organisation has.",
    discussion: """
      With --timetable, a second shift waits only for the rooms it shares with the first (as the \
      timetable uses them); otherwise for the end of the first shift. With --output the computed \
      schedules replace the organisation's and the result is written there. Exit status 0 when \
      the current schedules follow the rules, 2 when one breaks them, 1 on bad input.
      """)

  @OptionGroup var input: InstanceInput
  @Option(help: "Only this shift (repeat for several).") var shift: [String] = []
  @Option(help: "A timetable whose room use decides when the next shift may start.") var timetable: String?
  @Option(help: "Write the organisation with the computed schedules here.") var output: String?

  func run() throws {
    let organisation = try input.organisation()
    var handovers: [RoomHandover]?
    if let timetable {
      let placed = try TimetableFile.read(timetable)
      let problem = try LessonDemandBuilder.problem(for: organisation, period: placed.period)
      handovers = RoomHandover.from(problem: problem, timetable: placed)
    }
    for key in shift where organisation.shift(key) == nil {
      throw PlanningErrors([
        .error(
          "unknown-shift", at: "--shift",
          "no shift \"\(key)\"; the shifts are \(organisation.shifts.map(\.id).joined(separator: ", "))")
      ])
    }
    // The schedules the organisation has, against its rules.
    var broken = false
    for (schedule, problems) in BellScheduleAudit.audits(
      of: organisation, shifts: shift.isEmpty ? nil : shift, handovers: handovers)
    {
      let name = organisation.shift(schedule.shift)?.name ?? schedule.shift
      let grades = schedule.grades.map { " (grades \($0.map(String.init).joined(separator: ", ")))" } ?? ""
      if problems.isEmpty {
        print("current bell schedule of \(name)\(grades): follows the rules")
      } else {
        print("current bell schedule of \(name)\(grades):")
        for p in problems { print("  - \(p)") }
        broken = true
      }
    }
    let result = try BellScheduleSolver.solve(organisation, shifts: shift.isEmpty ? nil : shift, handovers: handovers)
    for schedule in result.schedules {
      let name = organisation.shift(schedule.shift)?.name ?? schedule.shift
      let grades = schedule.grades.map { ", grades \($0.map(String.init).joined(separator: ", "))" } ?? ""
      print("\ncomputed bell schedule of \(name)\(grades)")
      var table = TextTable(
        header: ["Lesson", "Start", "End", "Break after"], alignments: [.right, .left, .left, .right])
      for (k, lesson) in schedule.lessons.enumerated() {
        let pause =
          k + 1 < schedule.lessons.count ? "\(schedule.lessons[k + 1].start.minutes - lesson.end.minutes) min" : ""
        table.add([String(lesson.number), lesson.start.description, lesson.end.description, pause])
      }
      print(table.render(indent: "  "), terminator: "")
    }
    if let output {
      do {
        try InstanceEdit.apply(input: input.file, output: output) { $0.replacingBellSchedules(with: result.schedules) }
      } catch {
        throw CommandFailure(error, file: input.file)
      }
      print("\nwritten to \(output)")
    }
    // Exit status 2 when a current schedule breaks its rules (as `check` with hard violations).
    if broken { throw ExitCode(2) }
  }
}
