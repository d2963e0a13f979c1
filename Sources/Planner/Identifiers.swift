/// Identifiers of the things an organisation holds. They are the `id` strings of the
/// instance file, unique within their kind and organisation.
public typealias OrganisationID = String
public typealias PeriodID = String
public typealias ShiftID = String
public typealias SubjectID = String
public typealias BuildingID = String
public typealias RoomID = String
public typealias TeacherID = String
public typealias ClassID = String
public typealias StreamID = String
public typealias StudentSetID = String
public typealias ActivityID = String

extension String {
  /// Whether the text is empty or only spaces.
  var isBlank: Bool { allSatisfy(\.isWhitespace) }
}
