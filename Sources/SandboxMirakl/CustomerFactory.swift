import SandboxSupport

/// Deterministic Brazilian customers for seeded and generated orders.
enum CustomerFactory {
    static let firstNames = ["Ana", "Bruno", "Carla", "Diego", "Eduarda", "Felipe", "Gabriela", "Henrique", "Isabela", "João"]
    static let lastNames = ["Silva", "Santos", "Oliveira", "Souza", "Lima", "Pereira", "Costa", "Almeida", "Ferreira", "Rodrigues"]
    static let places: [(street: String, neighbourhood: String, city: String, state: String, zip: String)] = [
        ("Avenida Paulista", "Bela Vista", "São Paulo", "SP", "01310-100"),
        ("Rua das Laranjeiras", "Laranjeiras", "Rio de Janeiro", "RJ", "22240-003"),
        ("Avenida Afonso Pena", "Centro", "Belo Horizonte", "MG", "30130-001"),
        ("Rua XV de Novembro", "Centro", "Curitiba", "PR", "80020-310"),
        ("Avenida Sete de Setembro", "Vitória", "Salvador", "BA", "40080-001"),
    ]

    static func make(number: Int, using generator: inout SeededGenerator) -> OrderRecord.Customer {
        let first = firstNames.randomElement(using: &generator) ?? "Ana"
        let last = lastNames.randomElement(using: &generator) ?? "Silva"
        let place = places.randomElement(using: &generator) ?? places[0]
        let digits = (0..<9).map { _ in Int.random(in: 0...9, using: &generator) }
        return OrderRecord.Customer(
            id: "CUST-\(number)", firstName: first, lastName: last,
            phone: "+55 11 9\(Int.random(in: 1000...9999, using: &generator))-\(Int.random(in: 1000...9999, using: &generator))",
            street: place.street, number: String(Int.random(in: 1...2000, using: &generator)),
            complement: Bool.random(using: &generator) ? "Apto \(Int.random(in: 11...150, using: &generator))" : "",
            neighbourhood: place.neighbourhood, city: place.city, state: place.state, zip: place.zip,
            cpf: cpf(digits))
    }

    /// A CPF with valid check digits (the VTEX side validates documents).
    static func cpf(_ base: [Int]) -> String {
        func check(_ digits: [Int]) -> Int {
            let weight = digits.count + 1
            let sum = digits.enumerated().reduce(0) { $0 + $1.element * (weight - $1.offset) }
            let rest = (sum * 10) % 11
            return rest == 10 ? 0 : rest
        }
        let first = check(base)
        let second = check(base + [first])
        return (base + [first, second]).map(String.init).joined()
    }
}
