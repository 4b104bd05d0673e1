/* SpineSense sensor wire protocol v1 - C99 reference codec. Spec: ../PROTOCOL.md. */
#include "spinesense_protocol.h"

/* ---- little-endian helpers: byte by byte, so alignment and host endianness never matter ---------- */
static uint16_t rd16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }
static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
static void wr16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void wr32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}
static int16_t rds16(const uint8_t *p)
{
    uint16_t u = rd16(p);
    /* portable two's-complement conversion (no implementation-defined cast of values > INT16_MAX) */
    return u < 0x8000u ? (int16_t)u : (int16_t)(-(int32_t)(0x10000u - u));
}
static void wrs16(uint8_t *p, int16_t v) { wr16(p, (uint16_t)v); }

const char *ss_error_name(ss_error_t error)
{
    switch (error) {
    case SS_OK: return "None";
    case SS_ERR_TRUNCATED: return "Truncated";
    case SS_ERR_UNKNOWN_VERSION: return "UnknownVersion";
    case SS_ERR_LENGTH_MISMATCH: return "LengthMismatch";
    case SS_ERR_BAD_SAMPLE_COUNT: return "BadSampleCount";
    case SS_ERR_BAD_RATE_CODE: return "BadRateCode";
    case SS_ERR_BAD_RANGE_CODE: return "BadRangeCode";
    case SS_ERR_UNKNOWN_OPCODE: return "UnknownOpcode";
    case SS_ERR_BAD_PARAMETER: return "BadParameter";
    case SS_ERR_BAD_RESULT_CODE: return "BadResultCode";
    case SS_ERR_BUFFER_TOO_SMALL: return "BufferTooSmall";
    case SS_ERR_INVALID_VALUE: return "InvalidValue";
    }
    return "?";
}

/* ---- codes (PROTOCOL.md 3.3, 3.4) ------------------------------------------------------------ */
uint32_t ss_odr_hz(uint8_t odr_code)
{
    static const uint16_t hz[9] = { 0, 52, 100, 104, 200, 208, 400, 416, 833 };
    return odr_code <= SS_ODR_833HZ ? hz[odr_code] : 0u;
}

uint32_t ss_nominal_period_ns(uint8_t odr_code)
{
    static const uint32_t ns[9] = { 0, 19230769u, 10000000u, 9615385u, 5000000u, 4807692u, 2500000u, 2403846u, 1200480u };
    return odr_code <= SS_ODR_833HZ ? ns[odr_code] : 0u;
}

uint32_t ss_accel_fs_g(uint8_t accel_code) { return accel_code <= 3u ? (2u << accel_code) : 0u; }
uint32_t ss_gyro_fs_dps(uint8_t gyro_code) { return gyro_code <= 3u ? (250u << gyro_code) : 0u; }

static int odr_valid(uint8_t code) { return code >= SS_ODR_52HZ && code <= SS_ODR_833HZ; }

/* ---- data packets (PROTOCOL.md 3) ------------------------------------------------------------ */
unsigned ss_packet_max_samples_for_mtu(unsigned att_mtu)
{
    unsigned n;
    if (att_mtu < 3u + SS_STANDARD_HEADER_SIZE + SS_SAMPLE_SIZE) {
        return 0u;
    }
    n = (att_mtu - 3u - SS_STANDARD_HEADER_SIZE) / SS_SAMPLE_SIZE;
    return n > SS_MAX_SAMPLES ? SS_MAX_SAMPLES : n;
}

ss_error_t ss_packet_decode(const uint8_t *buf, size_t len, ss_packet_t *out)
{
    uint8_t header, config, flags;
    unsigned count, i;
    size_t offset;

    if (len == 0u) return SS_ERR_TRUNCATED;
    header = buf[SS_OFF_HEADER];
    if ((header >> 4) != SS_PROTOCOL_VERSION) return SS_ERR_UNKNOWN_VERSION;
    flags = (uint8_t)(header & 0x0Fu);
    if (len < ((flags & SS_FLAG_COMPACT) ? SS_COMPACT_HEADER_SIZE : SS_STANDARD_HEADER_SIZE)) return SS_ERR_TRUNCATED;
    config = buf[SS_OFF_CONFIG];
    if (!odr_valid((uint8_t)(config & 0x0Fu))) return SS_ERR_BAD_RATE_CODE;

    if (flags & SS_FLAG_COMPACT) {
        if (len != SS_COMPACT_PACKET_SIZE) return SS_ERR_LENGTH_MISMATCH;
        count = 1u;
        out->period_ns = 0u;
        offset = SS_COMPACT_HEADER_SIZE;
    } else {
        count = buf[SS_OFF_COUNT];
        if (count == 0u || count > SS_MAX_SAMPLES) return SS_ERR_BAD_SAMPLE_COUNT;
        if (len != SS_STANDARD_HEADER_SIZE + (size_t)count * SS_SAMPLE_SIZE) return SS_ERR_LENGTH_MISMATCH;
        out->period_ns = rd32(buf + SS_OFF_PERIOD_NS);
        offset = SS_STANDARD_HEADER_SIZE;
    }

    out->version = SS_PROTOCOL_VERSION;
    out->flags = flags;
    out->odr = (uint8_t)(config & 0x0Fu);
    out->accel_fs = (uint8_t)((config >> 4) & 0x03u);
    out->gyro_fs = (uint8_t)((config >> 6) & 0x03u);
    out->sequence = rd16(buf + SS_OFF_SEQUENCE);
    out->t0_us = rd32(buf + SS_OFF_T0_US);
    out->count = (uint8_t)count;
    for (i = 0; i < count; i++, offset += SS_SAMPLE_SIZE) {
        ss_sample_t *s = &out->samples[i];
        s->acc_x = rds16(buf + offset);
        s->acc_y = rds16(buf + offset + 2);
        s->acc_z = rds16(buf + offset + 4);
        s->gyr_x = rds16(buf + offset + 6);
        s->gyr_y = rds16(buf + offset + 8);
        s->gyr_z = rds16(buf + offset + 10);
    }
    return SS_OK;
}

ss_error_t ss_packet_encode(const ss_packet_t *p, uint8_t *buf, size_t cap, size_t *written)
{
    int compact = (p->flags & SS_FLAG_COMPACT) != 0;
    size_t length, offset;
    unsigned i;

    *written = 0u;
    if (p->flags > 0x0Fu || !odr_valid(p->odr) || p->accel_fs > 3u || p->gyro_fs > 3u
        || p->count == 0u || p->count > SS_MAX_SAMPLES || (compact && (p->count != 1u || p->period_ns != 0u))) {
        return SS_ERR_INVALID_VALUE;
    }
    length = compact ? SS_COMPACT_PACKET_SIZE : SS_STANDARD_HEADER_SIZE + (size_t)p->count * SS_SAMPLE_SIZE;
    if (cap < length) return SS_ERR_BUFFER_TOO_SMALL;

    buf[SS_OFF_HEADER] = (uint8_t)((SS_PROTOCOL_VERSION << 4) | p->flags);
    buf[SS_OFF_CONFIG] = (uint8_t)(p->odr | (p->accel_fs << 4) | (p->gyro_fs << 6));
    wr16(buf + SS_OFF_SEQUENCE, p->sequence);
    wr32(buf + SS_OFF_T0_US, p->t0_us);
    offset = SS_COMPACT_HEADER_SIZE;
    if (!compact) {
        wr32(buf + SS_OFF_PERIOD_NS, p->period_ns);
        buf[SS_OFF_COUNT] = p->count;
        buf[SS_OFF_RESERVED] = 0u;
        buf[SS_OFF_RESERVED + 1u] = 0u;
        buf[SS_OFF_RESERVED + 2u] = 0u;
        offset = SS_STANDARD_HEADER_SIZE;
    }
    for (i = 0; i < p->count; i++, offset += SS_SAMPLE_SIZE) {
        const ss_sample_t *s = &p->samples[i];
        wrs16(buf + offset, s->acc_x);
        wrs16(buf + offset + 2, s->acc_y);
        wrs16(buf + offset + 4, s->acc_z);
        wrs16(buf + offset + 6, s->gyr_x);
        wrs16(buf + offset + 8, s->gyr_y);
        wrs16(buf + offset + 10, s->gyr_z);
    }
    *written = length;
    return SS_OK;
}

/* ---- control point (PROTOCOL.md 4) ----------------------------------------------------------- */
size_t ss_command_length(uint8_t opcode)
{
    switch (opcode) {
    case SS_OP_START_STREAMING: return 4u;
    case SS_OP_STOP_STREAMING: return 1u;
    case SS_OP_IDENTIFY: return 3u;
    case SS_OP_TIME_SYNC: return 5u;
    case SS_OP_RESEND_FROM: return 3u;
    default: return 0u;
    }
}

size_t ss_response_length(uint8_t request)
{
    switch (request) {
    case SS_OP_START_STREAMING: return 5u;
    case SS_OP_STOP_STREAMING: return 3u;
    case SS_OP_IDENTIFY: return 3u;
    case SS_OP_TIME_SYNC: return 11u;
    case SS_OP_RESEND_FROM: return 7u;
    default: return 0u;
    }
}

static int identify_valid(uint8_t mode, uint8_t duration_s)
{
    return mode != 0u && (mode & (uint8_t)~(SS_IDENTIFY_BLINK | SS_IDENTIFY_BUZZ)) == 0u
        && duration_s >= 1u && duration_s <= SS_IDENTIFY_MAX_DURATION_S;
}

static void clear_command(ss_command_t *c)
{
    c->opcode = 0u; c->odr = 0u; c->accel_fs = 0u; c->gyro_fs = 0u;
    c->identify_mode = 0u; c->identify_duration_s = 0u; c->token = 0u; c->sequence = 0u;
}

ss_error_t ss_command_decode(const uint8_t *buf, size_t len, ss_command_t *out)
{
    size_t expected;
    if (len == 0u) return SS_ERR_TRUNCATED;
    expected = ss_command_length(buf[0]);
    if (expected == 0u) return SS_ERR_UNKNOWN_OPCODE;
    if (len != expected) return len < expected ? SS_ERR_TRUNCATED : SS_ERR_LENGTH_MISMATCH;

    clear_command(out);
    out->opcode = buf[0];
    switch (buf[0]) {
    case SS_OP_START_STREAMING:
        if (!odr_valid(buf[1])) return SS_ERR_BAD_RATE_CODE;
        if (buf[2] > 3u || buf[3] > 3u) return SS_ERR_BAD_RANGE_CODE;
        out->odr = buf[1]; out->accel_fs = buf[2]; out->gyro_fs = buf[3];
        break;
    case SS_OP_IDENTIFY:
        if (!identify_valid(buf[1], buf[2])) return SS_ERR_BAD_PARAMETER;
        out->identify_mode = buf[1]; out->identify_duration_s = buf[2];
        break;
    case SS_OP_TIME_SYNC:
        out->token = rd32(buf + 1);
        break;
    case SS_OP_RESEND_FROM:
        out->sequence = rd16(buf + 1);
        break;
    default: /* StopStreaming: no parameters */
        break;
    }
    return SS_OK;
}

ss_error_t ss_command_encode(const ss_command_t *c, uint8_t *buf, size_t cap, size_t *written)
{
    size_t length = ss_command_length(c->opcode);
    *written = 0u;
    if (length == 0u) return SS_ERR_INVALID_VALUE;
    if (c->opcode == SS_OP_START_STREAMING && (!odr_valid(c->odr) || c->accel_fs > 3u || c->gyro_fs > 3u)) return SS_ERR_INVALID_VALUE;
    if (c->opcode == SS_OP_IDENTIFY && !identify_valid(c->identify_mode, c->identify_duration_s)) return SS_ERR_INVALID_VALUE;
    if (cap < length) return SS_ERR_BUFFER_TOO_SMALL;
    buf[0] = c->opcode;
    switch (c->opcode) {
    case SS_OP_START_STREAMING: buf[1] = c->odr; buf[2] = c->accel_fs; buf[3] = c->gyro_fs; break;
    case SS_OP_IDENTIFY: buf[1] = c->identify_mode; buf[2] = c->identify_duration_s; break;
    case SS_OP_TIME_SYNC: wr32(buf + 1, c->token); break;
    case SS_OP_RESEND_FROM: wr16(buf + 1, c->sequence); break;
    default: break;
    }
    *written = length;
    return SS_OK;
}

ss_error_t ss_response_decode(const uint8_t *buf, size_t len, ss_response_t *out)
{
    size_t expected;
    uint8_t request, result;
    if (len == 0u) return SS_ERR_TRUNCATED;
    if (buf[0] != SS_OP_RESPONSE) return SS_ERR_UNKNOWN_OPCODE;
    if (len < 3u) return SS_ERR_TRUNCATED;
    request = buf[1];
    result = buf[2];
    if (result > SS_RESULT_SENSOR_FAULT) return SS_ERR_BAD_RESULT_CODE;
    expected = result == SS_RESULT_UNKNOWN_OPCODE ? 3u : ss_response_length(request);
    if (expected == 0u) return SS_ERR_UNKNOWN_OPCODE;
    if (len != expected) return len < expected ? SS_ERR_TRUNCATED : SS_ERR_LENGTH_MISMATCH;

    out->request = request; out->result = result;
    out->sequence = 0u; out->packet_count = 0u; out->token = 0u; out->sensor_time_us = 0u;
    if (result != SS_RESULT_UNKNOWN_OPCODE) {
        switch (request) {
        case SS_OP_START_STREAMING: out->sequence = rd16(buf + 3); break;
        case SS_OP_TIME_SYNC: out->token = rd32(buf + 3); out->sensor_time_us = rd32(buf + 7); break;
        case SS_OP_RESEND_FROM: out->sequence = rd16(buf + 3); out->packet_count = rd16(buf + 5); break;
        default: break;
        }
    }
    return SS_OK;
}

ss_error_t ss_response_encode(const ss_response_t *r, uint8_t *buf, size_t cap, size_t *written)
{
    size_t length;
    *written = 0u;
    if (r->result > SS_RESULT_SENSOR_FAULT) return SS_ERR_INVALID_VALUE;
    length = r->result == SS_RESULT_UNKNOWN_OPCODE ? 3u : ss_response_length(r->request);
    if (length == 0u) return SS_ERR_INVALID_VALUE;
    if (cap < length) return SS_ERR_BUFFER_TOO_SMALL;
    buf[0] = SS_OP_RESPONSE; buf[1] = r->request; buf[2] = r->result;
    if (r->result != SS_RESULT_UNKNOWN_OPCODE) {
        switch (r->request) {
        case SS_OP_START_STREAMING: wr16(buf + 3, r->sequence); break;
        case SS_OP_TIME_SYNC: wr32(buf + 3, r->token); wr32(buf + 7, r->sensor_time_us); break;
        case SS_OP_RESEND_FROM: wr16(buf + 3, r->sequence); wr16(buf + 5, r->packet_count); break;
        default: break;
        }
    }
    *written = length;
    return SS_OK;
}

/* ---- status (PROTOCOL.md 5) ------------------------------------------------------------------ */
#define SS_POWER_MASK  0x03u
#define SS_ERRORS_MASK 0x007Fu

ss_error_t ss_status_decode(const uint8_t *buf, size_t len, ss_status_t *out)
{
    if (len == 0u) return SS_ERR_TRUNCATED;
    if (buf[0] != SS_STATUS_VERSION) return SS_ERR_UNKNOWN_VERSION;
    if (len != SS_STATUS_SIZE) return len < SS_STATUS_SIZE ? SS_ERR_TRUNCATED : SS_ERR_LENGTH_MISMATCH;
    if ((buf[1] > 100u && buf[1] != SS_BATTERY_UNKNOWN) || buf[3] > SS_STATE_LOGGING) return SS_ERR_BAD_PARAMETER;
    out->battery_percent = buf[1];
    out->power = (uint8_t)(buf[2] & SS_POWER_MASK);
    out->state = buf[3];
    out->fw_major = buf[4];
    out->fw_minor = buf[5];
    out->fw_build = rd16(buf + 6);
    out->errors = (uint16_t)(rd16(buf + 8) & SS_ERRORS_MASK);
    out->buffered_samples = rd32(buf + 10);
    out->next_sequence = rd16(buf + 14);
    return SS_OK;
}

ss_error_t ss_status_encode(const ss_status_t *s, uint8_t *buf, size_t cap, size_t *written)
{
    *written = 0u;
    if ((s->battery_percent > 100u && s->battery_percent != SS_BATTERY_UNKNOWN) || s->state > SS_STATE_LOGGING) return SS_ERR_INVALID_VALUE;
    if (cap < SS_STATUS_SIZE) return SS_ERR_BUFFER_TOO_SMALL;
    buf[0] = SS_STATUS_VERSION;
    buf[1] = s->battery_percent;
    buf[2] = (uint8_t)(s->power & SS_POWER_MASK);
    buf[3] = s->state;
    buf[4] = s->fw_major;
    buf[5] = s->fw_minor;
    wr16(buf + 6, s->fw_build);
    wr16(buf + 8, (uint16_t)(s->errors & SS_ERRORS_MASK));
    wr32(buf + 10, s->buffered_samples);
    wr16(buf + 14, s->next_sequence);
    *written = SS_STATUS_SIZE;
    return SS_OK;
}

/* ---- sensor-side packetizer (PROTOCOL.md 3.5, 3.6) --------------------------------------------- */
void ss_packetizer_init(ss_packetizer_t *pk, uint16_t first_sequence, uint8_t odr, uint8_t accel_fs, uint8_t gyro_fs,
                        uint32_t period_ns, unsigned att_mtu)
{
    pk->pending.version = SS_PROTOCOL_VERSION;
    pk->pending.flags = 0u;
    pk->pending.sequence = first_sequence;
    pk->pending.t0_us = 0u;
    pk->pending.period_ns = period_ns;
    pk->pending.count = 0u;
    pk->pending.odr = odr;
    pk->pending.accel_fs = accel_fs;
    pk->pending.gyro_fs = gyro_fs;
    pk->next_sequence = first_sequence;
    pk->pending_flags = 0u;
    ss_packetizer_set_mtu(pk, att_mtu);
}

void ss_packetizer_set_mtu(ss_packetizer_t *pk, unsigned att_mtu)
{
    pk->max_samples = ss_packet_max_samples_for_mtu(att_mtu);
}

int ss_packetizer_flush(ss_packetizer_t *pk, uint8_t *buf, size_t cap, size_t *len)
{
    ss_packet_t *p = &pk->pending;
    *len = 0u;
    if (p->count == 0u) return 0;
    p->sequence = pk->next_sequence;
    /* Compact only when the MTU needs it and the packet holds one sample (a packet begun at a larger MTU keeps
     * the standard format). */
    p->flags = (uint8_t)(pk->pending_flags | (pk->max_samples == 0u && p->count == 1u ? SS_FLAG_COMPACT : 0u));
    {
        uint32_t period = p->period_ns;
        if (p->flags & SS_FLAG_COMPACT) p->period_ns = 0u;
        if (ss_packet_encode(p, buf, cap, len) != SS_OK) {
            p->period_ns = period;
            return 0; /* buffer too small: keep the samples, the caller retries with a larger one */
        }
        p->period_ns = period;
    }
    pk->next_sequence++;
    pk->pending_flags = 0u;
    p->count = 0u;
    return 1;
}

int ss_packetizer_overrun(ss_packetizer_t *pk, uint8_t *buf, size_t cap, size_t *len)
{
    int emitted = ss_packetizer_flush(pk, buf, cap, len);
    pk->pending_flags |= SS_FLAG_OVERRUN;
    return emitted;
}

int ss_packetizer_add(ss_packetizer_t *pk, const ss_sample_t *sample, uint32_t t_us, uint8_t *buf, size_t cap, size_t *len)
{
    ss_packet_t *p = &pk->pending;
    unsigned limit = pk->max_samples == 0u ? 1u : pk->max_samples;
    *len = 0u;
    if (p->count >= limit && !ss_packetizer_flush(pk, buf, cap, len)) {
        return 0; /* only after a failed flush: the sample is dropped rather than overflowing the packet */
    }
    if (p->count == 0u) p->t0_us = t_us;
    p->samples[p->count++] = *sample;
    if (p->count >= limit) return ss_packetizer_flush(pk, buf, cap, len);
    return 0;
}

/* ---- host-side unwrapping (PROTOCOL.md 7.1, 7.2) ----------------------------------------------- */
static int64_t unwrap(uint64_t wire, int64_t reference, uint64_t modulus)
{
    /* unsigned arithmetic: the difference mod 2^n, then mapped to (-modulus/2, +modulus/2] */
    uint64_t delta = (wire - (uint64_t)reference) & (modulus - 1u);
    if (delta > modulus / 2u) {
        return reference - (int64_t)(modulus - delta);
    }
    return reference + (int64_t)delta;
}

int64_t ss_unwrap_sequence(uint16_t wire, int64_t reference) { return unwrap(wire, reference, (uint64_t)1 << 16); }
int64_t ss_unwrap_time_us(uint32_t wire_us, int64_t reference_us) { return unwrap(wire_us, reference_us, (uint64_t)1 << 32); }
