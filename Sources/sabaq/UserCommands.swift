// `sabaq user`: the people who sign in and their roles in organisations.
import ArgumentParser
import Foundation
import Store

struct UserCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "user", abstract: "The people who sign in and their roles.", subcommands: [Add.self])

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Give a person a role in an organisation, creating the login if it is new.",
      discussion: """
        A new login needs a password (8 to 72 bytes), read from the first line of standard input \
        with --password-stdin (so that it is in no command line or shell history): \
        `printf '%s\\n' "$PASSWORD" | sabaq user add --login aigerim --org 5 --role director --password-stdin`. \
        An existing login keeps its password and gets the role.
        """)
    @OptionGroup var database: DatabaseOption
    @Option(help: "The login (3 to 64 of a-z 0-9 . _ @ -).") var login: String
    @Option(help: "The organisation's id.") var org: Int
    @Option(help: "One of \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: Role
    @Option(help: "The teacher of the plan the person is (role teacher).") var teacher: String?
    @Option(name: .customLong("class"), help: "The class of the plan (roles class-teacher, student, parent).")
    var classID: String?
    @Option(
      parsing: .upToNextOption,
      help: "Blocks of rights granted to an editor: \(EditorBlock.allCases.map(\.rawValue).joined(separator: ", ")).")
    var block: [EditorBlock] = []
    @Option(help: "The name shown for a new login (default: the login).") var name: String?
    @Flag(help: "Read the password from the first line of standard input.") var passwordStdin = false

    func run() throws {
      let password = passwordStdin ? try Self.readPassword() : nil
      let store = try database.open()
      defer { store.close() }
      let scope = try store.scope(org, option: "--org")
      let grant = MembershipGrant(role: role, teacher: teacher, classID: classID, blocks: block)
      let (user, membership) = try failing(as: "--org") {
        try store.people.add(to: scope, login: login, displayName: name, password: password, grant: grant)
      }
      print(user.id)
      printError(
        "\(user.login) (\(user.displayName)) is \(membership.role.rawValue) in \(scope.organisation.name) (membership \(membership.id))"
      )
    }

    /// The first line of standard input, without its line end.
    static func readPassword() throws -> String {
      guard let line = readLine(strippingNewline: true), !line.isEmpty else {
        throw CommandFailure(Refusal("no password on the first line of standard input"), file: "--password-stdin")
      }
      return line.hasSuffix("\r") ? String(line.dropLast()) : line
    }
  }
}
