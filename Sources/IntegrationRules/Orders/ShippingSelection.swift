#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SystemSupport

/// Chooses the VTEX SLA of a Carrefour order.
///
/// The store's settings map each of Carrefour's delivery types (Normal, Express, Economical,
/// Scheduled) to a VTEX SLA (seeds/integrate-with-carrefour.md, "Mapeamento de SLA"). An order
/// whose type has no mapping falls back on the seeds' contingency rule: the integration "tries to
/// make a match of the shipping calculated with the carrier that best fits within VTEX (we use the
/// type of carrier as a parameter). If there is no match, there will be an error in the order
/// integration" (seeds/how-the-carrefour-integration-works.md §5.1). VTEX's APIs carry no carrier
/// type field (reference/vtex-apis.md §4a), so the type is read from the words of the SLA's id,
/// name and carriers ("Expressa", "Correios PAC"…).
public enum ShippingSelection {
    /// The SLA chosen for an order: one per line, the same SLA for all.
    public struct Choice: Sendable, Equatable {
        /// Carrefour's delivery type, when recognised.
        public var kind: StoreSettings.ShippingKind?
        /// The VTEX SLA name (`selectedSla`).
        public var slaName: String
        /// Whether the SLA came from the contingency match rather than the mapping.
        public var byContingency: Bool
        /// The SLA as offered for each line (estimates and lock TTL come from here).
        public var perLine: [SimulationFacts.SLA]

        /// Creates the value from its parts.
        public init(kind: StoreSettings.ShippingKind?, slaName: String, byContingency: Bool, perLine: [SimulationFacts.SLA]) {
            self.kind = kind
            self.slaName = slaName
            self.byContingency = byContingency
            self.perLine = perLine
        }
    }

    /// Words that name each delivery type, in English and Portuguese (accents and case ignored).
    static let synonyms: [StoreSettings.ShippingKind: Set<String>] = [
        .normal: ["normal", "standard", "padrao", "regular", "convencional"],
        .express: ["express", "expressa", "expresso", "rapida", "rapido", "sedex"],
        .economical: ["economical", "economic", "economica", "economico", "economy", "pac"],
        .scheduled: ["scheduled", "agendada", "agendado", "agendamento"],
    ]

    /// Carrefour's delivery type named by a shipping type code or label (`EXPRESS`, `Expressa`).
    public static func kind(code: String?, label: String?) -> StoreSettings.ShippingKind? {
        for text in [code, label].compactMap({ $0 }) {
            let words = Set(Self.words(text))
            if let kind = StoreSettings.ShippingKind.allCases.first(where: { !(synonyms[$0] ?? []).isDisjoint(with: words) }) {
                return kind
            }
        }
        return nil
    }

    /// Chooses the SLA for an order of delivery type `code`/`label` whose lines were offered `offered`
    /// (one list per line), with the store's `mapping`.
    public static func choose(
        code: String?, label: String?, mapping: [StoreSettings.ShippingKind: String], offered: [[SimulationFacts.SLA]]
    ) throws(OrderRuleError) -> Choice {
        let kind = Self.kind(code: code, label: label)
        let typeName = kind.map(Self.name) ?? (label ?? code ?? "unknown")
        let deliverable = offered.map { $0.filter { $0.deliveryChannel == "delivery" } }
        let common = Self.common(deliverable)
        if let kind, let mapped = mapping[kind] {
            let target = Self.fold(mapped)
            let match = common.first { Self.fold($0.id) == target || Self.fold($0.name) == target }
                ?? common.first { $0.courierNames.contains { Self.fold($0) == target } }
            guard let match else {
                throw OrderRuleError(
                    "The VTEX SLA \"\(mapped)\" mapped for Carrefour's \(typeName) delivery (CARREFOUR_SLA_\(kind.rawValue.uppercased())) "
                        + "is not offered for every item of the order; offered: \(Self.list(common))")
            }
            return Choice(kind: kind, slaName: match.name, byContingency: false, perLine: Self.perLine(match, in: deliverable))
        }
        guard let kind else {
            throw OrderRuleError("Carrefour's delivery type \"\(typeName)\" is not Normal, Express, Economical or Scheduled: map it and reprocess the order")
        }
        let wanted = synonyms[kind] ?? []
        let candidates = common.filter { sla in
            let words = Set(([sla.id, sla.name] + sla.courierNames).flatMap(Self.words))
            return !wanted.isDisjoint(with: words)
        }
        guard let match = candidates.min(by: { ($0.priceCents, $0.name) < ($1.priceCents, $1.name) }) else {
            throw OrderRuleError(
                "No SLA is mapped for Carrefour's \(typeName) delivery and no VTEX SLA of that carrier type is offered "
                    + "(offered: \(Self.list(common))): set CARREFOUR_SLA_\(kind.rawValue.uppercased()) and reprocess the order")
        }
        return Choice(kind: kind, slaName: match.name, byContingency: true, perLine: Self.perLine(match, in: deliverable))
    }

    /// The English name of a delivery type, as the seeds write it.
    public static func name(_ kind: StoreSettings.ShippingKind) -> String {
        switch kind {
        case .normal: "Normal"
        case .express: "Express"
        case .economical: "Economical"
        case .scheduled: "Scheduled"
        }
    }

    /// SLAs offered for every line (by id), in the first line's order.
    static func common(_ offered: [[SimulationFacts.SLA]]) -> [SimulationFacts.SLA] {
        guard let first = offered.first else { return [] }
        return first.filter { sla in offered.dropFirst().allSatisfy { $0.contains { $0.id == sla.id } } }
    }

    static func perLine(_ chosen: SimulationFacts.SLA, in offered: [[SimulationFacts.SLA]]) -> [SimulationFacts.SLA] {
        offered.map { line in line.first { $0.id == chosen.id } ?? chosen }
    }

    static func list(_ slas: [SimulationFacts.SLA]) -> String {
        slas.isEmpty ? "none" : slas.map(\.name).joined(separator: ", ")
    }

    static func fold(_ text: String) -> String {
        DiacriticFolding.fold(text).trimmingWhitespace()
    }

    static func words(_ text: String) -> [String] {
        fold(text).split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }
}
