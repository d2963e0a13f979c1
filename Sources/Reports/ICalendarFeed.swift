import Foundation
import Planner

/// A person's lessons as an iCalendar (RFC 5545) feed for calendar apps: one event per lesson on
/// its real date, at the bells of its shift, in the organisation's time zone (with the zone's
/// `VTIMEZONE`, so that apps without a zone database place them right too).
///
/// What changes and what stays:
/// - `UID` is the lesson and its date in the organisation (`LESSON/DATE@org-ID.sabaq`): a new
///   version of the timetable updates an event that stays on its day and replaces one that moves.
/// - `SEQUENCE` is the version's number plus the plan's revision, so it grows with each publish
///   and each edit of the plan (bells, holidays); `DTSTAMP` and `LAST-MODIFIED` are `updated`.
///   The same input gives the same bytes (an ETag can name them).
///
/// A lesson whose shift has no bell for its number has no time to show: it is left out and
/// counted in `skipped` (an iCalendar event needs a time, and RFC 5545 has no comments to say so).
public struct ICalendarFeed: Sendable {
  /// Whose feed and which timetable it shows.
  public struct Heading: Sendable {
    /// The store's id of the organisation (part of every UID).
    public var organisationID: Int
    /// `X-WR-CALNAME`: the teacher's or class's name and the school's.
    public var calendarName: String
    /// The organisation's IANA time zone ("Asia/Almaty").
    public var timeZone: TimeZone
    /// The published version's number and the plan's revision (`SEQUENCE` is their sum).
    public var versionNumber: Int
    public var planRevision: Int
    /// When the version or the plan last changed (`DTSTAMP`, `LAST-MODIFIED`).
    public var updated: Date

    public init(
      organisationID: Int, calendarName: String, timeZone: TimeZone, versionNumber: Int, planRevision: Int,
      updated: Date
    ) {
      self.organisationID = organisationID
      self.calendarName = calendarName
      self.timeZone = timeZone
      self.versionNumber = versionNumber
      self.planRevision = planRevision
      self.updated = updated
    }
  }

  /// The feed's text (CRLF line ends, lines folded at 75 octets).
  public let text: String
  /// The events written.
  public let events: Int
  /// Lessons left out because their shift has no bell for them.
  public let skipped: Int

  public init(heading: Heading, occurrences: [LessonOccurrence], range: DateRange) {
    var lines = ICalendarLines()
    lines.add("BEGIN", "VCALENDAR")
    lines.add("VERSION", "2.0")
    lines.add("PRODID", "-//Sabaq//Timetable feed//EN")
    lines.add("CALSCALE", "GREGORIAN")
    lines.add("METHOD", "PUBLISH")
    lines.add("X-WR-CALNAME", ICalendarLines.escaped(heading.calendarName))
    lines.add("X-WR-TIMEZONE", heading.timeZone.identifier)
    for line in TimeZoneDefinition(heading.timeZone, range: range).lines { lines.add(raw: line) }
    let stamp = ICalendarLines.utc(heading.updated)
    var events = 0
    var skipped = 0
    for occurrence in occurrences {
      guard let start = occurrence.start, let end = occurrence.end else {
        skipped += 1
        continue
      }
      Self.event(occurrence, start: start, end: end, heading: heading, stamp: stamp, into: &lines)
      events += 1
    }
    lines.add("END", "VCALENDAR")
    text = lines.text
    self.events = events
    self.skipped = skipped
  }

  private static func event(
    _ occurrence: LessonOccurrence, start: ClockTime, end: ClockTime, heading: Heading, stamp: String,
    into lines: inout ICalendarLines
  ) {
    let zone = heading.timeZone.identifier
    let lesson = occurrence.lesson
    let date = ICalendarLines.date(occurrence.date)
    lines.add("BEGIN", "VEVENT")
    lines.add(
      "UID", ICalendarLines.escaped("\(lesson.lesson)/\(occurrence.date)@org-\(heading.organisationID).sabaq"))
    lines.add("DTSTAMP", stamp)
    lines.add("LAST-MODIFIED", stamp)
    lines.add("SEQUENCE", String(heading.versionNumber + heading.planRevision))
    lines.add("DTSTART;TZID=\(zone)", date + "T" + ICalendarLines.time(start))
    lines.add("DTEND;TZID=\(zone)", date + "T" + ICalendarLines.time(end))
    lines.add("SUMMARY", ICalendarLines.escaped(summary(occurrence)))
    if !occurrence.roomNames.isEmpty {
      lines.add("LOCATION", ICalendarLines.escaped(occurrence.roomNames.joined(separator: ", ")))
    }
    var description = "№ \(occurrence.number)"
    if lesson.weeks != WeekPattern.every.rawValue { description += " (\(lesson.weeks))" }
    if !occurrence.teacherNames.isEmpty { description += "\n" + occurrence.teacherNames.joined(separator: ", ") }
    lines.add("DESCRIPTION", ICalendarLines.escaped(description))
    lines.add("TRANSP", "OPAQUE")
    lines.add("END", "VEVENT")
  }

  /// "Алгебра — 7А", with the group when the class is split ("Ағылшын тілі (1/2) — 7А").
  static func summary(_ occurrence: LessonOccurrence) -> String {
    let group = occurrence.lesson.group
    let split = group.isEmpty || group == "whole" || occurrence.classNames.count > 1 ? "" : " (\(group))"
    let classes = occurrence.classNames.isEmpty ? "" : " — " + occurrence.classNames.joined(separator: ", ")
    return occurrence.subjectName + split + classes
  }
}

/// Content lines of an iCalendar object: `NAME:VALUE`, ended by CRLF and folded so that no line
/// is longer than 75 octets (a continuation starts with a space; a UTF-8 character is never cut).
struct ICalendarLines {
  private(set) var text = ""

  init() { text.reserveCapacity(64 * 1024) }

  mutating func add(_ name: String, _ value: String) { add(raw: name + ":" + value) }

  mutating func add(raw line: String) {
    text += Self.folded(line)
    text += "\r\n"
  }

  /// The line cut into pieces of at most 75 octets (the first) and 74 plus the leading space
  /// (the others), each cut before the first byte of a UTF-8 character.
  static func folded(_ line: String) -> String {
    let bytes = Array(line.utf8)
    guard bytes.count > 75 else { return line }
    var pieces: [String] = []
    var start = 0
    var limit = 75
    while start < bytes.count {
      var end = min(start + limit, bytes.count)
      // 0b10xxxxxx is a continuation byte: move back to the start of its character.
      while end < bytes.count, end > start, bytes[end] & 0xC0 == 0x80 { end -= 1 }
      pieces.append(String(decoding: bytes[start..<end], as: UTF8.self))
      start = end
      limit = 74
    }
    return pieces.joined(separator: "\r\n ")
  }

  /// A TEXT value: backslash, semicolon, comma and line ends escaped (RFC 5545 §3.3.11).
  static func escaped(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    var previousWasCR = false
    for character in text.unicodeScalars {
      switch character {
      case "\\": out += "\\\\"
      case ";": out += "\\;"
      case ",": out += "\\,"
      case "\r": out += "\\n"
      case "\n": if !previousWasCR { out += "\\n" }
      default:
        // Other control characters are not allowed in TEXT.
        if character.value < 0x20 || character.value == 0x7F {
          out += " "
        } else {
          out.unicodeScalars.append(character)
        }
      }
      previousWasCR = character == "\r"
    }
    return out
  }

  static func date(_ date: SchoolDate) -> String {
    let c = date.components
    return String(format: "%04d%02d%02d", c.year, c.month, c.day)
  }

  static func time(_ time: ClockTime) -> String {
    String(format: "%02d%02d00", time.minutes / 60, time.minutes % 60)
  }

  /// A UTC date-time: `20250901T030000Z`.
  static func utc(_ date: Date) -> String {
    localTime(date, offset: 0) + "Z"
  }

  /// `YYYYMMDDTHHMMSS` of a moment at an offset from UTC (in seconds).
  static func localTime(_ date: Date, offset: Int) -> String {
    let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + offset
    let days = Int((Double(seconds) / 86_400).rounded(.down))
    let inDay = seconds - days * 86_400
    return Self.date(SchoolDate(dayNumber: days))
      + String(format: "T%02d%02d%02d", inDay / 3600, inDay % 3600 / 60, inDay % 60)
  }
}

/// A `VTIMEZONE` for an IANA zone over a range of dates, from Foundation's zone data: one
/// `STANDARD` or `DAYLIGHT` part for the offset in force when the range starts, then one for each
/// change of offset inside it (daylight saving time, or a zone moving to another offset, as
/// Kazakhstan did in 2024). A zone without changes gets one `STANDARD` part.
struct TimeZoneDefinition {
  let lines: [String]

  init(_ zone: TimeZone, range: DateRange) {
    // A week either side: an event at the range's edge is covered whatever its offset.
    let from = Self.moment(range.start.adding(days: -7))
    let to = Self.moment(range.end.adding(days: 8))
    var lines = ["BEGIN:VTIMEZONE", "TZID:" + zone.identifier]
    let initial = zone.secondsFromGMT(for: from)
    lines += Self.part(zone, at: from, from: initial, to: initial)
    var previous = initial
    for change in Self.changes(zone, from: from, to: to) {
      let offset = zone.secondsFromGMT(for: change)
      lines += Self.part(zone, at: change, from: previous, to: offset)
      previous = offset
    }
    lines.append("END:VTIMEZONE")
    self.lines = lines
  }

  private static func part(_ zone: TimeZone, at moment: Date, from: Int, to: Int) -> [String] {
    let kind = zone.isDaylightSavingTime(for: moment) ? "DAYLIGHT" : "STANDARD"
    var part = [
      "BEGIN:\(kind)",
      // The onset in the local time in force before it (RFC 5545 §3.6.5).
      "DTSTART:" + ICalendarLines.localTime(moment, offset: from),
      "TZOFFSETFROM:" + offset(from),
      "TZOFFSETTO:" + offset(to),
    ]
    if let name = zone.abbreviation(for: moment), !name.isEmpty {
      part.append("TZNAME:" + ICalendarLines.escaped(name))
    }
    part.append("END:\(kind)")
    return part
  }

  /// The moments in `from...to` when the zone's offset changes, to the second: the range is
  /// walked in six-hour steps and each step whose ends differ is halved down to one second.
  static func changes(_ zone: TimeZone, from: Date, to: Date) -> [Date] {
    let step: TimeInterval = 6 * 3600
    var changes: [Date] = []
    var left = from
    var leftOffset = zone.secondsFromGMT(for: left)
    while left < to {
      let right = min(left.addingTimeInterval(step), to)
      let rightOffset = zone.secondsFromGMT(for: right)
      if rightOffset != leftOffset {
        var low = left
        var high = right
        while high.timeIntervalSince(low) > 1 {
          let middle = Date(
            timeIntervalSince1970: ((low.timeIntervalSince1970 + high.timeIntervalSince1970) / 2).rounded(.down))
          if zone.secondsFromGMT(for: middle) == leftOffset { low = middle } else { high = middle }
        }
        changes.append(high)
      }
      left = right
      leftOffset = rightOffset
    }
    return changes
  }

  /// `+0500`, `-0330`.
  static func offset(_ seconds: Int) -> String {
    let sign = seconds < 0 ? "-" : "+"
    let minutes = abs(seconds) / 60
    return sign + String(format: "%02d%02d", minutes / 60, minutes % 60)
  }

  private static func moment(_ day: SchoolDate) -> Date {
    Date(timeIntervalSince1970: TimeInterval(day.dayNumber) * 86_400)
  }
}
