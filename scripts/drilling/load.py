"""The drill's load, through the sandboxes' admin routes (never faulted): Carrefour orders on
SKUs VTEX sells, invoices in VTEX for the orders that reached it, stock and price edits, and new
products (most valid, some without an EAN, which Carrefour requires: those must not be offered)."""
import random
import threading
import time

from fleet import call


class Load:
    def __init__(self, mirakl, vtex, seed=13):
        self.mirakl, self.vtex = mirakl, vtex
        self.random = random.Random(seed)
        self.orders = []            # Carrefour order ids created
        self.created_at = {}        # Carrefour order id → monotonic time of its creation
        self.invoiced = set()       # VTEX order ids invoiced
        self.valid_products = []    # SKU ids created with every field Carrefour needs
        self.invalid_products = []  # SKU ids created without an EAN
        self.edits = 0
        self.errors = []
        self.stop_event = threading.Event()
        self.next_sku = 9001

    def catalog(self):
        return call("GET", self.vtex + "/_admin/catalog")["skus"]

    def sellable(self):
        """SKUs VTEX sells on the affiliate's trade policy with stock, and their unit price."""
        out = []
        for entry in self.catalog():
            inventory = entry.get("inventory") or {}
            available = inventory.get("totalQuantity", 0) - inventory.get("reservedQuantity", 0)
            if entry.get("sellableOnAffiliatePolicy") and entry.get("simulatedPrice") and available > 2:
                out.append((str(entry["sku"]["id"]), entry["simulatedPrice"]))
        return out

    def order(self):
        choices = self.sellable()
        if not choices:
            return
        sku, cents = self.random.choice(choices)
        body = {"lines": [{"sku": sku, "quantity": 1, "price": cents / 100, "shippingPrice": 9.90}]}
        order_id = call("POST", self.mirakl + "/_admin/orders", body)["orderId"]
        self.orders.append(order_id)
        self.created_at[order_id] = time.monotonic()

    def invoice_ready(self):
        for order in call("GET", self.vtex + "/_admin/orders"):
            order_id = order.get("orderId")
            if order.get("status") == "ready-for-handling" and order_id not in self.invoiced:
                number = str(len(self.invoiced) + 1)
                call("POST", f"{self.vtex}/_admin/orders/{order_id}/invoice", {
                    "invoiceNumber": number, "invoiceKey": f"key-{number}", "issuanceDate": "2026-11-23",
                    "trackingNumber": f"T{number}", "trackingUrl": f"https://tracking.example/T{number}",
                    "courier": "Correios"})
                self.invoiced.add(order_id)

    def edit(self):
        entries = [e for e in self.catalog() if e["sku"]["id"] < 9000]
        if not entries:
            return
        sku = self.random.choice(entries)["sku"]["id"]
        if self.random.random() < 0.5:
            call("PUT", f"{self.vtex}/_admin/skus/{sku}/stock", {"quantity": self.random.randint(5, 60)})
        else:
            call("PUT", f"{self.vtex}/_admin/skus/{sku}/price", {"basePrice": self.random.randint(1990, 19990)})
        self.edits += 1

    def new_product(self):
        sku = self.next_sku
        self.next_sku += 1
        valid = self.random.random() < 0.8
        body = {"id": sku, "productId": sku, "name": f"Produto do exercício {sku}", "price": self.random.randint(1990, 9990),
                "stock": self.random.randint(10, 50), "brandName": "Marca", "withDimensions": True, "withImages": True}
        if valid:
            body["ean"] = ean13(sku)
        call("POST", self.vtex + "/_admin/skus", body)
        (self.valid_products if valid else self.invalid_products).append(str(sku))

    def run(self, seconds, max_orders):
        """Bounded: at most `max_orders` orders and `seconds` of load; each step at most once a second."""
        deadline = time.monotonic() + seconds
        tick = 0
        while not self.stop_event.is_set() and time.monotonic() < deadline:
            steps = [self.invoice_ready, self.edit]
            if len(self.orders) < max_orders:
                steps.append(self.order)
            if tick % 8 == 3:
                steps.append(self.new_product)
            for step in steps:
                try:
                    step()
                except Exception as error:  # the sandbox admin API never faults; note and go on
                    self.errors.append(f"{step.__name__}: {error}")
            tick += 1
            self.stop_event.wait(1.0)


def ean13(n):
    digits = f"789{n:09d}"[:12]
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits))
    return digits + str((10 - total % 10) % 10)
