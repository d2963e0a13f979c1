/// Timetable sheets as plain text for the screen and for paper: one block a day (the days one
/// under the other, so that a week of any length fits the width), one line a lesson with its
/// number, bell time, what, who and where in aligned columns; a cell too wide for its column
/// wraps onto the next line. Every line has at most `width` characters (100 by default: an A4
/// page in portrait at 9 pt, or any 100–120 column page); a form feed starts each sheet after
/// the first, so that a printer starts a new page for each class, teacher or room.
public enum TimetableText {
  /// The sheets one after the other; `emptyNote` when there is none.
  public static func render(_ sheets: [TimetableSheet], emptyNote: String, width: Int = 100) -> String {
    guard !sheets.isEmpty else { return emptyNote + "\n" }
    return sheets.map { render($0, width: width) }.joined(separator: "\u{0C}\n")
  }

  /// One sheet.
  public static func render(_ sheet: TimetableSheet, width: Int = 100) -> String {
    var lines = wrap(sheet.heading, width) + wrap(sheet.subheading, width)
    lines.append(String(repeating: "=", count: min(width, max(lines.map(\.count).max() ?? 0, 20))))
    let columns = Columns(sheet, width: width)
    for (day, name) in sheet.days.enumerated() {
      lines.append("")
      lines.append(name)
      var any = false
      for section in sheet.sections {
        let rows = sheet.printedRows(section, day: day)
        guard !rows.isEmpty else { continue }
        if let shift = section.shift { lines.append("  " + shift) }
        for row in rows {
          lines += columns.lines(number: row.number, time: row.time, entries: row.cells[day], words: sheet.words)
        }
        any = true
      }
      if !any { lines.append("  " + sheet.words.noLessons) }
    }
    if sheet.isEmpty { lines.append(sheet.words.noLessonsThisWeek) }
    return lines.map { $0.replacingTrailingSpaces() }.joined(separator: "\n") + "\n\n"
  }

  /// The widths of a sheet's columns: the number, the time, and what, who and where as wide as
  /// their widest cell, the widest narrowed in turn until the line fits.
  struct Columns {
    var number: Int
    var time: Int
    var widths: [Int]

    init(_ sheet: TimetableSheet, width: Int) {
      let rows = sheet.sections.flatMap(\.rows)
      let entries = rows.flatMap { $0.cells.flatMap { $0 } }
      number = max(rows.map { String($0.number).count }.max() ?? 1, 1)
      time = rows.map { $0.time?.count ?? 0 }.max() ?? 0
      widths = [
        entries.map { $0.what.count + ($0.time.map { $0.count + 3 } ?? 0) }.max() ?? 0,
        entries.map(\.who.count).max() ?? 0,
        entries.map(\.place.count).max() ?? 0,
      ]
      // Indent, number, time, and two spaces before each column that is printed.
      let fixed = 2 + number + (time > 0 ? 2 + time : 0) + widths.filter { $0 > 0 }.count * 2
      let available = max(width - fixed, 30)
      while widths.reduce(0, +) > available, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
        widths[widest] > 10
      {
        widths[widest] -= 1
      }
    }

    /// The lines of one lesson number on one day (several lessons at once: one each).
    func lines(number n: Int, time t: String?, entries: [TimetableSheet.Entry], words: ReportWords) -> [String] {
      let lead = "  " + pad(String(n), number, right: true) + (time > 0 ? "  " + pad(t ?? "", time) : "")
      let blank = String(repeating: " ", count: lead.count)
      guard !entries.isEmpty else { return [lead + "  —"] }
      var result: [String] = []
      for (k, entry) in entries.enumerated() {
        let what = entry.time.map { "\(entry.what) [\($0)]" } ?? entry.what
        let cells = zip([what, entry.who, entry.place], widths).filter { $0.1 > 0 }.map { wrap($0.0, $0.1) }
        let height = cells.map(\.count).max() ?? 1
        for line in 0..<height {
          let parts = zip(cells, widths.filter { $0 > 0 }).map { cell, w in
            "  " + pad(line < cell.count ? cell[line] : "", w)
          }
          result.append((k == 0 && line == 0 ? lead : blank) + parts.joined())
        }
      }
      return result
    }
  }

  static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let space = String(repeating: " ", count: max(width - text.count, 0))
    return right ? space + text : text + space
  }

  /// Text broken into lines of at most `width` characters, at spaces where it can be.
  static func wrap(_ text: String, _ width: Int) -> [String] {
    guard width > 0, text.count > width else { return [text] }
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ") {
      var word = Substring(word)
      while word.count > width {
        if !current.isEmpty {
          lines.append(current)
          current = ""
        }
        lines.append(String(word.prefix(width)))
        word = word.dropFirst(width)
      }
      if current.isEmpty {
        current = String(word)
      } else if current.count + 1 + word.count <= width {
        current += " " + word
      } else {
        lines.append(current)
        current = String(word)
      }
    }
    if !current.isEmpty || lines.isEmpty { lines.append(current) }
    return lines
  }
}
