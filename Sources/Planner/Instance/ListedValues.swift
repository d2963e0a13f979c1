/// Decodes an enumeration from its name and, for an unknown name, says which names are allowed
/// ("expected one of whole, two, three …"), so that a typo in an instance file is easy to fix.
func decodeListedValue<T: CaseIterable & RawRepresentable>(_ type: T.Type, from decoder: Decoder) throws -> T
where T.RawValue == String {
  let container = try decoder.singleValueContainer()
  let text = try container.decode(String.self)
  guard let value = T(rawValue: text) else {
    let names = T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
    throw DecodingError.dataCorruptedError(
      in: container, debugDescription: "expected one of \(names), found \"\(text)\"")
  }
  return value
}

extension StudyPeriodKind {
  public init(from decoder: Decoder) throws { self = try decodeListedValue(StudyPeriodKind.self, from: decoder) }
}
extension OrganisationKind {
  public init(from decoder: Decoder) throws { self = try decodeListedValue(OrganisationKind.self, from: decoder) }
}
extension CurriculumComponent {
  public init(from decoder: Decoder) throws { self = try decodeListedValue(CurriculumComponent.self, from: decoder) }
}
extension LessonDuration {
  public init(from decoder: Decoder) throws { self = try decodeListedValue(LessonDuration.self, from: decoder) }
}
extension SplitKind {
  public init(from decoder: Decoder) throws { self = try decodeListedValue(SplitKind.self, from: decoder) }
}
extension WeekPattern {
  public init(from decoder: Decoder) throws { self = try decodeListedValue(WeekPattern.self, from: decoder) }
}
extension CopyConflictPolicy {
  public init(from decoder: Decoder) throws { self = try decodeListedValue(CopyConflictPolicy.self, from: decoder) }
}
