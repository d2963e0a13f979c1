// The command line's root: its subcommands, the instance file they read, and the one place where
// errors become messages and exit statuses.
import ArgumentParser
import Foundation
import Interchange
import Planner
import Reports
import Store

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
    version: SabaqVersion.current,
    subcommands: [
      ValidateCommand.self, CurriculumCommand.self, YearCommand.self, DistributionCommand.self,
      LoadCommand.self, DemandCommand.self, SolveCommand.self, CheckCommand.self, BellsCommand.self,
      ImportCommand.self, ExportCommand.self, GenerateCommand.self, BenchCommand.self, OrgCommand.self,
      UserCommand.self, TimetableVersionCommand.self, ServeCommand.self, WorkerCommand.self,
    ])

  /// Runs the command; every error ends here. Argument errors are printed as ArgumentParser
  /// prints them; an `ExitCode` ends with its status; any other error is bad input (or a failed
  /// write): printed with the file and the place it names, it ends the command with status 1, or 3
  /// for a store conflict (a change made on a revision that is no longer the current one).
  static func main() {
    var command: ParsableCommand
    do {
      command = try parseAsRoot()
    } catch {
      exit(withError: error)
    }
    do {
      try command.run()
    } catch let error as ExitCode {
      exit(withError: error)
    } catch let error as CleanExit {
      exit(withError: error)
    } catch let error as ValidationError {
      exit(withError: error)
    } catch  where String(reflecting: type(of: command)).hasPrefix("ArgumentParser.") {
      // `--help` and `sabaq help` run ArgumentParser's own help command, which asks for the help
      // text by throwing an error of ArgumentParser's (a type the module does not make public).
      exit(withError: error)
    } catch {
      let failure = error as? CommandFailure ?? CommandFailure(error)
      printError(failure.text)
      Foundation.exit(failure.status)
    }
  }
}

/// A command ended by bad input: the error, the file (or option) it concerns, and the exit
/// status: 3 for a store conflict, 1 for anything else.
struct CommandFailure: Error {
  let error: Error
  let file: String?
  let status: Int32

  init(_ error: Error, file: String? = nil, status: Int32? = nil) {
    self.error = error
    self.file = file
    self.status = status ?? Self.status(of: error)
  }

  /// 3 for a store conflict (the caller may read the current revision and try again), else 1.
  static func status(of error: Error) -> Int32 {
    switch error {
    case let failure as CommandFailure: return failure.status
    case StoreError.conflict: return 3
    default: return 1
    }
  }

  /// The error as printed: each problem on its line, with the file and the place in it.
  var text: String {
    switch error {
    case let failure as CommandFailure: return failure.text
    case let e as InstanceFileError: return e.description
    case let e as FETFormatError: return e.description
    case let e as FETImportError: return e.description
    case let e as StoreError: return StoreMessages.text(e, place: file)
    case let e as PlanningErrors:
      return e.issues.map { issue in
        let place = [file, issue.path.isEmpty ? nil : issue.path].compactMap { $0 }.joined(separator: ": ")
        return place.isEmpty ? "error: \(issue.message)" : "\(place): \(issue.message)"
      }.joined(separator: "\n")
    default:
      // Foundation's file errors read best as their localized sentence.
      let described = (error as NSError).domain == NSCocoaErrorDomain ? error.localizedDescription : "\(error)"
      return file.map { "\($0): \(described)" } ?? "error: \(described)"
    }
  }
}

/// The instance file a command reads.
struct InstanceInput: ParsableArguments {
  @Argument(help: "The instance file (JSON), or a FET file (.fet) to import on the fly.")
  var file: String

  /// Reads the file (a FET file is imported, and what it leaves out is said on standard error).
  func source() throws -> InstanceSource { try Self.source(file) }

  /// Reads an instance file as `source()` does.
  static func source(_ file: String) throws -> InstanceSource {
    let source = try InstanceSource.read(file)
    if let report = source.fetImport, !report.isComplete {
      printError("FET import: " + report.summary.replacingOccurrences(of: "\n", with: "; "))
    }
    return source
  }

  /// The organisation of `source()`.
  func organisation() throws -> Organisation { try source().organisation }
}

extension ReportFormat: ExpressibleByArgument {}

func printError(_ text: String) {
  FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}

/// Finds a class by name or id; an unknown one is bad input.
func requireClass(_ key: String, in organisation: Organisation) throws -> SchoolClass {
  guard let found = organisation.findClass(key) else {
    let classes = organisation.classes.map(\.name).joined(separator: ", ")
    throw PlanningErrors([.error("unknown-class", at: "--class", "no class \"\(key)\"; the classes are \(classes)")])
  }
  return found
}

/// Finds a study period by id or name; an unknown one is bad input.
func requirePeriod(_ key: String, in organisation: Organisation) throws -> StudyPeriod {
  guard let found = organisation.findPeriod(key) else {
    let periods = organisation.studyPeriods.map(\.id).joined(separator: ", ")
    throw PlanningErrors([
      .error("unknown-period", at: "--period", "no study period \"\(key)\"; the periods are \(periods)")
    ])
  }
  return found
}
