import AMQPLayer
import ArgumentParser
import WorkerRuntime

/// The entity kinds as a command-line argument (argument-parser lists them in its messages).
enum EntityArgument: String, CaseIterable, ExpressibleByArgument {
    case order, offer, product

    var entity: ReprocessRequest.Entity {
        switch self {
        case .order: .order
        case .offer: .offer
        case .product: .product
        }
    }
}

/// `carrefourctl reprocess <order|offer|product> <id>`: publishes a ``ReprocessRequest``.
struct ReprocessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reprocess", abstract: "Ask the fleet to run an order, offer or product through its flow again.")
    @OptionGroup var options: GlobalOptions

    @Argument(help: "What to reprocess: order, offer or product.")
    var entity: EntityArgument

    @Argument(help: "The entity's id.")
    var id: String

    func run() async throws {
        let request = ReprocessRequest(entity: entity.entity, id: id, requestedBy: "carrefourctl")
        let message = try request.message(exchange: "carrefour.events")
        let outcomes = try await options.withConnection { connection in try await connection.publish([message]) }
        guard outcomes.first?.isConfirmed == true else {
            throw CtlError.notConfirmed("the reprocess request (\(outcomes.first.map { "\($0)" } ?? "no answer"))")
        }
        print(request.requestId)
    }
}
