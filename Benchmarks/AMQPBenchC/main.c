/* The reference loop for the AMQP benchmark, written directly against librabbitmq:
 * publish N persistent messages with publisher confirms (waiting after every BATCH messages,
 * reading Basic.Ack frames as rabbitmq-c's publisher_confirms example does), then consume them
 * with manual acks (prefetch PREFETCH, ack `multiple` every PREFETCH/2).
 * Usage: amqp-bench-c HOST PORT QUEUE COUNT SIZE BATCH PREFETCH
 * Prints: `c publish <rate>` and `c consume <rate>` (messages per second). */
#include <amqp.h>
#include <amqp_tcp_socket.h>
#include <amqp_framing.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die_on(amqp_rpc_reply_t r, const char *what) {
  if (r.reply_type != AMQP_RESPONSE_NORMAL) { fprintf(stderr, "%s failed\n", what); exit(1); }
}

int main(int argc, char **argv) {
  if (argc != 8) { fprintf(stderr, "usage: %s HOST PORT QUEUE COUNT SIZE BATCH PREFETCH\n", argv[0]); return 2; }
  const char *host = argv[1], *queue = argv[3];
  int port = atoi(argv[2]), count = atoi(argv[4]), size = atoi(argv[5]), batch = atoi(argv[6]), prefetch = atoi(argv[7]);

  amqp_connection_state_t conn = amqp_new_connection();
  amqp_socket_t *socket = amqp_tcp_socket_new(conn);
  if (amqp_socket_open(socket, host, port)) { fprintf(stderr, "cannot connect\n"); return 1; }
  die_on(amqp_login(conn, "/", 0, 131072, 30, AMQP_SASL_METHOD_PLAIN, "guest", "guest"), "login");
  amqp_channel_open(conn, 1);
  die_on(amqp_get_rpc_reply(conn), "channel.open");
  amqp_confirm_select(conn, 1);
  die_on(amqp_get_rpc_reply(conn), "confirm.select");

  char *payload = malloc(size);
  memset(payload, 'x', size);
  amqp_bytes_t body = {.len = size, .bytes = payload};
  amqp_basic_properties_t props;
  props._flags = AMQP_BASIC_DELIVERY_MODE_FLAG | AMQP_BASIC_CONTENT_TYPE_FLAG;
  props.delivery_mode = 2;
  props.content_type = amqp_cstring_bytes("application/octet-stream");

  double start = now();
  uint64_t tag = 0;
  for (int sent = 0; sent < count;) {
    int n = count - sent < batch ? count - sent : batch;
    for (int i = 0; i < n; i++) {
      if (amqp_basic_publish(conn, 1, amqp_empty_bytes, amqp_cstring_bytes(queue), 1, 0, &props, body) != AMQP_STATUS_OK) {
        fprintf(stderr, "publish failed\n"); return 1;
      }
    }
    uint64_t target = tag + n;
    uint64_t confirmed = tag;
    while (confirmed < target) {
      amqp_frame_t frame;
      if (amqp_simple_wait_frame(conn, &frame) != AMQP_STATUS_OK) { fprintf(stderr, "wait failed\n"); return 1; }
      if (frame.frame_type != AMQP_FRAME_METHOD) continue;
      if (frame.payload.method.id == AMQP_BASIC_ACK_METHOD) {
        amqp_basic_ack_t *ack = frame.payload.method.decoded;
        if (ack->multiple) confirmed = ack->delivery_tag; else confirmed++;
      } else if (frame.payload.method.id == AMQP_BASIC_NACK_METHOD) {
        fprintf(stderr, "nacked\n"); return 1;
      }
    }
    tag = target;
    sent += n;
  }
  double published = now();
  printf("c publish %.0f\n", count / (published - start));
  fflush(stdout);

  amqp_basic_qos(conn, 1, 0, prefetch, 0);
  die_on(amqp_get_rpc_reply(conn), "basic.qos");
  amqp_basic_consume(conn, 1, amqp_cstring_bytes(queue), amqp_empty_bytes, 0, 0, 0, amqp_empty_table);
  die_on(amqp_get_rpc_reply(conn), "basic.consume");
  start = now();
  int received = 0, unacked = 0;
  while (received < count) {
    amqp_envelope_t envelope;
    amqp_maybe_release_buffers(conn);
    amqp_rpc_reply_t r = amqp_consume_message(conn, &envelope, NULL, 0);
    if (r.reply_type != AMQP_RESPONSE_NORMAL) {
      if (r.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION && r.library_error == AMQP_STATUS_UNEXPECTED_STATE) {
        amqp_frame_t frame;
        amqp_simple_wait_frame(conn, &frame);  /* a late confirm: ignore */
        continue;
      }
      fprintf(stderr, "consume failed\n"); return 1;
    }
    received++;
    if (++unacked >= prefetch / 2 || received == count) {
      amqp_basic_ack(conn, 1, envelope.delivery_tag, 1);
      unacked = 0;
    }
    amqp_destroy_envelope(&envelope);
  }
  printf("c consume %.0f\n", count / (now() - start));
  amqp_channel_close(conn, 1, AMQP_REPLY_SUCCESS);
  amqp_connection_close(conn, AMQP_REPLY_SUCCESS);
  amqp_destroy_connection(conn);
  free(payload);
  return 0;
}
