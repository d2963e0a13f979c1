/// The version of Sabaq, as `sabaq --version` prints it: the one place it is written.
enum SabaqVersion {
  static let current = "0.20.0"
}
