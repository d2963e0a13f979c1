import Foundation
import Planner

/// One change to an instance file as a single all-or-nothing step: read, change, check, write.
///
/// The result is written (atomically) only when the change succeeded and did not bring errors
/// the input did not have; otherwise nothing is written and the input stays exactly as it was.
public enum InstanceEdit {
  @discardableResult
  public static func apply(
    input: String, output: String, change: (Organisation) throws -> Organisation
  ) throws -> Organisation {
    let organisation = try InstanceFile.read(input)
    let changed = try change(organisation)
    let before = Set(OrganisationValidator.validate(organisation).filter(\.isError).map(\.message))
    let introduced = OrganisationValidator.validate(changed).filter { $0.isError && !before.contains($0.message) }
    guard introduced.isEmpty else {
      throw PlanningErrors(
        introduced.map { issue in
          var refused = issue
          refused.message = "the change would leave an error, so nothing was written: \(issue.message)"
          return refused
        })
    }
    try InstanceFile.write(changed, to: output)
    return changed
  }
}
