import AMQPLayer
import Testing

@Suite("Broker URLs")
struct ConfigurationTests {
    @Test("amqp URL parts are decoded, vhost defaults to /")
    func parsesURL() throws {
        let config = try AMQPConfiguration(url: "amqp://user%40x:p%2Fss@broker.local:5673/%2F?heartbeat=10&connection_timeout=2500")
        #expect(config.user == "user@x")
        #expect(config.password == "p/ss")
        #expect(config.host == "broker.local")
        #expect(config.port == 5673)
        #expect(config.vhost == "/")
        #expect(config.heartbeatSeconds == 10)
        #expect(config.connectTimeout == .milliseconds(2500))
        #expect(config.useTLS == false)
        #expect(try AMQPConfiguration(url: "amqps://h/store-a").vhost == "store-a")
        #expect(try AMQPConfiguration(url: "amqps://h").port == 5671)
    }

    @Test("bad URLs are refused with a message that names the problem and hides the password")
    func refusesBadURLs() {
        for (url, fragment) in [("http://u:SECRET@h/", "scheme"), ("amqp://u:SECRET@h/?verify=verify_none", "verify"),
                                ("amqp://u:SECRET@h/?heartbeat=x", "heartbeat"), ("amqp://u:SECRET@h/?bogus=1", "bogus")] {
            do {
                _ = try AMQPConfiguration(url: url)
                Issue.record("accepted \(url)")
            } catch {
                #expect(error.description.contains(fragment))
                #expect(!error.description.contains("SECRET"))
            }
        }
        #expect(((try? AMQPConfiguration(url: "amqp://u:SECRET@h:1/v"))?.description.contains("SECRET")) == false)
    }

    @Test("a comma-separated list names a cluster's nodes; they may differ only in host and port")
    func parsesList() throws {
        let config = try AMQPConfiguration(
            url: "amqp://u:p%2Cq@node-a:5672/v?heartbeat=10, amqp://u:p%2Cq@node-b:5673/v?heartbeat=10,amqp://u:p%2Cq@node-a:5672/v?heartbeat=10")
        #expect(config.addresses.map(\.description) == ["node-a:5672", "node-b:5673"])
        #expect(config.host == "node-a" && config.port == 5672)
        #expect(config.password == "p,q" && config.vhost == "v" && config.heartbeatSeconds == 10)
        #expect(config.description == "amqp://u:***@node-a:5672,node-b:5673/v")
        let second = config.at(config.addresses[1])
        #expect(second.host == "node-b" && second.port == 5673 && second.addresses.count == 1 && second.password == "p,q")
        // A raw comma inside a password does not split the list.
        #expect(try AMQPConfiguration(url: "amqp://u:a,b@h:1/v").password == "a,b")
        for url in ["amqp://u:SECRET@a/v,amqp://u:SECRET@b/w", "amqp://u:SECRET@a/v,amqps://u:SECRET@b/v",
                    "amqp://u:SECRET@a/v,amqp://x:SECRET@b/v"] {
            do {
                _ = try AMQPConfiguration(url: url)
                Issue.record("accepted \(url)")
            } catch {
                #expect(error.description.contains("differ only in host and port"))
                #expect(!error.description.contains("SECRET"))
            }
        }
    }
}
