/* Per-call cost of a cached token from C — get + free, and the copy into a caller's buffer —
 * median of 51 batches, beside a floor measured in the same run (copying a token-sized
 * string out and freeing it, which any get must do); with a Redis URL as well, get+free from a manager sharing a store
 * beside one without (a hit never touches Redis, so the two should match).
 * Usage: bench_cached <emulator base URL> [<redis URL>] */
#include "vipps_auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int compare(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

enum { BATCHES = 51, CALLS = 20000 };

struct get {
  const vipps_token_manager *manager;
  const vipps_credentials *keys;
};

static void get_and_free(const void *context) {
  const struct get *get = context;
  vipps_access_token *token = NULL;
  if (vipps_token_manager_get(get->manager, get->keys, &token)) exit(1);
  vipps_access_token_free(token);
}

static void copy_free(const void *text) {
  char *copy = strdup(text);
  if (!copy) exit(1);
  free(copy);
}

/* The median per-call time of `call` over 51 batches, after 5 warm-up batches. */
static double median_per_call(void (*call)(const void *), const void *context) {
  double per_call[BATCHES];
  for (int b = -5; b < BATCHES; b++) {
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int i = 0; i < CALLS; i++) call(context);
    clock_gettime(CLOCK_MONOTONIC, &end);
    if (b >= 0) per_call[b] = ((end.tv_sec - start.tv_sec) * 1e9 + (end.tv_nsec - start.tv_nsec)) / CALLS;
  }
  qsort(per_call, BATCHES, sizeof per_call[0], compare);
  return per_call[BATCHES / 2];
}

static double median_get_free(const vipps_token_manager *manager, const vipps_credentials *keys) {
  struct get get = {manager, keys};
  return median_per_call(get_and_free, &get);
}

int main(int argc, char **argv) {
  if (argc < 2 || argc > 3) return 2;
  vipps_config *config = NULL;
  vipps_token_manager *manager = NULL;
  vipps_credentials *keys = NULL;
  if (vipps_config_new(argv[1], &config) || vipps_token_manager_new(config, &manager) ||
      vipps_credentials_new_merchant("emu-client-id", "emu-client-secret", "emu-subscription-key", "123456", &keys)) {
    fprintf(stderr, "set-up failed\n");
    return 1;
  }
  double get_free = median_get_free(manager, keys);
  printf("  C cached get+free (median)                  %.1f ns\n", get_free);
  vipps_access_token *token = NULL;
  if (vipps_token_manager_get(manager, keys, &token)) return 1;
  double floor = median_per_call(copy_free, vipps_access_token_value(token));
  vipps_access_token_free(token);
  printf("  for scale, strdup+free of the token (median) %.1f ns\n", floor);
  char buffer[2048];
  double per_call[BATCHES];
  for (int b = -5; b < BATCHES; b++) {
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int i = 0; i < CALLS; i++) {
      size_t length = 0;
      if (vipps_token_manager_copy_token(manager, keys, buffer, sizeof buffer, &length)) return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    if (b >= 0) per_call[b] = ((end.tv_sec - start.tv_sec) * 1e9 + (end.tv_nsec - start.tv_nsec)) / CALLS;
  }
  qsort(per_call, BATCHES, sizeof per_call[0], compare);
  printf("  C cached copy into a buffer (median)        %.1f ns\n", per_call[BATCHES / 2]);
  vipps_store *store = NULL;
  vipps_token_manager *shared = NULL;
  if (argc == 3) {
    if (vipps_store_new_redis(argv[2], 2000, &store) || vipps_token_manager_new_with_store(config, store, NULL, &shared))
      return 1;
    double with_store = median_get_free(shared, keys), without = median_get_free(manager, keys);
    printf("  C cached get+free with a shared store       %.1f ns; without, measured again %.1f ns (%.2fx)\n",
           with_store, without, with_store / without);
    vipps_token_manager_free(shared);
    vipps_store_free(store);
  }
  vipps_credentials_free(keys);
  vipps_token_manager_free(manager);
  vipps_config_free(config);
  return 0;
}
