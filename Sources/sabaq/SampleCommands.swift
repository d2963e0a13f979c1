import ArgumentParser
import Foundation
import Interchange
import Planner
import SampleSchools

struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Write a sample organisation: one of the shipped presets, or a generated school of a given size.")

  enum Preset: String, ExpressibleByArgument, CaseIterable {
    case small, gymnasium, large
  }

  @Option(
    help:
      "small (9-class rural school in Kazakhstan), gymnasium (Russian city gymnasium, 2 shifts), large (Kazakhstan, 50+ classes)."
  )
  var preset: Preset?
  @Option(help: "Number of classes of a generated school.") var classes: Int?
  @Option(help: "Shifts of a generated school (1 or 2).") var shifts = 2
  @Option(help: "Seed of a generated school.") var seed: UInt64 = 1
  @Option(help: "Where to write the instance file.") var output: String

  func validate() throws {
    if (preset == nil) == (classes == nil) { throw ValidationError("give either --preset or --classes") }
    if let classes, classes < 1 || classes > 400 { throw ValidationError("--classes must be from 1 to 400") }
    if shifts != 1 && shifts != 2 { throw ValidationError("--shifts must be 1 or 2") }
  }

  func run() throws {
    let organisation: Organisation
    switch preset {
    case .small: organisation = SampleSchools.smallKazakhSchool()
    case .gymnasium: organisation = SampleSchools.cityGymnasium()
    case .large: organisation = SampleSchools.largeSchool()
    case nil: organisation = SampleSchools.generated(classes: classes!, shifts: shifts, seed: seed)
    }
    try InstanceFile.write(organisation, to: output)
    print(
      "\(organisation.name): \(organisation.classes.count) classes, \(organisation.teachers.count) teachers, \(organisation.rooms.count) rooms; written to \(output)"
    )
  }
}
