extension AMQPConnection {
    /// Declares every exchange, queue and binding of the definitions (idempotent: a broker that
    /// already has them, from an earlier start or from `rabbitmqctl import_definitions`, is left as
    /// it is). A queue whose arguments differ on the broker makes this throw 406
    /// PRECONDITION_FAILED: `carrefourctl topology check` shows the difference.
    public func declare(_ topology: BrokerDefinitions) throws(AMQPError) {
        for exchange in topology.exchanges {
            try declareExchange(
                exchange.name, type: exchange.type, durable: exchange.durable, autoDelete: exchange.autoDelete,
                isInternal: exchange.internal, arguments: exchange.arguments.amqpTable)
        }
        for queue in topology.queues {
            try declareQueue(queue.name, durable: queue.durable, autoDelete: queue.autoDelete, arguments: queue.arguments.amqpTable)
        }
        for binding in topology.bindings where binding.destinationType == "queue" {
            try bindQueue(binding.destination, exchange: binding.source, routingKey: binding.routingKey, arguments: binding.arguments.amqpTable)
        }
    }
}
