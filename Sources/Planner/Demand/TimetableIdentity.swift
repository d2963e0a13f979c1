/// Whether a timetable belongs to the organisation (and lesson demand) it is judged against.
///
/// A timetable file names its organisation's id (`organisation`) and refers to lessons by the ids
/// the demand gives them. A timetable of another organisation is told as such instead of being
/// judged (which would list every one of its lessons as unknown and every demand lesson as
/// unplaced): it is refused, naming the organisation it was made for, when it names another
/// organisation and its lessons are not exactly the demand's, or when most of its lessons are not
/// in the demand; when only the organisation's id differs (the same school stored under another
/// id, every lesson the same) a warning is enough.
public enum TimetableIdentity {
  /// Stable names of the findings.
  public enum Code {
    public static let otherOrganisation = "timetable-of-another-organisation"
    public static let lessonsNotInDemand = "timetable-lessons-not-in-demand"
  }

  /// The findings for `timetable` against the lesson demand `problem`: an error when it was made
  /// for other data, a warning when only the organisation's id differs; empty when it belongs.
  public static func issues(_ timetable: Timetable, demand problem: TimetableProblem) -> [PlanningIssue] {
    let known = Set(problem.lessons.map(\.id))
    let foreign = timetable.placements.filter { !known.contains($0.lesson) }.count
    let total = timetable.placements.count
    let otherID = !timetable.organisation.isEmpty && timetable.organisation != problem.organisation
    let placed = Set(timetable.placements.map(\.lesson))
    let missing = problem.lessons.filter { !placed.contains($0.id) }.count
    // Another organisation's id with lessons that differ at all (two schools' ids such as
    // "5А-math-1" often coincide), or most lessons unknown whatever the id.
    if (otherID && foreign + missing > 0) || (total > 0 && foreign * 2 > total) {
      let whose =
        otherID
        ? "it was made for the organisation \"\(timetable.organisation)\", not for \"\(problem.organisation)\" (\(problem.name))"
        : "it was made for other data than \(problem.name)'s"
      return [
        .error(
          otherID ? Code.otherOrganisation : Code.lessonsNotInDemand, at: "$.organisation",
          "\(foreign) of the timetable's \(total) lessons are not lessons of \(problem.name): \(whose); give the timetable of this organisation"
        )
      ]
    }
    if otherID {
      return [
        .warning(
          Code.otherOrganisation, at: "$.organisation",
          "the timetable names the organisation \"\(timetable.organisation)\", not \"\(problem.organisation)\", but its lessons are this organisation's: judged anyway"
        )
      ]
    }
    return []
  }
}
