/// # SandboxMirakl — a local fake of Carrefour's Mirakl seller API
///
/// Speaks the Mirakl MMP seller contract (`shared/specs/mirakl/mirakl-mmp-seller-openapi.json`,
/// `shared/reference/mirakl-api.md`) on loopback, for the demo and the tests. `MiraklSandbox`
/// holds the state and mounts the routes on a Hummingbird router.
///
/// ## API (every call needs `Authorization: <shop key>`; else 401 `{"message":"Unauthorized","status":401}`)
/// A01 `GET /api/account` · SH12 `GET /api/shipping/types` ·
/// H11 `GET /api/hierarchies` (`hierarchy`, `max_level`) · PM11 `GET /api/products/attributes`
/// (`hierarchy`, `max_level`, `with_roles`; JSON only) — both once an hour at most ·
/// P41 `POST /api/products/imports` (multipart `file`) → 201 `{"import_id"}` ·
/// P42 `GET /api/products/imports/{import}` · P51 `GET /api/products/imports`
/// (`last_request_date`: imports whose status changed since then, as the spec says) ·
/// P44 `GET …/{import}/error_report` · P45 `GET …/{import}/new_product_report` ·
/// OF01 `POST /api/offers/imports` (multipart `file` + `import_mode`) → 201 `{"import_id"}` ·
/// OF02 `GET /api/offers/imports/{import}` · OF03 `GET …/{import}/error_report` · OF21 `GET /api/offers` ·
/// OR11 `GET /api/orders` · OR21 `PUT /api/orders/{id}/accept` · OR23 `PUT …/tracking` ·
/// OR24 `PUT …/ship` · OR29 `PUT …/cancel` · OR43 `POST …/threads` (multipart `thread_input`) → 201
/// `{"message_id","thread_id"}`. OR11 orders may be bought by a company (billing `company`, a CNPJ in
/// the `customer-cpf` field), carry taxes on top (`order_tax_mode` `TAX_EXCLUDED`, line `taxes`), an
/// open incident (`has_incident`, a line `INCIDENT_OPEN`), a PickUp DropOff point (`PICKUP`,
/// `shipping_pudo_id`) or a whole-line promotion (line `price` ≠ `price_unit` × `quantity`).
/// Each operation is limited to the spec's maximum call frequency (`MiraklOperation.minimumInterval`,
/// mirakl-api.md §1) in sandbox time: a call inside the window gets 429 with `Retry-After` (real
/// seconds, ≥ 1). P42, OF02 and OF03 are limited per import id. OR11 by `order_ids` is the spec's
/// synchronous use ("at each order page display") and is not limited; it is also counted as
/// `OR11-sync`. Errors: `{"message","status"}`.
///
/// ## The product file the connector sends to P41 (the catalog worker writes exactly this)
/// UTF-8 CSV, `;`-separated, fields may be `"`-quoted (a quote doubled inside), a header row, then
/// one line per SKU. Columns (order free, names exact):
/// `product-id` (VTEX product id) · `shop-sku` (VTEX SKU id; the offer `sku` and OR11 `offer_sku`) ·
/// `name` · `sku-name` · `description` · `brand` · `ean` (8, 12, 13 or 14 digits, the last the GS1
/// check digit) · `weight` (grams) · `height` · `width` · `length` (centimetres; decimals with `.`) ·
/// `image-urls` (`|`-separated URLs) · `category`; any other column is a Carrefour attribute, named by
/// its code. Required values (how-the-carrefour-integration-works.md): name, SKU name, description,
/// ean, weight, height, width, length, image-urls. A header missing a required column fails the whole
/// import (P42 `FAILED`, `reason_status` names the columns).
/// Line rules, reported in P44 as `code|message` (several joined by `, `):
/// `1000` required attribute missing · `1001` invalid EAN · `1002` non-positive dimension or weight ·
/// `2001` a product id with more than one SKU (all its lines; Carrefour accepts no variations) ·
/// `2002` product deleted in Carrefour (never importable again) · `2003` product already catalogued
/// (Carrefour accepts no updates) · `1000` no category · `1001` a category H11 does not list
/// (`Category X is unknown`, the wording of Mirakl's report in the M2 connector's test data) or
/// one that is not a leaf (the documentation is silent on the level; the sandbox takes the harsher
/// reading, and that message's wording is its own).
/// The seeded hierarchy (`CatalogStructure.seeded`) holds every category the demo and the test
/// fixtures send; `PUT /_admin/hierarchies` replaces it.
/// Lifecycle: WAITING → RUNNING → SENT → COMPLETE over `MiraklSettings` delays; at COMPLETE,
/// P45 lists the integrated lines (`"line";"shop_sku";"product_id";"messages"`) and P44 the refused
/// ones (`"line";"shop_sku";"product_id";"errors"`); a report with no line is a 404. Integrated
/// products are catalogued (live) `cataloguingDelay` after COMPLETE.
///
/// ## The offer file (OF01; mirakl-api.md §3)
/// Same CSV rules. Required columns: `sku` (shop SKU), `product-id` (the shop SKU of the product),
/// `product-id-type` (`SHOP_SKU`), `price` (decimal with `.`), `quantity` (integer), `state` (`11`);
/// optional `update-delete` (`update`, `delete` or empty). Any other column (the connector's own
/// key, e.g. `connector-key`) is kept and echoed by OF03. `import_mode` `NORMAL` or `REPLACE`
/// (REPLACE deletes the shop's offers absent from the file). Lines are judged when the import
/// completes (WAITING → RUNNING → COMPLETE): an offer whose product is not catalogued at that
/// moment is refused with the seed's message "Produto ainda não foi catalogado no Carrefour…"
/// (carrefour-inventory-integration-errors.pt.md). OF03 returns the refused lines with their
/// original columns plus `error-line` (file line, header = 1) and `error-message`. Accepted offers
/// are stored (price, quantity; active when quantity > 0). An identical file with the same mode
/// within `duplicateImportWindow` returns the earlier `import_id`.
///
/// ## Orders
/// STAGING → WAITING_ACCEPTANCE (after `stagingDelay`) → OR21 → WAITING_DEBIT_PAYMENT → SHIPPING
/// (after `paymentDelay`, or the admin `confirm_payment`; the customer's addresses and the
/// `customer-cpf` custom field appear only from here) → OR23 + OR24 → SHIPPED → RECEIVED (admin);
/// OR21 refusing every line → REFUSED; OR29 or the admin `cancel` → CANCELED. `shipping_type_code`
/// is one of `NORMAL`, `EXPRESS`, `ECONOMICAL`, `SCHEDULED` (SH12; EXPRESS and SCHEDULED need
/// OR23 before OR24). OR11 filters: `order_ids`, `order_state_codes`, `start_date`, `end_date`,
/// `start_update_date`, `end_update_date`, `max` (≤ 100, default 10), `offset`, `order=desc`,
/// `paginate=false`; orders sorted by creation date; `total_count`.
///
/// ## Admin API (JSON, no key, never faulted)
/// - `GET /_admin/state`: products (state IMPORTING, REJECTED, WAITING_CATALOGUING, LIVE, DELETED,
///   error), product imports, offers (price, quantity, active, import id), offer imports, orders
///   (with `trackingCalls`, `trackingChanges`: OR23s that replaced a different tracking, and
///   `shipCalls`: OR24s that reached the order, refused ones included), tracking received per order.
/// - `GET /_admin/calls`: `{"calls": {"OR11": n, "OR11-sync": m, …}, "rateLimited": {"P41": n, …}, "faultsInjected": {…}}`
///   (OR11 counts every call, OR11-sync the reads by `order_ids` among them; `rateLimited`: calls
///   refused with 429 for exceeding the operation's maximum frequency).
/// - `DELETE /_admin/calls`: sets the call counts back to zero (as the VTEX sandbox's), so a test
///   can count what one phase of it called.
/// - `GET|PUT /_admin/faults`: a `FaultPlan` (`serverErrorRate`, `tooManyRequestsRate`,
///   `lostResponseRate`, `latencyMilliseconds`, `hangRate`, `hangMilliseconds`,
///   `tooManyRequestsBurst`, `retryAfterSeconds`, `revokedKeys`). A lost response is a call done
///   whose connection is closed unanswered.
/// - `PUT /_admin/rate-limits` `{"enabled": bool}` (also resets the windows).
/// - `POST /_admin/orders` `{"lines":[{"sku","quantity","price"?,"shippingPrice"?,"linePrice"?}],
///   "shippingType":"NORMAL"|"EXPRESS"|"ECONOMICAL"|"SCHEDULED"|"PICKUP", "skipStaging": true,
///   "corporate"?, "taxRate"? (percent), "incident"?, "pickupPoint"?}` → 201 `{"orderId"}`.
/// - `POST /_admin/orders/{id}/state` `{"action": "end_staging"|"confirm_payment"|"cancel"|"receive"|"close"
///   |"open_incident"|"close_incident"}`.
/// - `DELETE /_admin/products/{sku}`: deleted in the Carrefour panel (its offer goes too).
/// - `PUT /_admin/hierarchies` `{"hierarchies":[{"code","label"?,"parentCode"?}]}` and
///   `PUT /_admin/attributes` `{"attributes":[{"code","label"?,"hierarchyCode"?,"requirementLevel"?,
///   "type"?,"variant"?,"roles"?}]}` replace what H11 and PM11 list (→ `{"count"}`; 400 for codes
///   missing or repeated, an unknown parent, a cycle).
/// - `POST /_admin/generator` `{"ordersPerHour": x, "mix"?: {"corporate", "taxes", "incident": shares 0-1,
///   "taxRate"}}` (sandbox hours; 0 stops; also `--order-mix-*` at start);
///   `GET /_admin/generator` → `{"ordersPerHour", "created"}`.
public enum SandboxMirakl {
    /// The spec file this module follows, relative to `shared/`.
    public static let specPath = "specs/mirakl/mirakl-mmp-seller-openapi.json"
}
