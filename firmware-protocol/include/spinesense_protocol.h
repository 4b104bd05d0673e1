/*
 * SpineSense sensor wire protocol v1 - C99 reference codec (see ../PROTOCOL.md).
 *
 * Dependency-free: only <stdint.h> and <stddef.h>; no allocation, no floating point, no libc calls.
 * Every decoder checks lengths before reading, never reads past `len`, and reports malformed input
 * through ss_error_t (names identical to C#'s SpineSense.Protocol.DecodeError and the test vectors).
 * All functions are reentrant.
 */
#ifndef SPINESENSE_PROTOCOL_H
#define SPINESENSE_PROTOCOL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- GATT (PROTOCOL.md 2) ------------------------------------------------------------------ */
#define SS_UUID_SERVICE_STR       "53504e01-5370-696e-6553-656e73650000"
#define SS_UUID_IMU_DATA_STR      "53504e02-5370-696e-6553-656e73650000"
#define SS_UUID_CONTROL_POINT_STR "53504e03-5370-696e-6553-656e73650000"
#define SS_UUID_STATUS_STR        "53504e04-5370-696e-6553-656e73650000"
/* The same UUIDs in ATT byte order (128-bit little-endian: the textual bytes reversed). */
#define SS_UUID_ATT_BYTES(n) { 0x00, 0x00, 0x65, 0x73, 0x6e, 0x65, 0x53, 0x65, \
                               0x6e, 0x69, 0x70, 0x53, (n), 0x4e, 0x50, 0x53 }
#define SS_UUID_SERVICE_ATT       SS_UUID_ATT_BYTES(0x01)
#define SS_UUID_IMU_DATA_ATT      SS_UUID_ATT_BYTES(0x02)
#define SS_UUID_CONTROL_POINT_ATT SS_UUID_ATT_BYTES(0x03)
#define SS_UUID_STATUS_ATT        SS_UUID_ATT_BYTES(0x04)
#define SS_UUID16_DEVICE_INFORMATION 0x180Au
#define SS_UUID16_BATTERY_SERVICE    0x180Fu
#define SS_UUID16_BATTERY_LEVEL      0x2A19u
#define SS_UUID16_CCCD               0x2902u
#define SS_UUID16_MANUFACTURER_NAME  0x2A29u
#define SS_UUID16_MODEL_NUMBER       0x2A24u
#define SS_UUID16_SERIAL_NUMBER      0x2A25u
#define SS_UUID16_HARDWARE_REVISION  0x2A27u
#define SS_UUID16_FIRMWARE_REVISION  0x2A26u
#define SS_CCCD_NOTIFY   0x0001u
#define SS_CCCD_INDICATE 0x0002u

/* ---- errors ---------------------------------------------------------------------------------- */
typedef enum {
    SS_OK = 0,
    SS_ERR_TRUNCATED = 1,
    SS_ERR_UNKNOWN_VERSION = 2,
    SS_ERR_LENGTH_MISMATCH = 3,
    SS_ERR_BAD_SAMPLE_COUNT = 4,
    SS_ERR_BAD_RATE_CODE = 5,
    SS_ERR_BAD_RANGE_CODE = 6,
    SS_ERR_UNKNOWN_OPCODE = 7,
    SS_ERR_BAD_PARAMETER = 8,
    SS_ERR_BAD_RESULT_CODE = 9,
    /* encoder-only: */
    SS_ERR_BUFFER_TOO_SMALL = 100,
    SS_ERR_INVALID_VALUE = 101
} ss_error_t;

/* "None", "Truncated", ... as in the vectors; "?" for an unknown value. */
const char *ss_error_name(ss_error_t error);

/* ---- data packets (PROTOCOL.md 3) ------------------------------------------------------------- */
#define SS_PROTOCOL_VERSION      1u
#define SS_STANDARD_HEADER_SIZE  16u
#define SS_COMPACT_HEADER_SIZE   8u
#define SS_SAMPLE_SIZE           12u
#define SS_COMPACT_PACKET_SIZE   20u
#define SS_MAX_SAMPLES           19u
#define SS_MAX_PACKET_SIZE       244u   /* 16 + 19 * 12: one notification at ATT MTU 247 */

/* byte offsets */
#define SS_OFF_HEADER    0u
#define SS_OFF_CONFIG    1u
#define SS_OFF_SEQUENCE  2u
#define SS_OFF_T0_US     4u
#define SS_OFF_PERIOD_NS 8u
#define SS_OFF_COUNT     12u
#define SS_OFF_RESERVED  13u

/* header flags (bits 3..0 of byte 0) */
#define SS_FLAG_BACKFILL 0x01u
#define SS_FLAG_OVERRUN  0x02u
#define SS_FLAG_RESERVED 0x04u
#define SS_FLAG_COMPACT  0x08u

/* ODR codes (config bits 3..0) */
#define SS_ODR_52HZ  1u
#define SS_ODR_100HZ 2u
#define SS_ODR_104HZ 3u
#define SS_ODR_200HZ 4u
#define SS_ODR_208HZ 5u
#define SS_ODR_400HZ 6u
#define SS_ODR_416HZ 7u
#define SS_ODR_833HZ 8u
/* full-scale codes: accel 0..3 = +-2/4/8/16 g, gyro 0..3 = +-250/500/1000/2000 dps */
#define SS_ACCEL_2G  0u
#define SS_ACCEL_4G  1u
#define SS_ACCEL_8G  2u
#define SS_ACCEL_16G 3u
#define SS_GYRO_250DPS  0u
#define SS_GYRO_500DPS  1u
#define SS_GYRO_1000DPS 2u
#define SS_GYRO_2000DPS 3u

/* One sample in the sensor frame of PROTOCOL.md 1 (+x right, +y up the spine, +z out of the back). */
typedef struct {
    int16_t acc_x, acc_y, acc_z; /* raw; g = raw * accel_fs_g / 32768 */
    int16_t gyr_x, gyr_y, gyr_z; /* raw; dps = raw * gyro_fs_dps / 32768 */
} ss_sample_t;

typedef struct {
    uint8_t version;      /* 1 */
    uint8_t flags;        /* SS_FLAG_* (the compact format is SS_FLAG_COMPACT) */
    uint16_t sequence;    /* +1 per packet, wraps 65535 -> 0 */
    uint32_t t0_us;       /* sensor clock at sample 0, wraps every 2^32 us */
    uint32_t period_ns;   /* measured sample period, 0 = nominal; always 0 in the compact format */
    uint8_t count;        /* 1..19 (1 in the compact format) */
    uint8_t odr;          /* SS_ODR_* */
    uint8_t accel_fs;     /* SS_ACCEL_* */
    uint8_t gyro_fs;      /* SS_GYRO_* */
    ss_sample_t samples[SS_MAX_SAMPLES];
} ss_packet_t;

ss_error_t ss_packet_decode(const uint8_t *buf, size_t len, ss_packet_t *out);
/* Writes the standard format, or the compact one when flags has SS_FLAG_COMPACT (count must be 1,
 * period_ns 0). *written = bytes written. SS_ERR_INVALID_VALUE for fields the wire cannot carry. */
ss_error_t ss_packet_encode(const ss_packet_t *packet, uint8_t *buf, size_t cap, size_t *written);
/* Samples per standard packet that fit one notification at this ATT MTU; 0 = use the compact format. */
unsigned ss_packet_max_samples_for_mtu(unsigned att_mtu);

uint32_t ss_odr_hz(uint8_t odr_code);              /* 0 for an invalid code */
uint32_t ss_nominal_period_ns(uint8_t odr_code);   /* 0 for an invalid code */
uint32_t ss_accel_fs_g(uint8_t accel_code);        /* 0 for an invalid code */
uint32_t ss_gyro_fs_dps(uint8_t gyro_code);        /* 0 for an invalid code */

/* ---- control point (PROTOCOL.md 4) ------------------------------------------------------------ */
#define SS_OP_START_STREAMING 0x01u
#define SS_OP_STOP_STREAMING  0x02u
#define SS_OP_IDENTIFY        0x03u
#define SS_OP_TIME_SYNC       0x04u
#define SS_OP_RESEND_FROM     0x05u
#define SS_OP_RESPONSE        0x80u
#define SS_MAX_COMMAND_SIZE   5u
#define SS_MAX_RESPONSE_SIZE  11u

#define SS_IDENTIFY_BLINK 0x01u
#define SS_IDENTIFY_BUZZ  0x02u
#define SS_IDENTIFY_MAX_DURATION_S 60u

#define SS_RESULT_SUCCESS              0x00u
#define SS_RESULT_UNKNOWN_OPCODE       0x01u
#define SS_RESULT_INVALID_PARAMETER    0x02u
#define SS_RESULT_RATE_TOO_HIGH_FOR_MTU 0x03u
#define SS_RESULT_BUSY                 0x04u
#define SS_RESULT_PARTIALLY_AVAILABLE  0x05u
#define SS_RESULT_NOT_SUPPORTED        0x06u
#define SS_RESULT_LOW_BATTERY          0x07u
#define SS_RESULT_SENSOR_FAULT         0x08u

typedef struct {
    uint8_t opcode;                    /* SS_OP_* */
    uint8_t odr, accel_fs, gyro_fs;    /* StartStreaming */
    uint8_t identify_mode;             /* Identify: SS_IDENTIFY_* bits */
    uint8_t identify_duration_s;       /* Identify: 1..60 */
    uint32_t token;                    /* TimeSync */
    uint16_t sequence;                 /* ResendFrom */
} ss_command_t;

typedef struct {
    uint8_t request;          /* opcode answered */
    uint8_t result;           /* SS_RESULT_* */
    uint16_t sequence;        /* StartStreaming: first live packet; ResendFrom: first resent packet */
    uint16_t packet_count;    /* ResendFrom */
    uint32_t token;           /* TimeSync echo */
    uint32_t sensor_time_us;  /* TimeSync: sensor clock at receipt */
} ss_response_t;

ss_error_t ss_command_decode(const uint8_t *buf, size_t len, ss_command_t *out);
ss_error_t ss_command_encode(const ss_command_t *command, uint8_t *buf, size_t cap, size_t *written);
ss_error_t ss_response_decode(const uint8_t *buf, size_t len, ss_response_t *out);
ss_error_t ss_response_encode(const ss_response_t *response, uint8_t *buf, size_t cap, size_t *written);
size_t ss_command_length(uint8_t opcode);   /* 0 for an unknown opcode */
size_t ss_response_length(uint8_t request); /* 0 for an unknown request opcode */

/* ---- status (PROTOCOL.md 5) ------------------------------------------------------------------- */
#define SS_STATUS_VERSION 1u
#define SS_STATUS_SIZE    16u
#define SS_BATTERY_UNKNOWN 0xFFu
#define SS_POWER_CHARGING  0x01u
#define SS_POWER_EXTERNAL  0x02u
#define SS_STATE_IDLE        0u
#define SS_STATE_STREAMING   1u
#define SS_STATE_BACKFILLING 2u
#define SS_STATE_LOGGING     3u
#define SS_ERROR_IMU_FAULT         0x0001u
#define SS_ERROR_FLASH_FAULT       0x0002u
#define SS_ERROR_FLASH_OVERWRITTEN 0x0004u
#define SS_ERROR_BATTERY_CRITICAL  0x0008u
#define SS_ERROR_REBOOTED          0x0010u
#define SS_ERROR_OVER_TEMPERATURE  0x0020u
#define SS_ERROR_FIFO_OVERRUN      0x0040u

typedef struct {
    uint8_t battery_percent;   /* 0..100, SS_BATTERY_UNKNOWN */
    uint8_t power;             /* SS_POWER_* */
    uint8_t state;             /* SS_STATE_* */
    uint8_t fw_major, fw_minor;
    uint16_t fw_build;
    uint16_t errors;           /* SS_ERROR_* */
    uint32_t buffered_samples;
    uint16_t next_sequence;
} ss_status_t;

ss_error_t ss_status_decode(const uint8_t *buf, size_t len, ss_status_t *out);
ss_error_t ss_status_encode(const ss_status_t *status, uint8_t *buf, size_t cap, size_t *written);

/* ---- sensor-side packetizer (PROTOCOL.md 3.5, 3.6) ------------------------------------------------
 * Collects samples into packets the way the spec fills notifications: n_max samples per standard packet for
 * the current ATT MTU (19 = 244 bytes at MTU 247), or one compact 20-byte packet per sample below MTU 31;
 * sequence +1 per packet; t0 = time of the packet's first sample. Usage per IMU sample:
 *     if (ss_packetizer_add(&pk, &sample, t_us, buf, sizeof buf, &len)) { notify(buf, len); log_to_flash(buf, len); }
 */
typedef struct {
    ss_packet_t pending;       /* samples collected for the next packet (pending.count of them) */
    unsigned max_samples;      /* per standard packet; 0 = compact format */
    uint16_t next_sequence;
    uint8_t pending_flags;     /* flags for the next packet (OVERRUN) */
} ss_packetizer_t;

/* first_sequence: 0 after boot. period_ns: measured sample period, 0 = nominal. att_mtu: 23 until exchanged. */
void ss_packetizer_init(ss_packetizer_t *pk, uint16_t first_sequence, uint8_t odr, uint8_t accel_fs, uint8_t gyro_fs,
                        uint32_t period_ns, unsigned att_mtu);
/* New MTU (after an Exchange MTU): takes effect at the next packet; call ss_packetizer_flush first to switch at once.
 * While disconnected keep the last MTU, so packets logged to flash keep their size for the backfill. */
void ss_packetizer_set_mtu(ss_packetizer_t *pk, unsigned att_mtu);
/* Marks that samples were lost before the next one (IMU FIFO overflow): flushes what is pending, and the next
 * packet carries SS_FLAG_OVERRUN. Returns like ss_packetizer_flush. */
int ss_packetizer_overrun(ss_packetizer_t *pk, uint8_t *buf, size_t cap, size_t *len);
/* Adds one sample taken at sensor time t_us. Returns 1 and writes a packet to buf when one is complete, else 0
 * (*len = 0). A full packet needs at most SS_MAX_PACKET_SIZE bytes. */
int ss_packetizer_add(ss_packetizer_t *pk, const ss_sample_t *sample, uint32_t t_us, uint8_t *buf, size_t cap, size_t *len);
/* Emits the pending samples as a shorter packet (on Stop, or before a configuration change). 0 if none pending. */
int ss_packetizer_flush(ss_packetizer_t *pk, uint8_t *buf, size_t cap, size_t *len);

/* ---- host-side helpers (PROTOCOL.md 7) -------------------------------------------------------- */
/* The 64-bit value congruent to `wire` mod 2^16 (resp. 2^32) nearest `reference` (ties forward). */
int64_t ss_unwrap_sequence(uint16_t wire, int64_t reference);
int64_t ss_unwrap_time_us(uint32_t wire_us, int64_t reference_us);

#ifdef __cplusplus
}
#endif

#endif /* SPINESENSE_PROTOCOL_H */
