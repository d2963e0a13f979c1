/// Timetable sheets as one plain HTML page to print: each class's, teacher's or room's week is a
/// grid (lessons of its shift × days) on its own A4 page (`@page { size: A4 }`, a page break
/// after each sheet), each cell with what, who and where. On screen a contents list links the
/// sheets; it is not printed. Every text is escaped.
public enum TimetableHTML {
  /// The whole page.
  public static func page(title: String, sheets: [TimetableSheet], words: ReportWords) -> String {
    var html = """
      <!DOCTYPE html>
      <html lang="\(words.language.rawValue)">
      <head>
      <meta charset="utf-8">
      <title>\(escape(title))</title>
      <style>
      \(style)
      </style>
      </head>
      <body>
      <nav class="contents"><h1>\(escape(title))</h1>

      """
    if sheets.isEmpty {
      html += "<p>\(escape(words.noLessonsThisWeek))</p>\n"
    } else {
      html += "<p>\(escape(words.contents)):</p>\n<ol>\n"
      for (k, sheet) in sheets.enumerated() {
        html += "<li><a href=\"#sheet-\(k + 1)\">\(escape(sheet.name))</a></li>\n"
      }
      html += "</ol>\n"
    }
    html += "</nav>\n"
    for (k, sheet) in sheets.enumerated() { html += section(sheet, id: "sheet-\(k + 1)") }
    return html + "</body>\n</html>\n"
  }

  static let style = """
    @page { size: A4; margin: 10mm; }
    body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 8.5pt; color: #000; }
    h1 { font-size: 14pt; margin: 0 0 2mm 0; }
    h2 { font-size: 13pt; margin: 0 0 1mm 0; }
    p.subheading { margin: 0 0 3mm 0; color: #333; }
    section.sheet { page-break-after: always; break-after: page; }
    section.sheet:last-of-type { page-break-after: auto; break-after: auto; }
    table { width: 100%; border-collapse: collapse; table-layout: fixed; }
    th, td { border: 1px solid #777; padding: 1mm; vertical-align: top; overflow-wrap: break-word; }
    th { background: #eee; }
    th.number { width: 6mm; }
    th.time { width: 19mm; }
    td.number { text-align: center; font-weight: bold; }
    td.time { white-space: nowrap; }
    tr.shift th { text-align: left; }
    div.lesson + div.lesson { border-top: 1px dotted #999; margin-top: 1mm; padding-top: 1mm; }
    .what { font-weight: bold; }
    .what, .who { display: block; }
    section.dense { font-size: 7pt; }
    section.densest { font-size: 6pt; }
    @media print { nav.contents { display: none; } }
    @media screen { section.sheet { margin: 0 0 10mm 0; padding-top: 4mm; border-top: 2px solid #999; } }
    """

  /// One sheet: its headings and its grid.
  static func section(_ sheet: TimetableSheet, id: String) -> String {
    let timed = sheet.sections.contains { $0.rows.contains { $0.time != nil } }
    var html = "<section class=\"sheet \(sheet.kind.rawValue)\(density(sheet))\" id=\"\(id)\">\n"
    html += "<h2>\(escape(sheet.heading))</h2>\n<p class=\"subheading\">\(escape(sheet.subheading))</p>\n"
    guard !sheet.isEmpty else { return html + "<p>\(escape(sheet.words.noLessonsThisWeek))</p>\n</section>\n" }
    html += "<table>\n<thead><tr><th class=\"number\">\(escape(sheet.words.lessonNumber))</th>"
    if timed { html += "<th class=\"time\">\(escape(sheet.words.time))</th>" }
    for day in sheet.days { html += "<th>\(escape(day))</th>" }
    html += "</tr></thead>\n<tbody>\n"
    let span = sheet.days.count + (timed ? 2 : 1)
    for section in sheet.sections {
      if let shift = section.shift {
        html += "<tr class=\"shift\"><th colspan=\"\(span)\">\(escape(shift))</th></tr>\n"
      }
      for row in section.rows {
        html += "<tr><td class=\"number\">\(row.number)</td>"
        if timed { html += "<td class=\"time\">\(escape(row.time ?? ""))</td>" }
        for entries in row.cells { html += "<td>" + cell(entries) + "</td>" }
        html += "</tr>\n"
      }
    }
    return html + "</tbody>\n</table>\n</section>\n"
  }

  /// A smaller type for a sheet that would not fit its page at the usual size (" dense": 7 pt,
  /// " densest": 6 pt), from an estimate of its lines: each row is as tall as its fullest cell,
  /// whose texts wrap at the width of a day's column.
  static func density(_ sheet: TimetableSheet) -> String {
    let sizes: [(name: String, points: Double)] = [("", 8.5), (" dense", 7), (" densest", 6)]
    let days = Double(max(sheet.days.count, 1))
    for (name, points) in sizes {
      let lineHeight = points * 1.25 * 0.3528  // mm
      // A character is about 0.6 em of bold text; words wrapping leave a fifth of a line empty.
      let charactersPerLine = max(Int((190 - 25) / days / (points * 0.6 * 0.3528) * 0.8), 6)
      var lines = 2.0  // the header row
      for section in sheet.sections {
        if section.shift != nil { lines += 1.3 }
        for row in section.rows {
          let tallest =
            row.cells.map { entries in
              let subjects = Set(entries.map(\.what))
              return subjects.reduce(0) { $0 + wrappedLines($1, charactersPerLine) }
                + entries.reduce(0) {
                  $0 + wrappedLines([$1.who, $1.place].joined(separator: " · "), charactersPerLine)
                }
            }.max() ?? 1
          lines += Double(max(tallest, 1)) + 1
        }
      }
      // Measured in Chromium on the shipped schools: a sheet is about 1.12 times the estimate
      // plus 12 mm of headings; the page holds 277 mm.
      if lines * lineHeight <= 225 { return name }
    }
    return sizes.last!.name
  }

  private static func wrappedLines(_ text: String, _ width: Int) -> Int { (text.count + width - 1) / width }

  /// The lessons of a cell: lessons of one subject at once (the groups of a split class, a
  /// stream) under one subject line, each with its teacher (or class) and room on a line.
  static func cell(_ entries: [TimetableSheet.Entry]) -> String {
    var groups: [(what: String, entries: [TimetableSheet.Entry])] = []
    for entry in entries {
      if let k = groups.firstIndex(where: { $0.what == entry.what }) {
        groups[k].entries.append(entry)
      } else {
        groups.append((entry.what, [entry]))
      }
    }
    return groups.map { group in
      var html = "<div class=\"lesson\"><span class=\"what\">\(escape(group.what))</span>"
      for entry in group.entries {
        let parts = [entry.who, entry.place, entry.time ?? ""].filter { !$0.isEmpty }
        if !parts.isEmpty { html += "<span class=\"who\">\(escape(parts.joined(separator: " · ")))</span>" }
      }
      return html + "</div>"
    }.joined()
  }

  /// Text made safe inside HTML elements and attribute values.
  public static func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.count)
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.append(character)
      }
    }
    return result
  }
}
