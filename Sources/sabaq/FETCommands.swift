import ArgumentParser
import Checker
import Foundation
import Interchange
import Planner
import Solver

struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import", abstract: "Import another timetabler's file.", subcommands: [FET.self])

  struct FET: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "fet",
      abstract: "Import a FET file (.fet, FET 5 or 6) into a Sabaq instance file; every constraint left out is listed.")
    @Argument(help: "The .fet file.") var file: String
    @Option(help: "Where to write the instance file.") var output: String

    func run() throws {
      let (organisation, report) = try FETImport.read(path: file)
      try InstanceFile.write(organisation, to: output)
      print(
        "\(organisation.name): \(organisation.activities?.count ?? 0) activities, \(organisation.teachers.count) teachers, \((organisation.studentSets ?? []).count) student sets, \(organisation.rooms.count) rooms, \(organisation.settings.schoolDays.count) days × \(organisation.shifts.first?.lessonsPerDay ?? 0) hours"
      )
      print(report.summary)
      print("written to \(output)")
    }
  }
}

struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export", abstract: "Hand a timetable to another timetabler.", subcommands: [FET.self])

  struct FET: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "fet",
      abstract:
        "Write the FET file with every activity locked where a Sabaq timetable puts it, so that fet-cl can confirm it.")
    @Argument(help: "The original .fet file.") var file: String
    @Argument(help: "The timetable (JSON) built for it.") var timetable: String
    @Option(help: "Where to write the locked .fet file.") var output: String

    func run() throws {
      let (organisation, report) = try FETImport.read(path: file)
      let placed = try TimetableFile.read(timetable)
      try CheckCommand.requireOwn(placed, organisation: organisation, file: timetable)
      let original = try Data(contentsOf: URL(fileURLWithPath: file))
      let placements = FETTimetable.placements(from: placed, organisation: organisation, report: report)
      let locked = try FETWriter.locked(original: original, placements: placements, comments: "Locked by Sabaq")
      try locked.write(to: URL(fileURLWithPath: output), options: .atomic)
      print("\(placements.count) activities locked; written to \(output)")
    }
  }
}
