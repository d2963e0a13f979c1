import Foundation
import Planner
import Testing

@testable import Reports

/// The iCalendar text of a feed: its lines, escaping and folding, the time zone's definition and
/// the events (the end-to-end test reads whole feeds with a real parser).
@Suite struct ICalendarFeedTests {
  static func heading(_ zone: String, name: String = "Иванов С. П. — Small school") -> ICalendarFeed.Heading {
    ICalendarFeed.Heading(
      organisationID: 7, calendarName: name, timeZone: TimeZone(identifier: zone)!, versionNumber: 3, planRevision: 5,
      updated: Date(timeIntervalSince1970: 1_756_684_800))  // 2025-09-01 00:00 UTC
  }

  static func feed(_ zone: String = "Asia/Almaty", range: DateRange? = nil) -> ICalendarFeed {
    let calendar = LessonCalendar(organisation: LessonCalendarTests.school)
    let september = range ?? DateRange(start: SchoolDate("2025-09-01")!, end: SchoolDate("2025-09-07")!)
    return ICalendarFeed(
      heading: heading(zone), occurrences: calendar.occurrences(of: LessonCalendarTests.lessons, in: september),
      range: september)
  }

  /// The logical lines (folding undone).
  static func lines(_ text: String) -> [String] {
    text.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").filter { !$0.isEmpty }
  }

  @Test func eventsHaveTheirDateBellsZoneAndAStableUID() {
    let feed = Self.feed()
    // 1–7 September: 1А Monday, 1А Wednesday (double), 5А Monday, Wednesday (odd week), Friday;
    // the Tuesday lesson past the bells is left out and counted.
    #expect(feed.events == 5 && feed.skipped == 1)
    let lines = Self.lines(feed.text)
    #expect(lines.first == "BEGIN:VCALENDAR" && lines.last == "END:VCALENDAR")
    for line in [
      "VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-TIMEZONE:Asia/Almaty",
      "X-WR-CALNAME:Иванов С. П. — Small school",
      "UID:second-mon/2025-09-01@org-7.sabaq", "DTSTART;TZID=Asia/Almaty:20250901T130000",
      "DTEND;TZID=Asia/Almaty:20250901T134500", "DTSTAMP:20250901T000000Z", "SEQUENCE:8",
      "DTSTART;TZID=Asia/Almaty:20250903T084500", "DTEND;TZID=Asia/Almaty:20250903T101500",
      "SUMMARY:Математика — 5А", "LOCATION:Кабинет 1", "DESCRIPTION:№ 1 (odd)\\nИванов С. П.",
    ] {
      #expect(lines.contains(line), "\(line)")
    }
    #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 5)
    #expect(Self.feed().text == feed.text, "the same input gives the same bytes")
  }

  @Test func aZoneWithoutChangesHasOneStandardPart() {
    let lines = Self.lines(Self.feed("Europe/Moscow").text)
    let zone = lines[lines.firstIndex(of: "BEGIN:VTIMEZONE")!...lines.firstIndex(of: "END:VTIMEZONE")!]
    #expect(
      zone.contains("TZID:Europe/Moscow") && zone.contains("TZOFFSETTO:+0300") && zone.contains("TZOFFSETFROM:+0300"))
    #expect(zone.filter { $0 == "BEGIN:STANDARD" }.count == 1 && !zone.contains("BEGIN:DAYLIGHT"))
  }

  @Test func aZoneWithDaylightSavingTimeHasEachChangeOfTheRange() {
    let year = DateRange(start: SchoolDate("2025-09-01")!, end: SchoolDate("2026-05-31")!)
    let lines = Self.lines(Self.feed("Europe/Berlin", range: year).text)
    let zone = Array(lines[lines.firstIndex(of: "BEGIN:VTIMEZONE")!...lines.firstIndex(of: "END:VTIMEZONE")!])
    // Summer time when the range starts, winter time from 26 October 2025 03:00 local, summer
    // time again from 29 March 2026 02:00 local.
    #expect(zone.filter { $0 == "BEGIN:DAYLIGHT" }.count == 2 && zone.filter { $0 == "BEGIN:STANDARD" }.count == 1)
    let standard = zone.firstIndex(of: "BEGIN:STANDARD")!
    #expect(
      Array(zone[standard + 1...standard + 3]) == ["DTSTART:20251026T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100"])
    let daylight = zone.lastIndex(of: "BEGIN:DAYLIGHT")!
    #expect(
      Array(zone[daylight + 1...daylight + 3]) == ["DTSTART:20260329T020000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200"])
  }

  @Test func textIsEscapedAndLongLinesAreFoldedBetweenCharacters() {
    #expect(ICalendarLines.escaped("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf")
    let long = "SUMMARY:" + String(repeating: "Қазақ тілі, ", count: 12)
    let folded = ICalendarLines.folded(long)
    let pieces = folded.components(separatedBy: "\r\n")
    #expect(pieces.count > 2)
    #expect(pieces.allSatisfy { $0.utf8.count <= 75 })
    #expect(pieces.dropFirst().allSatisfy { $0.hasPrefix(" ") })
    // Undone, the folding gives the line back: no character was cut.
    #expect(pieces.enumerated().map { $0.offset == 0 ? $0.element : String($0.element.dropFirst()) }.joined() == long)
    #expect(ICalendarLines.folded("SHORT:line") == "SHORT:line")
    let feed = Self.feed(range: DateRange(start: SchoolDate("2025-09-01")!, end: SchoolDate("2025-09-30")!)).text
    #expect(feed.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
    #expect(!feed.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
  }

  @Test func offsetsAndMomentsAreWrittenAsRFC5545Says() {
    #expect(TimeZoneDefinition.offset(5 * 3600) == "+0500" && TimeZoneDefinition.offset(-(3 * 3600 + 1800)) == "-0330")
    #expect(ICalendarLines.utc(Date(timeIntervalSince1970: 86_400 + 3661)) == "19700102T010101Z")
    #expect(ICalendarLines.localTime(Date(timeIntervalSince1970: 0), offset: -3600) == "19691231T230000")
  }
}
