import Planner

/// FET's constraints over activities beyond the first supported ones: sub-activities' preferred
/// times, same starting day and hour, min gaps and max days between activities, two activities
/// ordered, and max simultaneous activities in selected time slots (docs/fet-import.md).
extension FETImport.Mapper {
  /// The active activities of a filter (teacher, students set, subject, activity tag, duration)
  /// that are component `Component_Number` of their split activity, as FET counts it: the id minus
  /// the group's id, plus one; an activity that is not split is component 1.
  func filteredComponents(_ constraint: FETConstraint) throws -> [String] {
    let component = try number(constraint, "Component_Number")
    let chosen = Set(try filtered(constraint))
    return activities.filter { a in
      chosen.contains(String(a.id)) && (a.activityGroupID == 0 ? 1 : a.id - a.activityGroupID + 1) == component
    }.map { String($0.id) }
  }

  /// The ids of a field that name active activities: FET leaves inactive ones out of a constraint.
  func activeIDs(_ constraint: FETConstraint, _ field: String = "Activity_Id") throws -> [String] {
    let active = Set(activities.map(\.id))
    return try constraint.ints(field).filter(active.contains).map(String.init)
  }

  /// Two activities ordered, when both are active (FET ignores the constraint otherwise).
  mutating func addOrdered(_ constraint: FETConstraint, ifSameDay: Bool) throws {
    _ = (try number(constraint, "First_Activity_Id"), try number(constraint, "Second_Activity_Id"))
    let first = try activeIDs(constraint, "First_Activity_Id")
    let second = try activeIDs(constraint, "Second_Activity_Id")
    guard let first = first.first, let second = second.first else { return }
    add(.ordered(first: first, second: second, ifSameDay: ifSameDay), constraint)
  }

  static let activityImporters: [String: Importer] = [
    "ConstraintSubactivitiesPreferredTimeSlots": { m, c in
      m.add(
        .preferredTimeSlots(
          lessons: try m.filteredComponents(c), slots: try m.slots(c, day: "Preferred_Day", hour: "Preferred_Hour")), c)
    },
    "ConstraintSubactivitiesPreferredStartingTimes": { m, c in
      m.add(
        .preferredStartingTimes(
          lessons: try m.filteredComponents(c),
          slots: try m.slots(c, day: "Preferred_Starting_Day", hour: "Preferred_Starting_Hour")), c)
    },
    "ConstraintActivitiesSameStartingDay": { m, c in m.add(.sameStartingDay(lessons: try m.activeIDs(c)), c) },
    "ConstraintActivitiesSameStartingHour": { m, c in m.add(.sameStartingPeriod(lessons: try m.activeIDs(c)), c) },
    "ConstraintMinGapsBetweenActivities": { m, c in
      m.add(.minGapsBetween(lessons: try m.activeIDs(c), minGaps: try m.number(c, "MinGaps")), c)
    },
    "ConstraintMaxDaysBetweenActivities": { m, c in
      m.add(.maxDaysBetween(lessons: try m.activeIDs(c), maxDays: try m.number(c, "MaxDays")), c)
    },
    "ConstraintTwoActivitiesOrdered": { m, c in try m.addOrdered(c, ifSameDay: false) },
    "ConstraintTwoActivitiesOrderedIfSameDay": { m, c in try m.addOrdered(c, ifSameDay: true) },
    "ConstraintActivitiesMaxSimultaneousInSelectedTimeSlots": { m, c in
      m.add(
        .maxSimultaneous(
          lessons: try m.activeIDs(c), slots: try m.slots(c, day: "Selected_Day", hour: "Selected_Hour"),
          max: try m.number(c, "Max_Number_of_Simultaneous_Activities")), c)
    },
  ]
}
