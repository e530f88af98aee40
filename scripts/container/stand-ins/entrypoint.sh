#!/bin/sh
# Starts the stand-in broker as user rabbitmq, as the official image's entrypoint does.
set -e
if [ "$(id -u)" = 0 ]; then
  chown -R rabbitmq:rabbitmq /var/lib/rabbitmq
  exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups "$@"
fi
exec "$@"
