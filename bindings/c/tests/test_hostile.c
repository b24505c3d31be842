/* The hostile-server matrix's token part (tests/vectors/hostile_answers.json) through the C
 * ABI: whatever the token endpoint or a proxy answers, vipps_token_manager_get ends with a
 * token or a typed status (never VIPPS_STATUS_INTERNAL) within its budget, and the next call
 * to a healthy server gets a token.
 * Usage: test_hostile <emulator base URL> <file written by hostile_vectors_to_text.py> */
#include "check.h"
#include "vipps_auth.h"

#include "emulator_http.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

static vipps_status get_token(const vipps_token_manager *manager, const vipps_credentials *keys) {
  vipps_access_token *token = NULL;
  vipps_status status = vipps_token_manager_get(manager, keys, &token);
  vipps_access_token_free(token);
  return status;
}

int main(int argc, char **argv) {
  int port;
  FILE *vectors = argc == 3 ? fopen(argv[2], "r") : NULL;
  if (!vectors || sscanf(argv[1], "http://127.0.0.1:%d", &port) != 1) return 2;
  unsigned request_ms, total_ms, retries;
  if (fscanf(vectors, "%u %u %u\n", &request_ms, &total_ms, &retries) != 3) return 2;
  vipps_credentials *keys = NULL;
  CHECK(vipps_credentials_new_merchant("emu-client-id", "emu-client-secret", "emu-subscription-key", "123456", &keys) ==
            VIPPS_STATUS_OK,
        "keys");
  char *name = NULL, *fault = NULL;
  size_t name_cap = 0, fault_cap = 0;
  int cases = 0;
  while (next_line(vectors, &name, &name_cap) && next_line(vectors, &fault, &fault_cap)) {
    cases++;
    free(http_once(port, "POST", "/_emulator/reset", "{}"));
    vipps_config *config = NULL;
    vipps_token_manager *manager = NULL;
    CHECK(vipps_config_new(argv[1], &config) == VIPPS_STATUS_OK, "config");
    CHECK(vipps_config_set_timeouts(config, 5000, request_ms, total_ms) == VIPPS_STATUS_OK, "timeouts");
    CHECK(vipps_config_set_max_retries(config, retries) == VIPPS_STATUS_OK, "retries");
    CHECK(vipps_token_manager_new(config, &manager) == VIPPS_STATUS_OK, "manager");
    char *queued = http_once(port, "POST", "/_emulator/faults", fault);
    CHECK(queued && strstr(queued, "\"queued\""), "%s: the emulator takes the fault", name);
    free(queued);
    long began = now_ms();
    vipps_status status = get_token(manager, keys);
    long took = now_ms() - began;
    CHECK(status != VIPPS_STATUS_INTERNAL, "%s: INTERNAL", name);
    CHECK(took < (long)total_ms + 3000, "%s: took %ld ms", name, took);
    free(http_once(port, "POST", "/_emulator/reset", "{}"));
    CHECK(get_token(manager, keys) == VIPPS_STATUS_OK, "%s: the next, healthy call", name);
    vipps_token_manager_free(manager);
    vipps_config_free(config);
  }
  free(name);
  free(fault);
  fclose(vectors);
  vipps_credentials_free(keys);
  CHECK(cases >= 25, "the matrix has its cases: %d", cases);
  if (failures) return 1;
  printf("C: %d hostile token answers, each a token or a typed status, the next call healthy\n", cases);
  return 0;
}
