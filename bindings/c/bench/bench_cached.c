/* Per-call cost of a cached token from C — get + free, and the copy into a caller's buffer —
 * median of 51 batches.
 * Usage: bench_cached <emulator base URL> */
#include "vipps_auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static int compare(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  vipps_config *config = NULL;
  vipps_token_manager *manager = NULL;
  vipps_credentials *keys = NULL;
  if (vipps_config_new(argv[1], &config) || vipps_token_manager_new(config, &manager) ||
      vipps_credentials_new_merchant("emu-client-id", "emu-client-secret", "emu-subscription-key", "123456", &keys)) {
    fprintf(stderr, "set-up failed\n");
    return 1;
  }
  enum { BATCHES = 51, CALLS = 20000 };
  double per_call[BATCHES];
  for (int b = -5; b < BATCHES; b++) { /* 5 warm-up batches */
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int i = 0; i < CALLS; i++) {
      vipps_access_token *token = NULL;
      if (vipps_token_manager_get(manager, keys, &token)) return 1;
      vipps_access_token_free(token);
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    if (b >= 0) per_call[b] = ((end.tv_sec - start.tv_sec) * 1e9 + (end.tv_nsec - start.tv_nsec)) / CALLS;
  }
  qsort(per_call, BATCHES, sizeof per_call[0], compare);
  printf("  C cached get+free (median)                  %.1f ns\n", per_call[BATCHES / 2]);
  char buffer[2048];
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
  vipps_credentials_free(keys);
  vipps_token_manager_free(manager);
  vipps_config_free(config);
  return 0;
}
