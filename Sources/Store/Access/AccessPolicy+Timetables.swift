extension AccessPolicy {
  /// Whether the scope's actor may see the timetable of one teacher, class or room (the
  /// published version): with `view-timetables`, or, for a class, `view-own-class-timetable` on
  /// that class. Weeks and calendar feeds ask this.
  public func allows(timetableOf holder: TimetableHolder, in scope: TenantScope) -> Bool {
    let classID: String? = if case .class(let id) = holder { id } else { nil }
    return allows(.viewTimetables, in: scope) || allows(.viewOwnClassTimetable, in: scope, classID: classID)
  }
}
