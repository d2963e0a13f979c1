import ArgumentParser
import Foundation
import Interchange
import Planner
import Reports

@main
struct Sabaq: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sabaq",
    abstract: "School curriculum planner and timetable generator.",
    discussion: """
      FILE is a native instance file (JSON, see docs/instance-format.md). Commands that change an \
      organisation write the result to --output and never touch FILE unless --output names it; \
      a failed command writes nothing.
      """,
    subcommands: [
      ValidateCommand.self, CurriculumCommand.self, YearCommand.self, DistributionCommand.self,
      LoadCommand.self, DemandCommand.self, SolveCommand.self, CheckCommand.self, BellsCommand.self,
      ImportCommand.self, ExportCommand.self, GenerateCommand.self, BenchCommand.self,
    ])
}

/// The instance file a command reads.
struct InstanceInput: ParsableArguments {
  @Argument(help: "The instance file (JSON), or a FET file (.fet) to import on the fly.")
  var file: String

  /// Reads the organisation (a FET file is imported, and what it leaves out is said on standard
  /// error); on failure prints every problem and exits with status 1.
  func organisation() throws -> Organisation {
    if file.lowercased().hasSuffix(".fet") {
      let (organisation, report) = importFET(file)
      if !report.isComplete { printError("FET import: " + report.summary.replacingOccurrences(of: "\n", with: "; ")) }
      return organisation
    }
    do {
      return try InstanceFile.read(file)
    } catch {
      fail(error)
    }
  }
}

extension ReportFormat: ExpressibleByArgument {}

/// Prints an error's problems to standard error and ends the command with status 1.
func fail(_ error: Error, file: String? = nil) -> Never {
  let text: String
  switch error {
  case let e as InstanceFileError: text = e.description
  case let e as PlanningErrors:
    text = e.issues.map { issue in
      let place = [file, issue.path.isEmpty ? nil : issue.path].compactMap { $0 }.joined(separator: ": ")
      return place.isEmpty ? "error: \(issue.message)" : "\(place): \(issue.message)"
    }.joined(separator: "\n")
  default: text = "error: \(error)"
  }
  printError(text)
  Foundation.exit(1)
}

func printError(_ text: String) {
  FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}

/// Finds a class by name or id or ends the command with a clear message.
func requireClass(_ key: String, in organisation: Organisation) -> SchoolClass {
  guard let found = organisation.findClass(key) else {
    fail(PlanningErrors([.error("unknown-class", at: "--class", "no class \"\(key)\"; the classes are \(organisation.classes.map(\.name).joined(separator: ", "))")]))
  }
  return found
}

func requirePeriod(_ key: String, in organisation: Organisation) -> StudyPeriod {
  guard let found = organisation.findPeriod(key) else {
    fail(PlanningErrors([.error("unknown-period", at: "--period", "no study period \"\(key)\"; the periods are \(organisation.studyPeriods.map(\.id).joined(separator: ", "))")]))
  }
  return found
}
