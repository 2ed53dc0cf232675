// flowgate-null-bridge: the yardstick for the gateway's throughput. It does nothing but re-publish every
// message from fleet/# to compliant/..., at the QoS it arrived with, through the same libmosquitto.
//
// Like the gateway, it takes each message off libmosquitto's network thread and publishes it from another
// thread (a queue in between): publishing from inside the message callback would measure a different path.
//
// Usage: flowgate-null-bridge HOST PORT QOS [EGRESS_QOS]
// EGRESS_QOS re-publishes at that QoS instead of the one each message arrived with (to compare with a gateway
// configured with egress.forward_qos, which fixes the QoS of its forwards).
#include <mosquitto.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t running = 1;
static int qos = 0;
static int egress_qos = -1;

static void stop(int signal_number) {
    (void)signal_number;
    running = 0;
}

static void on_connect(struct mosquitto *mosq, void *userdata, int code) {
    (void)userdata;
    if (code == 0) {
        mosquitto_subscribe(mosq, NULL, "fleet/#", qos);
    }
}

static void on_subscribe(struct mosquitto *mosq, void *userdata, int mid, int count, const int *granted) {
    (void)mosq; (void)userdata; (void)mid; (void)count; (void)granted;
    printf("ready\n");
    fflush(stdout);
}

// Received messages waiting for the publishing thread, oldest first.
struct queued {
    struct mosquitto_message *message;
    struct queued *next;
};
static struct queued *head = NULL, *tail = NULL;
static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queue_ready = PTHREAD_COND_INITIALIZER;

static void on_message(struct mosquitto *mosq, void *userdata, const struct mosquitto_message *message) {
    (void)mosq; (void)userdata;
    struct queued *item = malloc(sizeof *item);
    if (item == NULL || mosquitto_message_copy(item->message = calloc(1, sizeof *item->message), message) != 0) {
        abort();
    }
    item->next = NULL;
    pthread_mutex_lock(&queue_lock);
    if (tail) tail->next = item; else head = item;
    tail = item;
    pthread_cond_signal(&queue_ready);
    pthread_mutex_unlock(&queue_lock);
}

static void publish_queued(struct mosquitto *mosq) {
    while (running) {
        pthread_mutex_lock(&queue_lock);
        while (head == NULL && running) {
            struct timespec deadline;
            clock_gettime(CLOCK_REALTIME, &deadline);
            deadline.tv_nsec += 100000000;
            if (deadline.tv_nsec >= 1000000000) { deadline.tv_sec += 1; deadline.tv_nsec -= 1000000000; }
            pthread_cond_timedwait(&queue_ready, &queue_lock, &deadline);
        }
        struct queued *item = head;
        if (item) { head = item->next; if (head == NULL) tail = NULL; }
        pthread_mutex_unlock(&queue_lock);
        if (item == NULL) continue;
        struct mosquitto_message *message = item->message;
        char topic[512];
        const char *rest = strncmp(message->topic, "fleet/", 6) == 0 ? message->topic + 6 : message->topic;
        snprintf(topic, sizeof topic, "compliant/%s", rest);
        mosquitto_publish(
            mosq, NULL, topic, message->payloadlen, message->payload, egress_qos >= 0 ? egress_qos : message->qos, false);
        mosquitto_message_free(&message);
        free(item);
    }
}

int main(int argc, char **argv) {
    if (argc != 4 && argc != 5) {
        fprintf(stderr, "usage: %s HOST PORT QOS [EGRESS_QOS]\n", argv[0]);
        return 64;
    }
    qos = atoi(argv[3]);
    if (argc == 5) egress_qos = atoi(argv[4]);
    signal(SIGTERM, stop);
    signal(SIGINT, stop);
    mosquitto_lib_init();
    struct mosquitto *mosq = mosquitto_new("flowgate-null-bridge", true, NULL);
    if (mosq == NULL) {
        fprintf(stderr, "mosquitto_new failed\n");
        return 1;
    }
    // Small messages, sent as they come: no Nagle delay (the gateway's client does the same).
    mosquitto_int_option(mosq, MOSQ_OPT_TCP_NODELAY, 1);
    mosquitto_connect_callback_set(mosq, on_connect);
    mosquitto_subscribe_callback_set(mosq, on_subscribe);
    mosquitto_message_callback_set(mosq, on_message);
    int code = mosquitto_connect(mosq, argv[1], atoi(argv[2]), 30);
    if (code != MOSQ_ERR_SUCCESS) {
        fprintf(stderr, "connect failed: %s\n", mosquitto_strerror(code));
        return 1;
    }
    // libmosquitto's own network thread, as in the gateway: it wakes as soon as a publication is queued.
    mosquitto_reconnect_delay_set(mosq, 1, 5, false);
    code = mosquitto_loop_start(mosq);
    if (code != MOSQ_ERR_SUCCESS) {
        fprintf(stderr, "loop failed: %s\n", mosquitto_strerror(code));
        return 1;
    }
    publish_queued(mosq);
    mosquitto_disconnect(mosq);
    mosquitto_loop_stop(mosq, false);
    mosquitto_destroy(mosq);
    mosquitto_lib_cleanup();
    return 0;
}
