import Foundation
import TestSupport
import Testing

/// The pages in a real browser: `browser/pages_in_chromium.py` starts `sabaq serve --starter` and
/// drives Debian's chromium through chromium-driver (selenium) as a deputy, a teacher, a parent
/// and the district's staff would; it saves screenshots to `out/screenshots/`.
@Suite struct BrowserTests {
  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("browser/pages_in_chromium.py").path

  @Test
  func everyRoleUsesThePagesInChromium() throws {
    let run = try ChildProcess.run(
      "/usr/bin/env", ["python3", Self.script, "--sabaq", Sabaq.executable.path], timeout: 600)
    let output = String(decoding: run.output + run.errors, as: UTF8.self)
    #expect(run.status == 0, "\(output.suffix(4000))")
    #expect(output.contains("every scenario passed"))
  }
}
