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

  /// Two activities ordered; `add` leaves it out when one of them is inactive, as FET does.
  mutating func addOrdered(_ constraint: FETConstraint, ifSameDay: Bool) throws {
    let first = String(try number(constraint, "First_Activity_Id"))
    let second = String(try number(constraint, "Second_Activity_Id"))
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
    "ConstraintActivitiesSameStartingDay": { m, c in m.add(.sameStartingDay(lessons: try m.ids(c)), c) },
    "ConstraintActivitiesSameStartingHour": { m, c in m.add(.sameStartingPeriod(lessons: try m.ids(c)), c) },
    "ConstraintMinGapsBetweenActivities": { m, c in
      m.add(.minGapsBetween(lessons: try m.ids(c), minGaps: try m.number(c, "MinGaps")), c)
    },
    "ConstraintMaxDaysBetweenActivities": { m, c in
      m.add(.maxDaysBetween(lessons: try m.ids(c), maxDays: try m.number(c, "MaxDays")), c)
    },
    "ConstraintTwoActivitiesOrdered": { m, c in try m.addOrdered(c, ifSameDay: false) },
    "ConstraintTwoActivitiesOrderedIfSameDay": { m, c in try m.addOrdered(c, ifSameDay: true) },
    "ConstraintActivitiesOccupyMaxDifferentRooms": { m, c in
      m.add(.occupyMaxRooms(lessons: try m.ids(c), max: try m.number(c, "Max_Number_of_Different_Rooms")), c)
    },
    "ConstraintActivitiesSameRoomIfConsecutive": { m, c in m.add(.sameRoomIfConsecutive(lessons: try m.ids(c)), c) },
    "ConstraintActivitiesMaxSimultaneousInSelectedTimeSlots": { m, c in
      m.add(
        .maxSimultaneous(
          lessons: try m.ids(c), slots: try m.slots(c, day: "Selected_Day", hour: "Selected_Hour"),
          max: try m.number(c, "Max_Number_of_Simultaneous_Activities")), c)
    },
  ]
}
