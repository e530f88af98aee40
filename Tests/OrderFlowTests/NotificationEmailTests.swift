import ConnectorTestSupport
import FlowTestSupport
import Foundation
import IntegrationRules
import Testing

/// The notification e-mail (integrate-with-carrefour.md "E-mail de notificação"): the period's Errors
/// and Alerts as one message to the responsible person, read back from a real SMTP server (aiosmtpd,
/// which scripts/install-deps installs).
@Suite("Orders end to end: the notification e-mail", .serialized)
struct NotificationEmailTests {
    /// An SMTP server on a free loopback port that prints each message it receives to its output.
    static let server = """
    import socket, time
    from aiosmtpd.controller import Controller
    class Handler:
        async def handle_DATA(self, server, session, envelope):
            print("MAIL FROM " + envelope.mail_from)
            print("RCPT TO " + ",".join(envelope.rcpt_tos))
            print(envelope.content.decode("utf-8", "replace"))
            print("END OF MESSAGE", flush=True)
            return "250 OK"
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    print("PORT %d" % port, flush=True)
    while True:
        time.sleep(3600)
    """

    @Test("an order's Error reaches the responsible person in the period's digest; nothing new, no mail; the next Error, the next digest")
    func digest() async throws {
        let smtp = try RunningProcess("/usr/bin/env", ["python3", "-c", Self.server])
        guard let portLine = await smtp.waitForLine(containing: "PORT ", inOutput: true, timeout: .seconds(20)),
              let port = portLine.split(separator: " ").last.map(String.init) else {
            await smtp.crash()
            throw HarnessFailure("the SMTP server did not start: \(smtp.standardError.suffix(1000))")
        }
        let world = try await OrdersHarness.start()
        do {
            try world.startWorker("order-importer")
            try world.startWorker("reprocessor", settings: [
                "CARREFOUR_SMTP_URL": "smtp://127.0.0.1:\(port)", "CARREFOUR_NOTIFICATION_EMAIL": "seller@store.example",
                "CARREFOUR_NOTIFICATION_PERIOD": "1s", "CARREFOUR_NOTIFICATION_FROM": "connector@store.example",
            ])
            func messages() -> [String] {
                smtp.standardOutput.components(separatedBy: "END OF MESSAGE").dropLast()
                    .filter { $0.contains("MAIL FROM") }
            }
            let first = try await world.createOrder([("999991", 1, 10, 9.90)])
            let mailed = await eventually(timeout: .seconds(30), every: .milliseconds(200)) {
                messages().contains { $0.contains(first) && $0.contains("SKU 999991 does not exist in VTEX") }
            }
            #expect(mailed, "SMTP output: \(smtp.standardOutput.suffix(2000))")
            let mail = messages().first { $0.contains(first) } ?? ""
            #expect(mail.contains("RCPT TO seller@store.example") && mail.contains("Subject: Carrefour integration: 1 error"))
            // Three periods (on the sandbox's clock, the fleet's) with nothing new: no other message.
            let count = messages().count
            let quiet = try await world.sandbox.now()
            #expect(try await world.sandbox.waitOnClock(.seconds(3), after: quiet))
            #expect(messages().count == count, "\(messages().count - count) more")
            // A new Error: the next digest holds it, and only it.
            let second = try await world.createOrder([("999992", 1, 10, 9.90)])
            let again = await eventually(timeout: .seconds(30), every: .milliseconds(200)) {
                messages().count > count
            }
            #expect(again)
            let next = messages().last ?? ""
            #expect(next.contains(second) && !next.contains(first))
        } catch {
            await world.stop()
            await smtp.crash()
            throw error
        }
        await world.stop()
        await smtp.crash()
    }
}
