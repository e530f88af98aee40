"""The drill's invariants, read back from both sandboxes (admin routes), the broker (management API)
and the integration log (carrefourctl log). Each check returns (name, broken items, detail)."""
import json
import re
from collections import Counter
from decimal import Decimal

from fleet import call

PAID = {"SHIPPING", "SHIPPED", "TO_COLLECT", "RECEIVED", "CLOSED"}
# Work queues: what a worker consumes and must have emptied once the run settles.
WORK_QUEUES = ["catalog.work", "offers.work", "orders.work", "orders.results", "invoices.work", "reprocess.requests"]
# A parked reason that is no business matter: a retry given up, a crash loop the broker dead-lettered,
# a message the fleet itself could not read, or a transient failure parked as if it were final.
NOT_BUSINESS = re.compile(
    r"gave up after|cannot retry|unknown message type|message has no type|cannot decode|undecodable|"
    r"transport failure|timed out|connection failed|HTTP 5\d\d|\b5\d\d\b|429|rate.?limit|Internal server error|"
    r"broker|delivery.?limit", re.IGNORECASE)


class Snapshot:
    """Everything the checks read, taken once."""

    def __init__(self, mirakl, vtex, broker, fleet):
        self.mirakl_state = call("GET", mirakl + "/_admin/state")
        self.vtex_orders = call("GET", vtex + "/_admin/orders")
        self.vtex_catalog = call("GET", vtex + "/_admin/catalog")["skus"]
        self.queues = {q["name"]: q for q in broker.manage("/api/queues/%2F")}
        self.parked = {}
        for name in sorted(self.queues):
            if name.endswith(".parked") and self.queues[name].get("messages", 0):
                listed = fleet.ctl("parked", "list", name, "--json")
                self.parked[name] = json.loads(listed.stdout or "[]") if listed.returncode == 0 else [
                    {"reason": f"(carrefourctl parked list failed: {listed.stderr.strip()[:200]})"}]
        logged = fleet.ctl("log", "--json")
        self.log = [json.loads(line) for line in logged.stdout.splitlines() if line.startswith("{")]
        # Each entity's current state, as carrefourctl decides it (entries share a second's timestamp).
        latest = fleet.ctl("log", "--latest", "--json")
        self.latest = {(e.get("entity"), e.get("entityId")): e for e in
                       (json.loads(line) for line in latest.stdout.splitlines() if line.startswith("{"))}
        self.log_error = (logged.stderr.strip() or latest.stderr.strip())[-300:] if logged.returncode or latest.returncode else None


def no_order_twice_in_vtex(s, load):
    by_marketplace = Counter(o.get("marketplaceOrderId") for o in s.vtex_orders if o.get("marketplaceOrderId"))
    twice = sorted(k for k, n in by_marketplace.items() if n > 1)
    return "no Carrefour order with two VTEX orders", twice, f"{len(by_marketplace)} Carrefour orders in VTEX"


def no_order_shipped_or_tracked_twice(s, load):
    broken = []
    repeats = 0
    for order in s.mirakl_state["orders"]:
        if order.get("shipCalls", 0) > 1:
            broken.append(f"{order['orderId']}: OR24 {order['shipCalls']}×")
        if order.get("trackingChanges", 0) > 0:
            broken.append(f"{order['orderId']}: tracking replaced {order['trackingChanges']}×")
        if order.get("trackingCalls", 0) > 1 and not order.get("trackingChanges"):
            repeats += 1
    shipped = sum(1 for o in s.mirakl_state["orders"] if o["state"] in ("SHIPPED", "RECEIVED", "CLOSED"))
    return ("no order shipped or tracked twice", broken,
            f"{shipped} shipped; {repeats} with the same OR23 repeated (a retry after a lost answer: idempotent)")


def invoiced_are_shipped(s, load):
    states = {o["orderId"]: o["state"] for o in s.mirakl_state["orders"]}
    invoiced = [o for o in s.vtex_orders if o.get("status") == "invoiced" and o.get("marketplaceOrderId")]
    broken = [f"{o['marketplaceOrderId']} is {states.get(o['marketplaceOrderId'], 'absent')}"
              for o in invoiced if states.get(o["marketplaceOrderId"]) not in ("SHIPPED", "RECEIVED", "CLOSED")]
    return "every invoiced VTEX order SHIPPED in Carrefour", broken, f"{len(invoiced)} invoiced"


def expected_offer(entry):
    """(quantity, price) the connector should hold in Carrefour for a VTEX SKU, or None for 'no offer needed'."""
    inventory = entry.get("inventory") or {}
    available = max(0, inventory.get("totalQuantity", 0) - inventory.get("reservedQuantity", 0))
    if inventory.get("unlimited"):
        available = 1_000_000
    if not entry.get("sellableOnAffiliatePolicy") or entry.get("simulatedPrice") is None:
        return 0, None
    return available, Decimal(entry["simulatedPrice"]) / 100


# Carrefour order states in which Mirakl has taken the order's units off the offer, before the
# fleet creates the VTEX order (README "Offers": the sellable quantity).
TAKEN_OFF = {"STAGING", "WAITING_ACCEPTANCE", "WAITING_DEBIT", "WAITING_DEBIT_PAYMENT", "SHIPPING"}


def pending_units(s):
    """Units per SKU of Carrefour orders that Carrefour counts as sold and VTEX does not hold (an
    order still on its way, or one that failed to integrate and waits for a reprocess)."""
    in_vtex = {o.get("marketplaceOrderId") for o in s.vtex_orders}
    units = Counter()
    for order in s.mirakl_state["orders"]:
        if order["state"] in TAKEN_OFF and order["orderId"] not in in_vtex:
            for line in order.get("lines", []):
                if not line.get("refused"):
                    units[line["sku"]] += line["quantity"]
    return units


def offers_equal_vtex(s, load):
    """Each offer against the fleet's rule: VTEX's availability less the pending units, VTEX's price."""
    catalog = {str(e["sku"]["id"]): e for e in s.vtex_catalog}
    pending = pending_units(s)
    broken = []
    for offer in s.mirakl_state["offers"]:
        entry = catalog.get(offer["sku"])
        if entry is None:
            broken.append(f"{offer['sku']}: offered, unknown to VTEX")
            continue
        quantity, price = expected_offer(entry)
        quantity = max(0, quantity - pending[offer["sku"]])
        have_price = Decimal(str(offer["price"]))
        if offer["quantity"] != quantity or (price is not None and have_price != price):
            broken.append(f"{offer['sku']}: Carrefour {offer['quantity']} @ {have_price}, VTEX {quantity} @ {price}"
                          + (f" ({pending[offer['sku']]} pending)" if pending[offer["sku"]] else ""))
    held = sum(1 for o in s.mirakl_state["offers"] if pending[o["sku"]])
    return ("every offer equal to VTEX (quantity less pending orders, price)", broken,
            f"{len(s.mirakl_state['offers'])} offers, {held} less units of paid orders VTEX does not hold")


def new_products_catalogued_and_offered(s, load):
    products = {p["sku"]: p for p in s.mirakl_state["products"]}
    offers = {o["sku"]: o for o in s.mirakl_state["offers"]}
    broken = []
    for sku in load.valid_products:
        product = products.get(sku)
        if product is None or product["state"] != "LIVE":
            broken.append(f"{sku}: product {product['state'] if product else 'never sent'}")
        elif sku not in offers:
            broken.append(f"{sku}: catalogued, no offer")
    sent_invalid = [sku for sku in load.invalid_products if sku in offers]
    broken += [f"{sku}: no EAN, yet offered" for sku in sent_invalid]
    return ("every valid product created during the run catalogued and offered", broken,
            f"{len(load.valid_products)} valid, {len(load.invalid_products)} without EAN created")


def paid_orders_in_vtex_or_error(s, load):
    in_vtex = {o.get("marketplaceOrderId") for o in s.vtex_orders}
    broken, errors = [], 0
    paid = [o for o in s.mirakl_state["orders"] if o["state"] in PAID]
    for order in paid:
        if order["orderId"] in in_vtex:
            continue
        entry = s.latest.get(("order", order["orderId"]))
        if entry and entry.get("status") == "Error" and entry.get("message"):
            errors += 1
            continue
        broken.append(f"{order['orderId']}: not in VTEX, last log {entry.get('status') if entry else 'none'}")
    detail = f"{len(paid)} paid: {len(paid) - len(broken) - errors} in VTEX, {errors} Error with reason"
    if s.log_error:
        detail += f" (log read failed: {s.log_error})"
    return "every paid Carrefour order in VTEX or an Error with its reason", broken, detail


def work_queues_empty(s, load):
    broken = []
    for name in WORK_QUEUES:
        queue = s.queues.get(name)
        if queue is None:
            broken.append(f"{name}: missing")
        elif queue.get("messages", 0):
            broken.append(f"{name}: {queue['messages']} ({queue.get('messages_unacknowledged', 0)} unacknowledged)")
    return "no work queue left holding messages", broken, ", ".join(WORK_QUEUES)


def parked_with_business_reason(s, load):
    broken, reasons = [], Counter()
    for queue, messages in s.parked.items():
        for message in messages:
            reason = message.get("reason") or ""
            reasons[f"{queue}: {reason[:90]}"] += 1
            if not reason or NOT_BUSINESS.search(reason):
                broken.append(f"{queue} {message.get('messageId', '?')}: {reason[:160] or 'no reason (dead-lettered by the broker)'}")
    total = sum(len(m) for m in s.parked.values())
    return "nothing parked without a business reason", broken, f"{total} parked" + (
        "; " + "; ".join(f"{n}× {r}" for r, n in reasons.most_common(4)) if reasons else "")


CHECKS = [no_order_twice_in_vtex, no_order_shipped_or_tracked_twice, invoiced_are_shipped, offers_equal_vtex,
          new_products_catalogued_and_offered, paid_orders_in_vtex_or_error, work_queues_empty,
          parked_with_business_reason]


def evaluate(snapshot, load):
    return [check(snapshot, load) for check in CHECKS]


def table(results):
    width = max(len(name) for name, _, _ in results)
    lines = [f"{'invariant'.ljust(width)}  result  detail", f"{'-' * width}  ------  ------"]
    for name, broken, detail in results:
        verdict = "ok" if not broken else f"BROKEN ({len(broken)})"
        lines.append(f"{name.ljust(width)}  {verdict:6}  {detail}")
        for item in broken[:8]:
            lines.append(f"{''.ljust(width)}    - {item}")
        if len(broken) > 8:
            lines.append(f"{''.ljust(width)}    … and {len(broken) - 8} more")
    return "\n".join(lines)

