/* Unit, round-trip and robustness tests of the C reference codec (vectors are in test_vectors.c). */
#include <stdio.h>
#include <string.h>

#include "spinesense_protocol.h"

static int failures;
#define CHECK(cond) do { if (!(cond)) { printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); failures++; } } while (0)

/* xorshift64*: deterministic, so a failure reproduces */
static unsigned long long rng_state = 0x9E3779B97F4A7C15ull;
static unsigned long long rng(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ull;
}

static void test_mtu(void)
{
    CHECK(ss_packet_max_samples_for_mtu(247) == 19);
    CHECK(ss_packet_max_samples_for_mtu(517) == 19);
    CHECK(ss_packet_max_samples_for_mtu(185) == 13);
    CHECK(ss_packet_max_samples_for_mtu(31) == 1);
    CHECK(ss_packet_max_samples_for_mtu(30) == 0);
    CHECK(ss_packet_max_samples_for_mtu(23) == 0);
    CHECK(SS_STANDARD_HEADER_SIZE + 19 * SS_SAMPLE_SIZE == 247 - 3);
}

static void test_codes(void)
{
    static const unsigned hz[] = { 52, 100, 104, 200, 208, 400, 416, 833 };
    unsigned code;
    for (code = 1; code <= 8; code++) {
        CHECK(ss_odr_hz((uint8_t)code) == hz[code - 1]);
        /* nominal period rounds 1e9 / rate */
        CHECK(ss_nominal_period_ns((uint8_t)code) == (1000000000u + hz[code - 1] / 2) / hz[code - 1]);
    }
    CHECK(ss_odr_hz(0) == 0 && ss_odr_hz(9) == 0 && ss_odr_hz(255) == 0);
    CHECK(ss_accel_fs_g(0) == 2 && ss_accel_fs_g(3) == 16 && ss_accel_fs_g(4) == 0);
    CHECK(ss_gyro_fs_dps(0) == 250 && ss_gyro_fs_dps(3) == 2000 && ss_gyro_fs_dps(4) == 0);
}

static void test_uuid_bytes(void)
{
    static const uint8_t service[16] = SS_UUID_SERVICE_ATT;
    static const uint8_t status[16] = SS_UUID_STATUS_ATT;
    const char *text = SS_UUID_SERVICE_STR;
    uint8_t big_endian[16];
    int i, j = 0;
    for (i = 0; text[i] && j < 16; i++) {
        unsigned v;
        if (text[i] == '-') continue;
        sscanf(text + i, "%2x", &v);
        big_endian[j++] = (uint8_t)v;
        i++;
    }
    for (i = 0; i < 16; i++) CHECK(service[i] == big_endian[15 - i]);
    CHECK(status[12] == 0x04);
}

static void random_packet(ss_packet_t *p)
{
    unsigned i;
    memset(p, 0, sizeof *p);
    p->version = 1;
    p->flags = (uint8_t)(rng() & 0x07u);
    p->sequence = (uint16_t)rng();
    p->t0_us = (uint32_t)rng();
    p->odr = (uint8_t)(1 + rng() % 8);
    p->accel_fs = (uint8_t)(rng() & 3u);
    p->gyro_fs = (uint8_t)(rng() & 3u);
    if (rng() % 4 == 0) {
        p->flags |= SS_FLAG_COMPACT;
        p->count = 1;
    } else {
        p->count = (uint8_t)(1 + rng() % SS_MAX_SAMPLES);
        p->period_ns = (rng() & 1u) ? (uint32_t)rng() : 0u;
    }
    for (i = 0; i < p->count; i++) {
        p->samples[i].acc_x = (int16_t)(rng() % 65536 - 32768);
        p->samples[i].acc_y = (int16_t)(rng() % 65536 - 32768);
        p->samples[i].acc_z = (int16_t)(rng() % 65536 - 32768);
        p->samples[i].gyr_x = (int16_t)(rng() % 65536 - 32768);
        p->samples[i].gyr_y = (int16_t)(rng() % 65536 - 32768);
        p->samples[i].gyr_z = (int16_t)(rng() % 65536 - 32768);
    }
}

static void test_packet_round_trip(void)
{
    int k;
    for (k = 0; k < 100000; k++) {
        ss_packet_t in, out;
        uint8_t buf[SS_MAX_PACKET_SIZE];
        size_t written;
        random_packet(&in);
        if (ss_packet_encode(&in, buf, sizeof buf, &written) != SS_OK) { CHECK(0); return; }
        CHECK(written == ((in.flags & SS_FLAG_COMPACT) ? 20u : 16u + 12u * in.count));
        memset(&out, 0xAB, sizeof out);
        if (ss_packet_decode(buf, written, &out) != SS_OK) { CHECK(0); return; }
        if (memcmp(&in, &out, offsetof(ss_packet_t, samples)) != 0
            || memcmp(in.samples, out.samples, in.count * sizeof in.samples[0]) != 0) {
            printf("FAIL round trip %d\n", k);
            failures++;
            return;
        }
    }
}

static void test_encoder_rejects(void)
{
    ss_packet_t p;
    uint8_t buf[SS_MAX_PACKET_SIZE];
    size_t written = 99;
    random_packet(&p);
    p.flags &= (uint8_t)~SS_FLAG_COMPACT;
    p.count = 19;
    CHECK(ss_packet_encode(&p, buf, 243, &written) == SS_ERR_BUFFER_TOO_SMALL && written == 0);
    CHECK(ss_packet_encode(&p, buf, 244, &written) == SS_OK && written == 244);
    p.count = 20;
    CHECK(ss_packet_encode(&p, buf, sizeof buf, &written) == SS_ERR_INVALID_VALUE);
    p.count = 1; p.odr = 9;
    CHECK(ss_packet_encode(&p, buf, sizeof buf, &written) == SS_ERR_INVALID_VALUE);
    p.odr = 1; p.flags = SS_FLAG_COMPACT; p.count = 2;
    CHECK(ss_packet_encode(&p, buf, sizeof buf, &written) == SS_ERR_INVALID_VALUE);
}

/* Every byte string decodes to SS_OK or a documented error, and an accepted packet re-encodes to the same
 * length. Run under -fsanitize=address,undefined (cmake -DSS_SANITIZE=ON) this also proves no out-of-bounds read. */
static void test_robustness(void)
{
    long k, ok = 0;
    for (k = 0; k < 1000000; k++) {
        uint8_t buf[300];
        size_t len, i, written;
        ss_packet_t p;
        ss_command_t c;
        ss_response_t r;
        ss_status_t s;
        ss_error_t e;
        if (k % 2 == 0) {
            ss_packet_t valid;
            random_packet(&valid);
            ss_packet_encode(&valid, buf, sizeof buf, &len);
            for (i = 0; i < 1 + rng() % 3; i++) buf[rng() % len] ^= (uint8_t)(1u << (rng() % 8));
            if (rng() % 4 == 0) len = rng() % (len + 2);
        } else {
            len = rng() % 260;
            for (i = 0; i < len; i++) buf[i] = (uint8_t)rng();
            if (len > 0 && rng() % 2) buf[0] = (uint8_t)(0x10 | (buf[0] & 0x0F));
        }
        e = ss_packet_decode(buf, len, &p);
        CHECK(e <= SS_ERR_BAD_RESULT_CODE);
        if (e == SS_OK) {
            uint8_t out[SS_MAX_PACKET_SIZE];
            ok++;
            CHECK(ss_packet_encode(&p, out, sizeof out, &written) == SS_OK && written == len);
        }
        e = ss_command_decode(buf, len % 8, &c);
        CHECK(e <= SS_ERR_BAD_RESULT_CODE);
        e = ss_response_decode(buf, len % 14, &r);
        CHECK(e <= SS_ERR_BAD_RESULT_CODE);
        e = ss_status_decode(buf, len % 20, &s);
        CHECK(e <= SS_ERR_BAD_RESULT_CODE);
        if (failures > 10) return;
    }
    CHECK(ok > 1000); /* the mutations must also reach the accepting paths */
}

static void test_unwrap(void)
{
    int64_t ref = 65530, e;
    long i;
    for (i = 0; i < 200000; i++) {
        e = ss_unwrap_sequence((uint16_t)(65530 + i), ref);
        if (e != 65530 + i) { CHECK(0); break; }
        ref = e;
    }
    CHECK(ss_unwrap_sequence(65535, 65536 + 5) == 65535);       /* late packet from before the wrap */
    CHECK(ss_unwrap_sequence(3, 0) == 3);
    CHECK(ss_unwrap_sequence(65534, 3) == -2);                  /* older than the first packet */
    CHECK(ss_unwrap_sequence(32768, 0) == 32768);               /* tie reads forward */
    CHECK(ss_unwrap_time_us(50000u, 4294967295ll - 100000) == 4294967296ll + 50000);
    CHECK(ss_unwrap_time_us(4294962296u, 4294967296ll + 50000) == 4294962296ll);
    /* three hours at one packet per 95 ms */
    ref = 4000000000ll;
    for (i = 0; i < 113684; i++) {
        int64_t t = 4000000000ll + i * 95000ll;
        e = ss_unwrap_time_us((uint32_t)(t & 0xFFFFFFFFll), ref);
        if (e != t) { CHECK(0); break; }
        ref = e;
    }
}

static void test_packetizer(void)
{
    ss_packetizer_t pk;
    ss_sample_t sample = { 0, 16384, 0, 1, 2, 3 };
    uint8_t buf[SS_MAX_PACKET_SIZE];
    size_t len;
    ss_packet_t p;
    unsigned i, emitted = 0;

    /* MTU 247: every 19th sample completes a 244-byte packet whose t0 is its first sample's time. */
    ss_packetizer_init(&pk, 65534, SS_ODR_208HZ, SS_ACCEL_8G, SS_GYRO_1000DPS, 4807000u, 247);
    for (i = 0; i < 57; i++) {
        sample.acc_x = (int16_t)i;
        if (ss_packetizer_add(&pk, &sample, 1000u + i * 4807u, buf, sizeof buf, &len)) {
            emitted++;
            CHECK(len == 244);
            CHECK(ss_packet_decode(buf, len, &p) == SS_OK);
            CHECK(p.count == 19 && p.flags == 0 && p.period_ns == 4807000u);
            CHECK(p.sequence == (uint16_t)(65534u + emitted - 1u));  /* 65534, 65535, 0 */
            CHECK(p.t0_us == 1000u + (i - 18u) * 4807u);
            CHECK(p.samples[0].acc_x == (int16_t)(i - 18u) && p.samples[18].acc_x == (int16_t)i);
        } else {
            CHECK(len == 0);
        }
    }
    CHECK(emitted == 3);

    /* Stop: the pending samples leave in a shorter packet. */
    ss_packetizer_add(&pk, &sample, 5000u, buf, sizeof buf, &len);
    ss_packetizer_add(&pk, &sample, 9807u, buf, sizeof buf, &len);
    CHECK(ss_packetizer_flush(&pk, buf, sizeof buf, &len) == 1 && len == 16 + 2 * 12);
    CHECK(ss_packet_decode(buf, len, &p) == SS_OK && p.count == 2 && p.sequence == 1 && p.t0_us == 5000u);
    CHECK(ss_packetizer_flush(&pk, buf, sizeof buf, &len) == 0 && len == 0);

    /* Default MTU 23: one compact 20-byte packet per sample, without the period. */
    ss_packetizer_init(&pk, 7, SS_ODR_104HZ, SS_ACCEL_2G, SS_GYRO_250DPS, 9615000u, 23);
    CHECK(ss_packetizer_add(&pk, &sample, 42u, buf, sizeof buf, &len) == 1 && len == 20);
    CHECK(ss_packet_decode(buf, len, &p) == SS_OK && (p.flags & SS_FLAG_COMPACT) && p.sequence == 7 && p.t0_us == 42u && p.period_ns == 0);

    /* MTU exchanged to 185 mid-stream: 13 samples per packet from the next packet on. */
    ss_packetizer_set_mtu(&pk, 185);
    for (i = 0; i < 13; i++) emitted = (unsigned)ss_packetizer_add(&pk, &sample, 100u + i, buf, sizeof buf, &len);
    CHECK(emitted == 1 && len == 16 + 13 * 12);
    CHECK(ss_packet_decode(buf, len, &p) == SS_OK && p.sequence == 8 && p.count == 13);

    /* FIFO overflow: pending samples flushed, and the next packet carries OVERRUN. */
    ss_packetizer_add(&pk, &sample, 500u, buf, sizeof buf, &len);
    CHECK(ss_packetizer_overrun(&pk, buf, sizeof buf, &len) == 1);
    CHECK(ss_packet_decode(buf, len, &p) == SS_OK && p.flags == 0 && p.count == 1);
    for (i = 0; i < 13; i++) ss_packetizer_add(&pk, &sample, 900u + i, buf, sizeof buf, &len);
    CHECK(ss_packet_decode(buf, len, &p) == SS_OK && p.flags == SS_FLAG_OVERRUN && p.sequence == 10 && p.t0_us == 900u);
}

int main(void)
{
    test_packetizer();
    test_mtu();
    test_codes();
    test_uuid_bytes();
    test_packet_round_trip();
    test_encoder_rejects();
    test_robustness();
    test_unwrap();
    printf("test_codec: %d failures\n", failures);
    return failures == 0 ? 0 : 1;
}
