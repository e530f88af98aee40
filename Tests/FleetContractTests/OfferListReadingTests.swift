import Foundation
import MiraklAPI
import Testing

/// OF21's answer (`OF21_Response_200`) read offer by offer: an offer that does not fit the spec's
/// shape is named with its position and why, and the others are still read.
@Suite struct OfferListReadingTests {
    @Test func anUnreadableOfferIsNamedAndTheOthersAreRead() throws {
        let page = """
            {"total_count": 5, "offers": [
              {"shop_sku": "1001", "price": 19.9, "quantity": 4, "active": true},
              {"shop_sku": "1002", "price": "abc", "quantity": 4, "active": true},
              {"price": 5, "quantity": 1, "active": true},
              {"shop_sku": "1004", "price": 7.5, "quantity": null, "active": false},
              {"shop_sku": "1005", "price": 1, "quantity": 0, "active": false}
            ]}
            """
        let list = try JSONDecoder().decode(OfferList.self, from: Data(page.utf8))
        #expect(list.offers.map(\.shopSKU) == ["1001", "1005"])
        #expect(list.offers.first?.price == Decimal(string: "19.9"))
        #expect(list.totalCount == 5 && list.count == 5)
        #expect(list.unreadable.map(\.position) == [1, 2, 3])
        #expect(list.unreadable.map(\.shopSKU) == ["1002", nil, "1004"])
        #expect(list.unreadable[0].reason == "`price` is not a number", "\(list.unreadable[0].reason)")
        #expect(list.unreadable[1].reason == "`shop_sku` is missing", "\(list.unreadable[1].reason)")
        #expect(list.unreadable[2].reason == "`quantity` is null, a number expected", "\(list.unreadable[2].reason)")
    }

    @Test func aPageWithoutItsCountIsStillAnError() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(OfferList.self, from: Data(#"{"offers": []}"#.utf8))
        }
    }
}
