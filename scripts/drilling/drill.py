"""scripts/drill's body: the whole fleet against the sandbox under kills, a broker (or node) outage,
faults and load; then a settle and the invariants. Arguments: BIN_DIR BROKER_DIR SECONDS CLUSTER(0|1).
Every loop is bounded in count and time; every address is loopback."""
import json
import os
import random
import sys
import threading
import time
from collections import Counter

sys.dont_write_bytecode = True  # nothing written under scripts/
sys.path.insert(0, os.path.dirname(__file__))
from fleet import WORKERS, Broker, Fleet, call, free_port  # noqa: E402
from invariants import Snapshot, evaluate, table  # noqa: E402
from load import Load  # noqa: E402

bin_dir, broker_dir, seconds, cluster = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4] == "1"
scale = float(os.environ.get("DRILL_SCALE", "300"))
kill_every = float(os.environ.get("DRILL_KILL_EVERY", "4"))
fault_rate = float(os.environ.get("DRILL_FAULT_RATE", "0.10"))
settle_limit = float(os.environ.get("DRILL_SETTLE", "180"))
# How the broker (or node) goes away: `stop` (rabbitmqctl stop, graceful) or `kill` (SIGKILL, a crash).
outage_kind = os.environ.get("DRILL_OUTAGE", "stop")
# The settle also ends once the verdicts have not changed for this long (nothing left moving).
settle_stable = float(os.environ.get("DRILL_SETTLE_STABLE", "45"))
max_orders = int(os.environ.get("DRILL_MAX_ORDERS", str(max(10, int(seconds)))))  # about one a second
rng = random.Random(int(os.environ.get("DRILL_SEED", "7")))
run_dir = os.path.join(os.getcwd(), ".run", "drill")
logs = os.path.join(run_dir, "logs")
os.makedirs(logs, exist_ok=True)


def say(text):
    print(f"[drill {time.strftime('%H:%M:%S')}] {text}", flush=True)


def scaled(minutes):
    """A seed interval in minutes on the sandbox's clock, as a setting."""
    return f"{minutes * 60 / scale:.3f}s"


broker = Broker(broker_dir, cluster)
ingress_port = free_port()
ingress_url = f"http://127.0.0.1:{ingress_port}"
shop_key, app_key, app_token = "drill-shop-key", "drill-app-key", "drill-app-token"
settings_file = os.path.join(run_dir, "fleet.env")
fleet = Fleet(bin_dir, logs, settings_file, scale)
mirakl, vtex = fleet.start_sandbox(shop_key, app_key, app_token, ingress_url)
settings = {
    "CARREFOUR_AMQP_URL": broker.amqp_url, "CARREFOUR_MANAGEMENT_URL": broker.management_url,
    "CARREFOUR_TOPOLOGY": os.path.join(os.getcwd(), "topology.json"), "CARREFOUR_LOG_LEVEL": "warning",
    "CARREFOUR_TIME_SCALE": f"{scale:g}", "CARREFOUR_MIRAKL_URL": mirakl, "CARREFOUR_MIRAKL_API_KEY": shop_key,
    "CARREFOUR_VTEX_URL": vtex, "CARREFOUR_VTEX_APP_KEY": app_key, "CARREFOUR_VTEX_APP_TOKEN": app_token,
    "CARREFOUR_SLA_NORMAL": "Normal", "CARREFOUR_SLA_EXPRESS": "Expressa", "CARREFOUR_SLA_ECONOMICAL": "Economica",
    "CARREFOUR_PRICE_DIVERGENCE_RATE": "1", "CARREFOUR_INGRESS_PORT": str(ingress_port),
    "CARREFOUR_INGRESS_PUBLIC_URL": ingress_url,
    "CARREFOUR_OFFER_WINDOW": scaled(6), "CARREFOUR_CATALOG_CHECK_INTERVAL": scaled(10),
    "CARREFOUR_IMPORT_REPORT_DELAY": scaled(3), "CARREFOUR_PRODUCT_IMPORT_INTERVAL": scaled(60),
    "CARREFOUR_IMPORT_POLL_INTERVAL": scaled(1.2), "CARREFOUR_IMPORT_HISTORY_REFRESH": scaled(5),
    "CARREFOUR_ORDER_POLL_INTERVAL": scaled(5), "CARREFOUR_INVOICE_POLL_INTERVAL": scaled(5),
    "CARREFOUR_REPROCESS_WINDOW": scaled(15), "CARREFOUR_RETRY_DELAYS": "1s,2s,5s",
    "CARREFOUR_RECONNECT_MAX_DELAY": "5s",
    # The periodic full resync (24 h by default) once a sandbox hour: a product whose only
    # notification came while the ingress was down is sent within the settle.
    "CARREFOUR_CATALOG_RESYNC_INTERVAL": scaled(60),
}
# CARREFOUR_* variables in the caller's environment override the drill's settings.
settings.update({k: v for k, v in os.environ.items() if k.startswith("CARREFOUR_") and k in settings})
with open(settings_file, "w") as out:
    out.writelines(f"{k}={v}\n" for k, v in settings.items())

load = Load(mirakl, vtex)
in_vtex_times = []       # (monotonic time, VTEX order count) whenever the count grows
first_in_vtex = {}       # Carrefour order id → monotonic time it was first seen in VTEX
outages = []             # {"what", "stop_began", "down_at", "back_at"}, then the figures drawn from them
stop_watch = threading.Event()


def watch_vtex():
    """Notes when orders reach VTEX (polls the admin count 5× a second, and which orders once a
    second; bounded by stop_watch)."""
    last, polls = 0, 0
    while not stop_watch.is_set():
        try:
            total = call("GET", vtex + "/_admin/order-counts", timeout=5)["total"]
            now = time.monotonic()
            if total > last:
                in_vtex_times.append((now, total))
                last = total
            if polls % 5 == 0:
                for order in call("GET", vtex + "/_admin/orders", timeout=10):
                    first_in_vtex.setdefault(order.get("marketplaceOrderId"), now)
        except OSError:
            pass
        polls += 1
        stop_watch.wait(0.2)


def outage():
    """The single broker stopped and started again, or the cluster node leading orders.work."""
    if cluster:
        node_dir, name = broker.node_to_stop()
        what = f"cluster node {name} (leader of orders.work) {'killed' if outage_kind == 'kill' else 'stopped'} and started"
    else:
        node_dir, what = broker.node_dirs[0], f"broker {'killed' if outage_kind == 'kill' else 'stopped'} and started"
    record = {"what": what, "stop_began": time.monotonic()}
    outages.append(record)
    say(f"outage: {what}")
    if outage_kind == "kill":
        broker.kill(node_dir)
    else:
        broker.stop(node_dir)
    record["down_at"] = time.monotonic()
    broker.start(node_dir)
    record["back_at"] = time.monotonic()
    say(f"outage: gone after {record['down_at'] - record['stop_began']:.1f} s, down {record['back_at'] - record['down_at']:.1f} s")


failed = True
try:
    fleet.start_all()
    time.sleep(2)
    sync = fleet.ctl("catalog", "sync")
    say(f"fleet up ({', '.join(WORKERS)}); catalog sync: {'ok' if sync.returncode == 0 else sync.stderr.strip()}")
    share = round(fault_rate / 3, 4)
    plan = {"serverErrorRate": share, "tooManyRequestsRate": share, "lostResponseRate": share, "retryAfterSeconds": 1}
    for side in (mirakl, vtex):
        call("PUT", side + "/_admin/faults", plan)
    say(f"faults on both APIs: {fault_rate:.0%} of calls ({share:.1%} each: 500, 429 with Retry-After 1 s, lost response)")
    watcher = threading.Thread(target=watch_vtex, daemon=True)
    watcher.start()
    loader = threading.Thread(target=load.run, args=(seconds, max_orders), daemon=True)
    loader.start()
    started = time.monotonic()
    deadline = started + seconds
    next_kill = started + kill_every
    outage_at = started + seconds / 2
    outage_thread = None
    revived = 0
    max_kills = int(seconds / kill_every) + 1
    while time.monotonic() < deadline:
        now = time.monotonic()
        if now >= next_kill and sum(fleet.kills.values()) < max_kills:
            fleet.kill(rng.choice(WORKERS))
            next_kill += kill_every
        if outage_thread is None and now >= outage_at:
            outage_thread = threading.Thread(target=outage, daemon=True)
            outage_thread.start()
        revived += len(fleet.revive_exited())
        time.sleep(0.2)
    load.stop_event.set()
    loader.join(timeout=30)
    if outage_thread:
        outage_thread.join(timeout=300)
    for side in (mirakl, vtex):
        call("PUT", side + "/_admin/faults", {})
    say(f"storm over: {sum(fleet.kills.values())} kills, settling (faults off, no kills; at most {settle_limit:.0f} s)")

    settle_started = time.monotonic()
    results, snapshot, verdicts, stable_since = None, None, None, time.monotonic()
    while time.monotonic() - settle_started < settle_limit:
        revived += len(fleet.revive_exited())
        try:
            load.invoice_ready()
            snapshot = Snapshot(mirakl, vtex, broker, fleet)
            results = evaluate(snapshot, load)
        except OSError as error:
            say(f"reading state failed ({error}); again")
        if results and all(not broken for _, broken, _ in results):
            break
        if results and json.dumps(results) != verdicts:
            verdicts, stable_since = json.dumps(results), time.monotonic()
        elif time.monotonic() - stable_since >= settle_stable:
            say(f"nothing changed for {settle_stable:.0f} s: settled")
            break
        time.sleep(5)
    settled = time.monotonic() - settle_started
    stop_watch.set()

    for record in outages:
        # From the moment the node (or broker) is down: its stop has returned.
        down = record.get("down_at", record["stop_began"])
        after = [t for t, _ in in_vtex_times if t > down]
        record["next_order_after_down_s"] = round(after[0] - down, 1) if after else None
        # The first order created after the broker or node was down: its way into VTEX needed the
        # broker from start to end (the next order above may have been past the broker already).
        later = sorted((t, o) for o, t in load.created_at.items() if t > down and o in first_in_vtex)
        if later:
            created, order_id = later[0]
            record["first_order_created_after_down"] = {
                "created_after_down_s": round(created - down, 1),
                "in_vtex_after_down_s": round(first_in_vtex[order_id] - down, 1)}
        latencies = sorted(first_in_vtex[o] - t for o, t in load.created_at.items() if o in first_in_vtex)
        if latencies:
            record["order_created_to_vtex_median_s"] = round(latencies[len(latencies) // 2], 1)
        record["stop_s"] = round(down - record["stop_began"], 1)
        record["down_s"] = round(record["back_at"] - down, 1) if "back_at" in record else None
    mirakl_faults = call("GET", mirakl + "/_admin/calls").get("faultsInjected", {})
    vtex_faults = call("GET", vtex + "/_admin/faults/injected")
    state = call("GET", mirakl + "/_admin/state")
    vtex_orders = call("GET", vtex + "/_admin/orders")
    figures = {
        "mode": "cluster (3 nodes)" if cluster else "single broker",
        "storm_seconds": seconds, "settle_seconds": round(settled, 1), "time_scale": scale,
        "kills": dict(fleet.kills), "kills_total": sum(fleet.kills.values()), "self_exits_restarted": revived,
        "faults_injected": {"mirakl": mirakl_faults, "vtex": vtex_faults},
        "orders_created": len(load.orders), "orders_in_vtex": len(vtex_orders), "orders_invoiced": len(load.invoiced),
        "orders_shipped": sum(1 for o in state["orders"] if o["state"] in ("SHIPPED", "RECEIVED", "CLOSED")),
        "stock_price_edits": load.edits, "products_created": len(load.valid_products) + len(load.invalid_products),
        "outages": [{k: v for k, v in r.items() if k not in ("stop_began", "down_at", "back_at")} for r in outages],
        "vtex_webhooks_undelivered": dict(Counter(
            w.get("kind") for w in call("GET", vtex + "/_admin/webhooks") if not w.get("delivered"))),
        "load_errors": load.errors[:5],
    }
    # What the verdicts were read from, for a post-mortem of any break.
    if snapshot:
        for name, value in (("mirakl-state", snapshot.mirakl_state), ("vtex-orders", snapshot.vtex_orders),
                            ("integration-log", snapshot.log), ("parked", snapshot.parked),
                            ("vtex-webhooks", call("GET", vtex + "/_admin/webhooks"))):
            with open(os.path.join(run_dir, f"{name}.json"), "w") as out:
                json.dump(value, out, indent=1, sort_keys=True)
    print()
    print(table(results or [("state could not be read", ["no snapshot"], "")]))
    print()
    print("figures: " + json.dumps(figures, sort_keys=True))
    with open(os.path.join(run_dir, "figures.json"), "w") as out:
        json.dump({"figures": figures, "invariants": [{"name": n, "broken": b, "detail": d} for n, b, d in results or []]},
                  out, indent=2, sort_keys=True)
    failed = not results or any(broken for _, broken, _ in results)
    say("all invariants hold" if not failed else "INVARIANTS BROKEN (logs in .run/drill/logs)")
finally:
    stop_watch.set()
    load.stop_event.set()
    fleet.stop()
sys.exit(1 if failed else 0)
