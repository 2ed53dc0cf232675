// libmosquitto, the Eclipse Mosquitto client library (Debian: libmosquitto-dev). Only the MQTT module
// imports this target.
#ifndef FLOWGATE_CMOSQUITTO_SHIM_H
#define FLOWGATE_CMOSQUITTO_SHIM_H
#include <mosquitto.h>
#endif
