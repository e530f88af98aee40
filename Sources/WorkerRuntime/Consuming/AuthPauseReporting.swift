/// Told of the ``WorkFailure/auth(_:)`` failures of a consumer's handler: the consumer pauses, and
/// a reporter writes the pause where an operator sees it (the connector's integration log).
public protocol AuthPauseReporting: Sendable {
    /// `handler`, reporting the auth failures it throws, then throwing them as they were.
    func reportingAuthFailures(of handler: any MessageHandler) -> any MessageHandler
}
