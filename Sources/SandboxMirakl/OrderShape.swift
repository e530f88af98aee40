public import Foundation

/// The shapes an order can take beyond a person's delivery (OR11 fields of
/// mirakl-mmp-seller-openapi.json), chosen for one admin order or drawn by the generator:
/// - a company buying: the billing address names the company (`customer.billing_address.company`)
///   and the document custom field holds a CNPJ;
/// - taxes on top of the prices: `order_tax_mode` `TAX_EXCLUDED` and each line's `taxes[]`
///   (`{amount, code, rate}`), the total including them;
/// - an open incident: `has_incident` true and the first line in `INCIDENT_OPEN` (Mirakl's incident
///   flow, OR62/OR63/OR64 on the seller side; the admin API opens and closes it here).
public struct OrderShape: Sendable, Codable, Equatable {
    /// The buyer is a company (a CNPJ).
    public var corporate: Bool?
    /// Taxes in percent of each line's price, on top of it (`TAX_EXCLUDED`).
    public var taxRate: Decimal?
    /// An incident is open on the first line.
    public var incident: Bool?
    /// The PickUp DropOff point of a `PICKUP` order (default `PUDO-1`).
    public var pickupPoint: String?

    public init(corporate: Bool? = nil, taxRate: Decimal? = nil, incident: Bool? = nil, pickupPoint: String? = nil) {
        self.corporate = corporate
        self.taxRate = taxRate
        self.incident = incident
        self.pickupPoint = pickupPoint
    }
}

/// The generator's mix: the share (0–1) of generated orders of each shape.
public struct OrderMix: Sendable, Codable, Equatable {
    public var corporate: Double?
    public var taxes: Double?
    public var incident: Double?
    /// The tax rate of a taxed order, percent (18 by default, Brazil's usual ICMS).
    public var taxRate: Decimal?

    public init(corporate: Double? = nil, taxes: Double? = nil, incident: Double? = nil, taxRate: Decimal? = nil) {
        self.corporate = corporate
        self.taxes = taxes
        self.incident = incident
        self.taxRate = taxRate
    }

    /// A shape drawn with `generator`.
    func draw(using generator: inout some RandomNumberGenerator) -> OrderShape {
        func share(_ value: Double?) -> Bool { Double.random(in: 0..<1, using: &generator) < (value ?? 0) }
        let corporate = share(corporate)
        let taxed = share(taxes)
        let incident = share(incident)
        return OrderShape(corporate: corporate, taxRate: taxed ? (taxRate ?? 18) : nil, incident: incident)
    }
}

extension CustomerFactory {
    static let companies = ["Acme Comércio Ltda", "Globex Distribuidora S.A.", "Initech Serviços Ltda", "Umbrella Varejo ME"]

    /// A CNPJ with valid check digits from twelve base digits (Receita Federal's modulo-11 rule).
    static func cnpj(_ base: [Int]) -> String {
        func check(_ digits: [Int]) -> Int {
            let weights = Array([6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2].suffix(digits.count))
            let rest = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 } % 11
            return rest < 2 ? 0 : 11 - rest
        }
        let first = check(base)
        let second = check(base + [first])
        return (base + [first, second]).map(String.init).joined()
    }
}
