/* The token cache's bound from C, against an emulator started with `--merchants 30`: a
 * manager holding 20 entries sends no request for the merchants it holds, however often
 * the 10 past the bound (the overflow) ask, and only the overflow refetches.
 * Usage: test_capacity <emulator base URL> */
#include "check.h"
#include "emulator_http.h"
#include "vipps_auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BOUND = 20, MERCHANTS = 30, FIRST_MSN = 100001 };

static int port = 0;

/* How many token requests the emulator has logged. */
static int token_requests(void) {
  char *log = http_once(port, "GET", "/_emulator/requests", NULL);
  int count = 0;
  for (const char *at = log; at && (at = strstr(at, "\"/accesstoken/get\"")) != NULL; at++) count++;
  free(log);
  return count;
}

/* Asks for a token for merchants [from, to); how many requests that sent. */
static int pass(const vipps_token_manager *manager, vipps_credentials **units, int from, int to) {
  int before = token_requests();
  for (int i = from; i < to; i++) {
    char token[2048];
    size_t length = 0;
    CHECK(vipps_token_manager_copy_token(manager, units[i], token, sizeof token, &length) == VIPPS_STATUS_OK,
          "a token for merchant %d", FIRST_MSN + i);
  }
  return token_requests() - before;
}

int main(int argc, char **argv) {
  if (argc != 2 || sscanf(argv[1], "http://127.0.0.1:%d", &port) != 1) return 2;
  vipps_config *config = NULL;
  CHECK(vipps_config_new(argv[1], &config) == VIPPS_STATUS_OK, "config");
  vipps_token_manager *manager = NULL;
  CHECK(vipps_token_manager_new_with_capacity(config, 0, &manager) == VIPPS_STATUS_CONFIGURATION, "capacity 0");
  CHECK(manager == NULL, "nothing handed out for capacity 0");
  CHECK(vipps_token_manager_new_with_capacity(NULL, BOUND, &manager) == VIPPS_STATUS_CONFIGURATION, "NULL config");
  CHECK(vipps_token_manager_new_with_capacity(config, BOUND, NULL) == VIPPS_STATUS_CONFIGURATION, "NULL out");
  CHECK(vipps_token_manager_cached_entries(NULL) == 0, "NULL manager");
  CHECK(vipps_token_manager_new_with_capacity(config, BOUND, &manager) == VIPPS_STATUS_OK, "a bounded manager");

  vipps_credentials *units[MERCHANTS];
  for (int i = 0; i < MERCHANTS; i++) {
    char id[32], secret[32], msn[8];
    snprintf(id, sizeof id, "emu-client-id-%d", FIRST_MSN + i);
    snprintf(secret, sizeof secret, "emu-client-secret-%d", FIRST_MSN + i);
    snprintf(msn, sizeof msn, "%d", FIRST_MSN + i);
    units[i] = NULL;
    CHECK(vipps_credentials_new_merchant(id, secret, "emu-subscription-key", msn, &units[i]) == VIPPS_STATUS_OK,
          "keys of merchant %s", msn);
  }
  int first = pass(manager, units, 0, BOUND);
  CHECK(first == BOUND, "one request per merchant, got %d", first);
  for (int round = 0; round < 3; round++) {
    int kept = pass(manager, units, 0, BOUND);
    CHECK(kept == 0, "a token in use was dropped for a newcomer: %d requests", kept);
    int overflow = pass(manager, units, BOUND, MERCHANTS);
    CHECK(overflow == MERCHANTS - BOUND, "only the overflow refetches, got %d", overflow);
    CHECK(vipps_token_manager_cached_entries(manager) == BOUND, "the cache stays at its bound");
  }
  for (int i = 0; i < MERCHANTS; i++) vipps_credentials_free(units[i]);
  vipps_token_manager_free(manager);
  vipps_config_free(config);
  if (failures) return 1;
  printf("C: a cache bounded at %d holds its tokens in use; only the %d past it refetch\n", BOUND, MERCHANTS - BOUND);
  return 0;
}
