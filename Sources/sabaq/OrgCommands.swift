// `sabaq org`: the organisations of the store and their plans.
import ArgumentParser
import Foundation
import Interchange
import Reports
import Store

struct OrgCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "org",
    abstract: "The organisations of the store (ministry → region → district → school) and their plans.",
    subcommands: [Create.self, List.self, Import.self, Export.self])

  struct Create: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Create an organisation; prints its id.",
      discussion: "Without --parent it is the root of a tree (a ministry, or a school on its own).")
    @OptionGroup var database: DatabaseOption
    @Option(help: "Its name.") var name: String
    @Option(help: "One of \(OrganisationNode.Kind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: OrganisationNode.Kind
    @Option(help: "The id of the ministry, region or district it belongs to.") var parent: Int?
    @Option(help: "Its country as a two-letter ISO code (KZ, RU, KG; default: the parent's).") var country: String?
    @Option(help: "Its IANA time zone (default: the parent's, else Asia/Almaty).") var timeZone: String?

    func run() throws {
      let store = try database.open()
      defer { store.close() }
      let node: OrganisationNode
      if let parent {
        let scope = try store.scope(parent, option: "--parent")
        node = try store.organisations.create(
          under: scope, name: name, kind: kind, country: country, timeZone: timeZone)
      } else {
        node = try store.organisations.createRoot(
          name: name, kind: kind, country: country, timeZone: timeZone ?? "Asia/Almaty", actor: DatabaseOption.actor)
      }
      print(node.id)
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the organisations as a tree.")
    @OptionGroup var database: DatabaseOption
    @Option(help: "text or json.") var format: ListFormat = .text

    func run() throws {
      let store = try database.open()
      defer { store.close() }
      let nodes = try store.organisations.visible(to: DatabaseOption.actor)
      switch format {
      case .json:
        print(try storeJSON(nodes))
      case .text:
        guard !nodes.isEmpty else {
          printError("no organisations yet in \(store.url) (sabaq org create)")
          return
        }
        var table = TextTable(header: ["ID", "Parent", "Kind", "Name"], alignments: [.right, .right, .left, .left])
        for node in nodes {
          let indent = String(repeating: "  ", count: max(0, node.ancestry.count - 1))
          table.add([String(node.id), node.parentID.map(String.init) ?? "-", node.kind.rawValue, indent + node.name])
        }
        print(table.render(), terminator: "")
      }
    }
  }

  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Store a native .json or a FET .fet file as the plan of its academic year; prints the new revision.",
      discussion: """
        The plan the organisation has for that year, if any, is replaced. With --revision the \
        import is made on that revision of the plan (0: there is none yet): when the plan is at \
        another one, nothing is stored and the command ends with status 3, saying the current \
        revision.
        """)
    @OptionGroup var database: DatabaseOption
    @Argument(help: "The organisation's id (a school).") var id: Int
    @Argument(help: "The instance file (.json) or FET file (.fet).") var file: String
    @Option(help: "The revision of the plan this import replaces (0 when there is none yet).") var revision: Int?

    func validate() throws {
      if let revision, revision < 0 { throw ValidationError("--revision must be 0 or more, not \(revision)") }
    }

    func run() throws {
      let store = try database.open()
      defer { store.close() }
      let scope = try store.scope(id, option: "ID")
      let imported: PlanImport
      do {
        imported = try store.plans.importFile(scope, path: file, expectedRevision: revision)
      } catch let error as StoreError {
        throw CommandFailure(error, file: "ID")
      } catch {
        throw CommandFailure(error, file: file)
      }
      let plan = imported.plan
      print(plan.revision)
      printError(
        "\(scope.organisation.name): plan \(plan.academicYear) at revision \(plan.revision), imported from \(file)")
      if !imported.warnings.isEmpty {
        printError("\(imported.warnings.count) warning\(imported.warnings.count == 1 ? "" : "s"):")
        for warning in imported.warnings.prefix(5) { printError("  \(warning.path): \(warning.message)") }
        if imported.warnings.count > 5 {
          printError("  … and \(imported.warnings.count - 5) more (sabaq validate FILE)")
        }
      }
      if let report = imported.fetImport {
        printError("FET import: " + report.summary.replacingOccurrences(of: "\n", with: "; "))
      }
    }
  }

  struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write an organisation's plan to a file.",
      discussion: """
        While the plan is unchanged since its import, the file is the imported file byte for \
        byte. The file is written atomically; an existing one is replaced only with --force.
        """)
    @OptionGroup var database: DatabaseOption
    @Argument(help: "The organisation's id.") var id: Int
    @Option(help: "Where to write the plan.") var output: String
    @Option(help: "The academic year (\"2025-2026\"; default: the newest).") var year: String?
    @Option(help: "sabaq-instance or fet (fet only for a plan imported from FET and not edited since).")
    var format: String = InstanceFile.format
    @Flag(help: "Replace the output file if it exists.") var force = false

    func validate() throws {
      guard [InstanceFile.format, "fet"].contains(format) else {
        throw ValidationError("--format must be sabaq-instance or fet, not \(format)")
      }
    }

    func run() throws {
      if !force, FileManager.default.fileExists(atPath: output) {
        throw CommandFailure(Refusal("\(output) exists already; --force replaces it"), file: "--output")
      }
      let store = try database.open()
      defer { store.close() }
      let scope = try store.scope(id, option: "ID")
      let data = try failing(as: "ID") { try store.plans.export(scope, year: year, format: format) }
      try failing(as: output) { try data.write(to: URL(fileURLWithPath: output), options: .atomic) }
      printError("\(scope.organisation.name): \(data.count) bytes written to \(output)")
    }
  }
}
