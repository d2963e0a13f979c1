// `sabaq timetable`: the stored versions of an organisation's timetable.
import ArgumentParser
import Foundation
import Reports
import Store

struct TimetableVersionCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "timetable",
    abstract: "The stored versions of an organisation's timetable: drafts from `sabaq solve --org`, the published one.",
    subcommands: [List.self, Publish.self, Diff.self])

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the versions, newest last.")
    @OptionGroup var database: DatabaseOption
    @Option(help: "The organisation's id.") var org: Int
    @Option(help: "text or json.") var format: ListFormat = .text

    func run() throws {
      let store = try database.open()
      defer { store.close() }
      let scope = try store.scope(org, option: "--org")
      let versions = try failing(as: "--org") { try store.versions.list(scope) }
      switch format {
      case .json:
        print(try storeJSON(versions))
      case .text:
        guard !versions.isEmpty else {
          printError("\(scope.organisation.name) has no timetable versions yet (sabaq solve --org \(org))")
          return
        }
        var table = TextTable(
          header: ["Version", "State", "Created", "By", "Hard violations", "Plan revision", "Year", "Period"],
          alignments: [.right, .left, .left, .left, .right, .right, .left, .left])
        for v in versions {
          table.add([
            String(v.number), v.state.rawValue, shortDate(v.createdAt), v.createdBy, String(v.hardViolations),
            String(v.planRevision), v.academicYear, v.period ?? "-",
          ])
        }
        print(table.render(), terminator: "")
      }
    }
  }

  struct Publish: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Publish a draft: it becomes the timetable everyone sees, and the one published before is superseded.",
      discussion: "Publishing a version that is not a draft is a conflict (status 3).")
    @OptionGroup var database: DatabaseOption
    @Option(help: "The organisation's id.") var org: Int
    @Argument(help: "The version's number (default: the newest draft).") var version: Int?

    func run() throws {
      let store = try database.open()
      defer { store.close() }
      let scope = try store.scope(org, option: "--org")
      let published = try failing(as: "VERSION") { try store.versions.publish(scope, number: version) }
      print(published.number)
      printError("\(scope.organisation.name): version \(published.number) is published")
    }
  }

  struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "What changed from version A to version B: lessons moved, room changes, counts per teacher and class.")
    @OptionGroup var database: DatabaseOption
    @Option(help: "The organisation's id.") var org: Int
    @Argument(help: "The version compared from.") var a: Int
    @Argument(help: "The version compared to.") var b: Int
    @Option(help: "text or json.") var format: ListFormat = .text

    func run() throws {
      let store = try database.open()
      defer { store.close() }
      let scope = try store.scope(org, option: "--org")
      let diff = try failing(as: "VERSION") { try store.versions.diff(scope, from: a, to: b) }
      switch format {
      case .json: print(try storeJSON(diff))
      case .text: print(Self.text(diff), terminator: "")
      }
    }

    static func text(_ diff: VersionDiff) -> String {
      var lines = [
        "version \(diff.from) → \(diff.to): \(diff.moves.count) lessons moved, \(diff.roomChanges.count) room changes, \(diff.added.count) lessons added, \(diff.removed.count) removed"
      ]
      if !diff.moves.isEmpty {
        lines.append("\nmoved:")
        lines += diff.moves.map { "  \($0.lesson): \($0.from) → \($0.to)" }
      }
      if !diff.roomChanges.isEmpty {
        lines.append("\nroom changes:")
        lines += diff.roomChanges.map {
          "  \($0.lesson): \($0.from.joined(separator: ", ")) → \($0.to.joined(separator: ", "))"
        }
      }
      if !diff.added.isEmpty { lines.append("\nadded: " + diff.added.joined(separator: ", ")) }
      if !diff.removed.isEmpty { lines.append("\nremoved: " + diff.removed.joined(separator: ", ")) }
      for (title, counts) in [("teacher", diff.byTeacher), ("class", diff.byClass)] where !counts.isEmpty {
        var table = TextTable(header: [title.capitalized, "Changed lessons"], alignments: [.left, .right])
        for (key, count) in counts.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
          table.add([key, String(count)])
        }
        lines.append("\nper \(title):\n" + table.render(indent: "  "))
      }
      return lines.joined(separator: "\n") + "\n"
    }
  }
}
