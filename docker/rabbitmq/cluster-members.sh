#!/bin/bash
# The cluster profile's one-shot `rabbitmq-members`: gives every quorum queue and stream a member on
# each node. Node 1 (`rabbitmq`) loads topology.json when it boots, alone, before rabbitmq-2 and -3
# join it, and a quorum queue's or stream's members are the nodes of the cluster *when it is
# declared* (RabbitMQ `quorum-queues.md`, "Replication Factor"; `streams.md`, "Replication"): without
# this step every queue would live on node 1 only and die with it. `rabbitmq-queues grow NODE all`
# adds NODE to every quorum queue that lacks it (`rabbitmq-queues.8`); streams take their replicas
# one by one (`rabbitmq-streams add_replica`). Both are idempotent: run again after replacing a node.
# Usage (compose passes them): cluster-members.sh COOKIE SEED_NODE NODE...
set -euo pipefail
cookie=$1 seed=$2; shift 2
cli() { "$@" --erlang-cookie "$cookie" -n "$seed"; }
cli rabbitmqctl await_online_nodes $(($# + 1)) --timeout 120
for node in "$@"; do
  cli rabbitmq-queues grow "$node" all
done
for vhost in $(cli rabbitmqctl list_vhosts --silent); do
  cli rabbitmqctl list_queues -p "$vhost" --silent name type | while read -r name type; do
    [ "$type" = stream ] || continue
    for node in "$@"; do
      out=$(cli rabbitmq-streams add_replica -p "$vhost" "$name" "$node" 2>&1) \
        || grep -qi "already" <<< "$out" || { echo "$out" >&2; exit 1; }
    done
  done
done
echo "every quorum queue and stream has a member on $seed $*"
