/* C bridge to librabbitmq (rabbitmq-c 0.11, Debian's librabbitmq-dev).
 *
 * Swift cannot call C variadic functions ("Variadic function is unavailable"), so
 * amqp_login gets a fixed-arity wrapper here. Nothing above the AMQPLayer adapter
 * files sees a type from this module. See ../shared/reference/machine-notes.md. */
#ifndef CRABBITMQ_SHIM_H
#define CRABBITMQ_SHIM_H

#include <amqp.h>
#include <amqp_tcp_socket.h>
#include <amqp_ssl_socket.h>
#include <amqp_framing.h>
#include <sys/time.h>

/** amqp_login with SASL PLAIN and client properties (connection name shows in the management UI). */
static inline amqp_rpc_reply_t crabbitmq_login_plain(amqp_connection_state_t state,
                                                     const char *vhost,
                                                     int channel_max,
                                                     int frame_max,
                                                     int heartbeat,
                                                     const amqp_table_t *properties,
                                                     const char *user,
                                                     const char *password) {
    return amqp_login_with_properties(state, vhost, channel_max, frame_max, heartbeat,
                                      properties, AMQP_SASL_METHOD_PLAIN, user, password);
}

#endif
