import Planner

/// One printed timetable: a class's, a teacher's or a room's week, in lessons of the shifts it
/// has lessons in, each lesson with its own number in its shift and its bell time.
public struct TimetableSheet: Sendable {
  /// Whose timetable it is.
  public enum Kind: String, Sendable { case schoolClass = "class", teacher, room }

  /// One lesson in a cell: what is taught (with the group and the weeks), who (the teacher in a
  /// class's table, the class in a teacher's or room's), where, and the bell time when it is not
  /// the row's (a shortened day, a grade with shorter lessons).
  public struct Entry: Hashable, Sendable {
    public var what: String
    public var who: String
    public var place: String
    public var time: String?
  }

  /// A lesson number of a shift with its bell time and its lessons on each day of the week.
  public struct Row: Sendable {
    public var number: Int
    public var time: String?
    /// The lessons at this number, one list a day (in the order of the sheet's days).
    public var cells: [[Entry]]
  }

  /// The rows of one shift (a teacher may teach in both shifts).
  public struct Section: Sendable {
    public var shift: String?
    public var rows: [Row]
  }

  public var kind: Kind
  /// The class's, teacher's or room's name.
  public var name: String
  /// The heading in the report's language ("Расписание класса 7А").
  public var heading: String
  /// The organisation and the study period.
  public var subheading: String
  /// The day names, in the order of `Row.cells`.
  public var days: [String]
  public var sections: [Section]
  public var words: ReportWords

  /// Whether the sheet holds no lesson.
  public var isEmpty: Bool { sections.allSatisfy { $0.rows.allSatisfy { $0.cells.allSatisfy(\.isEmpty) } } }

  /// The rows of a section on one day that are printed: from the first lesson (the first of the
  /// shift for a class) to the last one of the day; none on a free day.
  public func printedRows(_ section: Section, day: Int) -> ArraySlice<Row> {
    guard let last = section.rows.lastIndex(where: { !$0.cells[day].isEmpty }) else { return [] }
    let first = kind == .schoolClass ? 0 : section.rows.firstIndex { !$0.cells[day].isEmpty } ?? 0
    return section.rows[first...last]
  }
}
