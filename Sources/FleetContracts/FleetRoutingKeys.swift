/// Routing keys of the fleet's contracts whose body is not a ``FleetMessage`` of this module
/// (README "Messages between workers"); each is also the message's AMQP `type`.
public enum FleetRoutingKeys {
    /// `sku.price` `{skuId}`: any price system says a SKU's price changed; the offer-batcher treats
    /// it as `offer.refresh`.
    public static let skuPrice = "sku.price"
    /// `sku.stock` `{skuId}`: any stock system says a SKU's stock changed; the offer-batcher treats
    /// it as `offer.refresh`.
    public static let skuStock = "sku.stock"
    /// `order.integration.result`: VTEX's processing result of an order sent to it (its
    /// `connectorEndpoint` callback), as received; the ingress publishes it, the order-importer
    /// consumes it.
    public static let orderIntegrationResult = "order.integration.result"
}
