/* Runs every vector of one vectors/NAME.vec file through the C reference codec (format: vectors/README.md).
 * Usage: test_vectors FILE.vec   Exit status 0 when all pass. The C# tests check the same files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spinesense_protocol.h"

#define MAX_FIELDS 64
#define MAX_LINE 4096

typedef struct {
    char name[128];
    char key[MAX_FIELDS][32];
    char value[MAX_FIELDS][MAX_LINE];
    int nfields;
    int active;
} vector_t;

static vector_t vec;
static int failures, checked;

static void fail(const char *what, long long expected, long long actual)
{
    printf("FAIL [%s] %s: expected %lld, got %lld\n", vec.name, what, expected, actual);
    failures++;
}

static const char *get(const char *key)
{
    int i;
    for (i = 0; i < vec.nfields; i++) {
        if (strcmp(vec.key[i], key) == 0) return vec.value[i];
    }
    return NULL;
}

/* Field as a number; `fallback` when absent (the vectors omit zero response fields). */
static long long num(const char *key, long long fallback)
{
    const char *v = get(key);
    return v ? strtoll(v, NULL, 10) : fallback;
}

static size_t parse_hex(const char *text, unsigned char *out, size_t cap)
{
    size_t n = 0;
    while (*text) {
        unsigned int byte;
        while (*text == ' ') text++;
        if (!*text) break;
        if (n >= cap || sscanf(text, "%2x", &byte) != 1) {
            printf("FAIL [%s] bad hex\n", vec.name);
            failures++;
            return n;
        }
        out[n++] = (unsigned char)byte;
        text += 2;
    }
    return n;
}

#define EXPECT(what, expected, actual) do { if ((long long)(expected) != (long long)(actual)) fail(what, (long long)(expected), (long long)(actual)); } while (0)

static void check_reencoded(const unsigned char *in, size_t len, const unsigned char *out, size_t written, ss_error_t err)
{
    const char *canonical = get("canonical");
    EXPECT("re-encode error", SS_OK, err);
    EXPECT("re-encoded length", len, written);
    if ((canonical == NULL || strcmp(canonical, "1") == 0) && written == len && memcmp(in, out, len) != 0) {
        printf("FAIL [%s] re-encoded bytes differ\n", vec.name);
        failures++;
    }
}

static void check_packet(const unsigned char *bytes, size_t len, const char *error)
{
    ss_packet_t p;
    unsigned char out[SS_MAX_PACKET_SIZE];
    size_t written;
    unsigned i;
    ss_error_t err = ss_packet_decode(bytes, len, &p);
    if (strcmp(ss_error_name(err), error) != 0) {
        printf("FAIL [%s] error: expected %s, got %s\n", vec.name, error, ss_error_name(err));
        failures++;
        return;
    }
    if (err != SS_OK) return;
    EXPECT("version", num("version", -1), p.version);
    EXPECT("flags", num("flags", -1), p.flags);
    EXPECT("sequence", num("sequence", -1), p.sequence);
    EXPECT("t0_us", num("t0_us", -1), p.t0_us);
    EXPECT("period_ns", num("period_ns", -1), p.period_ns);
    EXPECT("effective_period_ns", num("effective_period_ns", -1), p.period_ns ? p.period_ns : ss_nominal_period_ns(p.odr));
    EXPECT("count", num("count", -1), p.count);
    EXPECT("odr", num("odr", -1), p.odr);
    EXPECT("odr_hz", num("odr_hz", -1), ss_odr_hz(p.odr));
    EXPECT("accel", num("accel", -1), p.accel_fs);
    EXPECT("accel_fs_g", num("accel_fs_g", -1), ss_accel_fs_g(p.accel_fs));
    EXPECT("gyro", num("gyro", -1), p.gyro_fs);
    EXPECT("gyro_fs_dps", num("gyro_fs_dps", -1), ss_gyro_fs_dps(p.gyro_fs));
    for (i = 0; i < p.count; i++) {
        char key[8];
        long v[6];
        const char *text;
        sprintf(key, "s%u", i);
        text = get(key);
        if (!text || sscanf(text, "%ld %ld %ld %ld %ld %ld", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]) != 6) {
            printf("FAIL [%s] missing %s\n", vec.name, key);
            failures++;
            continue;
        }
        EXPECT("acc_x", v[0], p.samples[i].acc_x);
        EXPECT("acc_y", v[1], p.samples[i].acc_y);
        EXPECT("acc_z", v[2], p.samples[i].acc_z);
        EXPECT("gyr_x", v[3], p.samples[i].gyr_x);
        EXPECT("gyr_y", v[4], p.samples[i].gyr_y);
        EXPECT("gyr_z", v[5], p.samples[i].gyr_z);
    }
    err = ss_packet_encode(&p, out, sizeof out, &written);
    check_reencoded(bytes, len, out, written, err);
}

static void check_command(const unsigned char *bytes, size_t len, const char *error)
{
    ss_command_t c;
    unsigned char out[SS_MAX_COMMAND_SIZE];
    size_t written;
    ss_error_t err = ss_command_decode(bytes, len, &c);
    if (strcmp(ss_error_name(err), error) != 0) {
        printf("FAIL [%s] error: expected %s, got %s\n", vec.name, error, ss_error_name(err));
        failures++;
        return;
    }
    if (err != SS_OK) return;
    EXPECT("opcode", num("opcode", -1), c.opcode);
    EXPECT("odr", num("odr", 0), c.odr);
    EXPECT("accel", num("accel", 0), c.accel_fs);
    EXPECT("gyro", num("gyro", 0), c.gyro_fs);
    EXPECT("mode", num("mode", 0), c.identify_mode);
    EXPECT("duration_s", num("duration_s", 0), c.identify_duration_s);
    EXPECT("token", num("token", 0), c.token);
    EXPECT("sequence", num("sequence", 0), c.sequence);
    err = ss_command_encode(&c, out, sizeof out, &written);
    check_reencoded(bytes, len, out, written, err);
}

static void check_response(const unsigned char *bytes, size_t len, const char *error)
{
    ss_response_t r;
    unsigned char out[SS_MAX_RESPONSE_SIZE];
    size_t written;
    ss_error_t err = ss_response_decode(bytes, len, &r);
    if (strcmp(ss_error_name(err), error) != 0) {
        printf("FAIL [%s] error: expected %s, got %s\n", vec.name, error, ss_error_name(err));
        failures++;
        return;
    }
    if (err != SS_OK) return;
    EXPECT("request", num("request", -1), r.request);
    EXPECT("result", num("result", -1), r.result);
    EXPECT("sequence", num("sequence", 0), r.sequence);
    EXPECT("packet_count", num("packet_count", 0), r.packet_count);
    EXPECT("token", num("token", 0), r.token);
    EXPECT("sensor_time_us", num("sensor_time_us", 0), r.sensor_time_us);
    err = ss_response_encode(&r, out, sizeof out, &written);
    check_reencoded(bytes, len, out, written, err);
}

static void check_status(const unsigned char *bytes, size_t len, const char *error)
{
    ss_status_t s;
    unsigned char out[SS_STATUS_SIZE];
    size_t written;
    ss_error_t err = ss_status_decode(bytes, len, &s);
    if (strcmp(ss_error_name(err), error) != 0) {
        printf("FAIL [%s] error: expected %s, got %s\n", vec.name, error, ss_error_name(err));
        failures++;
        return;
    }
    if (err != SS_OK) return;
    EXPECT("battery", num("battery", -1), s.battery_percent);
    EXPECT("power", num("power", -1), s.power);
    EXPECT("state", num("state", -1), s.state);
    EXPECT("fw_major", num("fw_major", -1), s.fw_major);
    EXPECT("fw_minor", num("fw_minor", -1), s.fw_minor);
    EXPECT("fw_build", num("fw_build", -1), s.fw_build);
    EXPECT("errors", num("errors", -1), s.errors);
    EXPECT("buffered", num("buffered", -1), s.buffered_samples);
    EXPECT("next_sequence", num("next_sequence", -1), s.next_sequence);
    err = ss_status_encode(&s, out, sizeof out, &written);
    check_reencoded(bytes, len, out, written, err);
}

static void finish_vector(void)
{
    static unsigned char bytes[1024];
    const char *type, *hex, *error;
    size_t len;
    int before = failures;
    if (!vec.active) return;
    vec.active = 0;
    type = get("type");
    hex = get("hex");
    error = get("error");
    if (!type || !hex || !error) {
        printf("FAIL [%s] needs type, hex and error\n", vec.name);
        failures++;
        return;
    }
    len = parse_hex(hex, bytes, sizeof bytes);
    if (strcmp(type, "packet") == 0) check_packet(bytes, len, error);
    else if (strcmp(type, "command") == 0) check_command(bytes, len, error);
    else if (strcmp(type, "response") == 0) check_response(bytes, len, error);
    else if (strcmp(type, "status") == 0) check_status(bytes, len, error);
    else {
        printf("FAIL [%s] unknown type %s\n", vec.name, type);
        failures++;
    }
    checked++;
    if (failures == before) printf("ok   [%s] %s\n", vec.name, error);
}

static char *trim(char *s)
{
    char *end;
    while (*s == ' ' || *s == '\t') s++;
    end = s + strlen(s);
    while (end > s && (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' ' || end[-1] == '\t')) *--end = '\0';
    return s;
}

int main(int argc, char **argv)
{
    static char line[MAX_LINE + 64];
    FILE *f;
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE.vec\n", argv[0]);
        return 2;
    }
    f = fopen(argv[1], "r");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", argv[1]);
        return 2;
    }
    while (fgets(line, sizeof line, f)) {
        char *s = trim(line), *eq;
        if (*s == '\0' || *s == '#') continue;
        if (*s == '[') {
            finish_vector();
            vec.nfields = 0;
            vec.active = 1;
            strncpy(vec.name, s + 1, sizeof vec.name - 1);
            vec.name[sizeof vec.name - 1] = '\0';
            if (strchr(vec.name, ']')) *strchr(vec.name, ']') = '\0';
            continue;
        }
        eq = strchr(s, '=');
        if (!eq || vec.nfields >= MAX_FIELDS) {
            printf("FAIL [%s] bad line: %s\n", vec.name, s);
            failures++;
            continue;
        }
        *eq = '\0';
        strncpy(vec.key[vec.nfields], trim(s), sizeof vec.key[0] - 1);
        vec.key[vec.nfields][sizeof vec.key[0] - 1] = '\0';
        strncpy(vec.value[vec.nfields], trim(eq + 1), sizeof vec.value[0] - 1);
        vec.value[vec.nfields][sizeof vec.value[0] - 1] = '\0';
        vec.nfields++;
    }
    finish_vector();
    fclose(f);
    printf("%s: %d vectors, %d failures\n", argv[1], checked, failures);
    return failures == 0 && checked > 0 ? 0 : 1;
}
