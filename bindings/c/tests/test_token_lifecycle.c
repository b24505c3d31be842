/* The token cache's rules through the C ABI, against an emulator whose tokens live 10 s
 * (fresh for 80 % of that, stale until 95 %, then never handed out): 64 threads on a cold
 * cache make one request; invalidate makes the next get fetch; a stale token is served and
 * refreshed exactly once in the background; a failed refresh still serves the last good token.
 * Usage: test_token_lifecycle <emulator base URL, started with --token-lifetime 10> */
#include "check.h"
#include "vipps_auth.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { TOKEN_MAX = 2048 };

static const char *base;

static int token_requests(void) {
  char command[512];
  snprintf(command, sizeof command, "curl -sf %s/_emulator/requests", base);
  FILE *log = popen(command, "r");
  CHECK(log != NULL, "read the emulator's log");
  if (!log) return -1;
  int count = 0;
  char *line = NULL;
  size_t cap = 0;
  while (next_line(log, &line, &cap)) {
    for (const char *at = line; (at = strstr(at, "\"/accesstoken/get\"")); at++) count++;
  }
  free(line);
  pclose(log);
  return count;
}

static void emulator_post(const char *path, const char *json) {
  char command[512];
  snprintf(command, sizeof command, "curl -sf -o /dev/null -X POST %s%s -d '%s'", base, path, json);
  CHECK(system(command) == 0, "POST %s", path);
}

static void sleep_s(double seconds) {
  struct timespec pause = {(time_t)seconds, (long)((seconds - (time_t)seconds) * 1e9)};
  nanosleep(&pause, NULL);
}

static double now_s(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (double)now.tv_sec + now.tv_nsec / 1e9;
}

/* Waits until just past a whole second. The emulator's expires_on has whole seconds and the
 * earlier of expires_in and expires_on wins, so a token fetched at x.05 lives 9.95 s: its
 * windows are then known to within the fetch's own duration. */
static void align_to_second(void) {
  struct timespec wall;
  clock_gettime(CLOCK_REALTIME, &wall);
  sleep_s(1.05 - wall.tv_nsec / 1e9);
}

/* A token fetched at the returned instant: fresh 7.96 s after it was sent, unusable after
 * 9.45 s. 8.1 s after the call returned is in the stale window while the call took < 1.3 s. */
static const double STALE_AFTER = 8.1;

static void copy(const vipps_token_manager *manager, const vipps_credentials *keys, char out[TOKEN_MAX]) {
  size_t length = 0;
  out[0] = 0;
  CHECK(vipps_token_manager_copy_token(manager, keys, out, TOKEN_MAX, &length) == VIPPS_STATUS_OK, "copy");
}

static vipps_token_manager *manager_with_retries(uint32_t retries) {
  vipps_config *config = NULL;
  CHECK(vipps_config_new(base, &config) == VIPPS_STATUS_OK, "config for %s", base);
  CHECK(vipps_config_set_max_retries(config, retries) == VIPPS_STATUS_OK, "%u retries", retries);
  vipps_token_manager *manager = NULL;
  CHECK(vipps_token_manager_new(config, &manager) == VIPPS_STATUS_OK, "manager");
  vipps_config_free(config);
  return manager;
}

struct caller {
  const vipps_token_manager *manager;
  const vipps_credentials *keys;
  pthread_barrier_t *start;
  char token[TOKEN_MAX];
};

static void *call(void *arg) {
  struct caller *c = arg;
  pthread_barrier_wait(c->start);
  copy(c->manager, c->keys, c->token);
  return NULL;
}

static void cold_cache_makes_one_request(const vipps_token_manager *manager, const vipps_credentials *keys) {
  enum { CALLERS = 64 };
  static struct caller callers[CALLERS];
  pthread_t threads[CALLERS];
  pthread_barrier_t start;
  pthread_barrier_init(&start, NULL, CALLERS);
  for (int i = 0; i < CALLERS; i++) {
    callers[i] = (struct caller){.manager = manager, .keys = keys, .start = &start};
    pthread_create(&threads[i], NULL, call, &callers[i]);
  }
  for (int i = 0; i < CALLERS; i++) pthread_join(threads[i], NULL);
  pthread_barrier_destroy(&start);
  for (int i = 0; i < CALLERS; i++) {
    CHECK(callers[i].token[0] && strcmp(callers[i].token, callers[0].token) == 0, "caller %d shares the token", i);
  }
  int requests = token_requests();
  CHECK(requests == 1, "64 callers, one request: %d", requests);
}

static void stale_token_is_served_and_refreshed_once(const vipps_token_manager *manager,
                                                     const vipps_credentials *keys) {
  char first[TOKEN_MAX], again[TOKEN_MAX];
  align_to_second();
  CHECK(vipps_token_manager_invalidate(manager, keys) == VIPPS_STATUS_OK, "invalidate");
  copy(manager, keys, first);
  double fetched = now_s();
  int requests = token_requests();
  CHECK(requests == 2, "invalidate made the next get fetch: %d", requests);

  sleep_s(STALE_AFTER - (now_s() - fetched));
  copy(manager, keys, again);
  CHECK(strcmp(again, first) == 0, "a stale token is still served");
  for (int i = 0; i < 50; i++) copy(manager, keys, again);
  sleep_s(0.5);
  requests = token_requests();
  CHECK(requests == 3, "exactly one background refresh: %d requests", requests);
  copy(manager, keys, again);
  CHECK(strcmp(again, first) != 0, "then the refreshed token");
}

/* No retries, so the one refresh attempt is all the log shows; after it failed the manager
 * pauses (500 ms for this lifetime) instead of asking again on every get. */
static void failed_refresh_serves_the_last_good_token(const vipps_credentials *keys) {
  vipps_token_manager *manager = manager_with_retries(0);
  char good[TOKEN_MAX], served[TOKEN_MAX];
  align_to_second();
  copy(manager, keys, good);
  double fetched = now_s();
  int before = token_requests();
  emulator_post("/_emulator/faults", "{\"path\":\"/accesstoken/get\",\"count\":100,\"status\":503}");
  sleep_s(STALE_AFTER - (now_s() - fetched));
  for (double until = now_s() + 0.3; now_s() < until; sleep_s(0.02)) {
    copy(manager, keys, served);
    CHECK(strcmp(served, good) == 0, "the last good token while the refresh fails");
  }
  int after = token_requests();
  CHECK(after == before + 1, "one refresh tried: %d requests after %d", after, before);
  vipps_token_manager_free(manager);
  emulator_post("/_emulator/reset", "{}");
}

static void retries_are_bounded(void) {
  vipps_config *config = NULL;
  CHECK(vipps_config_new(base, &config) == VIPPS_STATUS_OK, "config");
  CHECK(vipps_config_set_max_retries(config, 21) == VIPPS_STATUS_CONFIGURATION, "21 retries refused");
  char *message = vipps_last_error_message();
  CHECK(message && strstr(message, "max_retries"), "names the field: %s", message ? message : "(null)");
  vipps_string_free(message);
  CHECK(vipps_config_set_max_retries(NULL, 1) == VIPPS_STATUS_CONFIGURATION, "NULL config");
  vipps_config_free(config);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s <emulator base URL>\n", argv[0]);
    return 2;
  }
  base = argv[1];
  vipps_credentials *keys = NULL;
  CHECK(vipps_credentials_new_merchant("emu-client-id", "emu-client-secret", "emu-subscription-key", "123456",
                                       &keys) == VIPPS_STATUS_OK,
        "keys");
  vipps_token_manager *manager = manager_with_retries(4);
  cold_cache_makes_one_request(manager, keys);
  stale_token_is_served_and_refreshed_once(manager, keys);
  vipps_token_manager_free(manager);
  failed_refresh_serves_the_last_good_token(keys);
  retries_are_bounded();
  vipps_credentials_free(keys);
  if (failures) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("C token lifecycle tests passed\n");
  return 0;
}
