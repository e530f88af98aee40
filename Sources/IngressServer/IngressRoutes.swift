public import Hummingbird

/// One group of the ingress's routes (catalog notifications, order callbacks…). Each area writes
/// its own type in its own file and the `ingress` executable lists it; a route answers 200 only
/// once what it received is confirmed by the broker (``IngressPublisher``).
public protocol IngressRoutes: Sendable {
    /// Adds this group's routes to `router`.
    func addRoutes(to router: Router<BasicRequestContext>)
}
