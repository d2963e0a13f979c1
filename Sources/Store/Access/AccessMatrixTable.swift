/// The access matrix as the Markdown table of `docs/access.md`: one row per action, one column
/// per role. A cell says how far the right reaches: ✓ (in the organisation where the role is
/// held), "subtree" (there and in every organisation under it), "own class" (the class the
/// membership is linked to), with the editor's block in brackets; — is no right.
public enum AccessMatrixTable {
  public static func markdown(_ matrix: AccessMatrix) -> String {
    var lines = ["| action | " + Role.allCases.map(\.rawValue).joined(separator: " | ") + " |"]
    lines.append("| --- |" + String(repeating: " --- |", count: Role.allCases.count))
    for action in Action.allCases {
      let cells = Role.allCases.map { role -> String in
        let rules = matrix.rules(for: role, action)
        guard !rules.isEmpty else { return "—" }
        return rules.map(cell).joined(separator: ", ")
      }
      lines.append("| \(action.rawValue) | " + cells.joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func cell(_ rule: AccessRule) -> String {
    let reach =
      switch rule.reach {
      case .organisation: "✓"
      case .subtree: "subtree"
      case .linkedClass: "own class"
      }
    return rule.block.map { "\(reach) (\($0.rawValue))" } ?? reach
  }
}
