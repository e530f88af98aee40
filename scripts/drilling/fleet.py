"""The drill's processes: the sandbox, the ingress and the five workers, the broker (one node or a
cluster), all on loopback. Workers are started as a supervisor would (compose's
`restart: unless-stopped`): a killed one is started again at once, with the same settings."""
import json
import os
import signal
import subprocess
import time
import urllib.parse
import urllib.request

WORKERS = ["ingress", "catalog", "offer-batcher", "order-importer", "invoice-tracker", "reprocessor"]


def call(method, url, body=None, timeout=30):
    """A JSON call to a sandbox admin route or the management API (loopback only)."""
    data = json.dumps(body).encode() if body is not None else None
    parsed = urllib.parse.urlsplit(url)
    assert parsed.hostname in ("127.0.0.1", "localhost"), f"the drill talks to loopback only, not {url}"
    headers = {"Content-Type": "application/json"}
    if parsed.username:
        import base64
        token = base64.b64encode(f"{urllib.parse.unquote(parsed.username)}:{urllib.parse.unquote(parsed.password or '')}".encode())
        headers["Authorization"] = "Basic " + token.decode()
        url = urllib.parse.urlunsplit((parsed.scheme, f"{parsed.hostname}:{parsed.port}", parsed.path, parsed.query, ""))
    request = urllib.request.Request(url, data=data, method=method, headers=headers)
    with urllib.request.urlopen(request, timeout=timeout) as response:
        text = response.read()
        return json.loads(text) if text else {}


def free_port():
    """A free loopback port below the kernel's ephemeral range (scripts/free-port says why)."""
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "free-port")
    return int(subprocess.run([script], check=True, capture_output=True, text=True).stdout)


class Broker:
    """One private broker (scripts/broker) or a cluster (scripts/broker cluster) in `directory`."""

    def __init__(self, directory, cluster):
        self.directory, self.cluster = directory, cluster
        env = self.read_env(directory)
        self.amqp_url = env["AMQP_URL"]
        self.management_url = env["RABBITMQ_MANAGEMENT_URL"]
        self.node_dirs = env.get("NODE_DIRS", directory).split()

    @staticmethod
    def read_env(directory):
        values = {}
        for line in open(os.path.join(directory, "env")):
            if line.startswith("export ") and "=" in line:
                name, value = line[len("export "):].strip().split("=", 1)
                values[name] = value.strip("'")
        return values

    def script(self, *args):
        subprocess.run(["scripts/broker", *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)

    def management_urls(self):
        return [self.read_env(d)["RABBITMQ_MANAGEMENT_URL"] for d in self.node_dirs]

    def manage(self, path):
        """A management API read from the first node that answers (one may be down)."""
        last = None
        for url in self.management_urls():
            try:
                return call("GET", url + path, timeout=10)
            except OSError as error:
                last = error
        raise last

    def node_to_stop(self):
        """The cluster node that leads orders.work (where the management API tells), else node 1."""
        try:
            leader = self.manage("/api/queues/%2F/orders.work").get("leader", "")
        except OSError:
            leader = ""
        for node_dir in self.node_dirs:
            if self.read_env(node_dir)["RABBITMQ_NODENAME"] == leader:
                return node_dir, leader
        return self.node_dirs[0], "unknown leader"

    def stop(self, node_dir):
        self.script("stop", node_dir)

    def kill(self, node_dir):
        self.script("kill", node_dir)

    def start(self, node_dir):
        self.script("start", node_dir)


class Fleet:
    """The sandbox and the workers; `kill` SIGKILLs one worker and starts it again at once."""

    def __init__(self, bin_dir, logs, settings_file, scale):
        self.bin_dir, self.logs, self.settings_file, self.scale = bin_dir, logs, settings_file, scale
        self.procs = {}
        self.sandbox = None
        self.kills = {name: 0 for name in WORKERS}

    def start_sandbox(self, shop_key, app_key, app_token, ingress_url):
        args = [f"{self.bin_dir}/sandbox", "--time-scale", str(self.scale), "--shop-key", shop_key,
                "--vtex-app-key", app_key, "--vtex-app-token", app_token,
                "--vtex-notification-url", f"{ingress_url}/api/notification",
                "--cataloguing-delay", "600", "--staging-delay", "0", "--payment-delay", "120",
                "--log-level", "warning"]
        self.sandbox = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=open(f"{self.logs}/sandbox.log", "a"))
        urls = json.loads(self.sandbox.stdout.readline())
        return urls["mirakl"], urls["vtex"]

    def start(self, name):
        env = {**os.environ, "CARREFOUR_SETTINGS_FILE": self.settings_file}
        log = open(f"{self.logs}/{name}.log", "a")
        self.procs[name] = subprocess.Popen([f"{self.bin_dir}/{name}"], stdout=log, stderr=log, env=env)

    def start_all(self):
        for name in WORKERS:
            self.start(name)

    def kill(self, name):
        proc = self.procs[name]
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        self.kills[name] += 1
        self.start(name)

    def revive_exited(self):
        """Starts again any worker that exited by itself (a supervisor's restart); returns their names."""
        revived = [name for name, proc in self.procs.items() if proc.poll() is not None]
        for name in revived:
            self.start(name)
        return revived

    def ctl(self, *args, timeout=120):
        env = {**os.environ, "CARREFOUR_SETTINGS_FILE": self.settings_file}
        return subprocess.run([f"{self.bin_dir}/carrefourctl", *args], capture_output=True, text=True, env=env, timeout=timeout)

    def stop(self):
        everything = list(self.procs.values()) + ([self.sandbox] if self.sandbox else [])
        for proc in everything:
            if proc.poll() is None:
                proc.terminate()
        deadline = time.monotonic() + 15
        for proc in everything:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
