import Hummingbird
import Store

/// What a request carries through the server: who signed in (none for a visitor) and with which
/// session token.
public struct ServerContext: RequestContext {
  public var coreContext: CoreRequestContextStorage
  /// The signed-in user, set by `SessionMiddleware`.
  public var actor: Actor?
  /// The token of the session the request came with (for signing out).
  public var sessionToken: String?

  public init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
  }

  /// Request bodies are plans at most (the 54-class school is about 1.5 MB).
  public var maxUploadSize: Int { 8 * 1024 * 1024 }
}
