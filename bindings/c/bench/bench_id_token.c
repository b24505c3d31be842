/* Per-call cost of offline ID-token verification from C (vipps_id_token_verify, which reads
 * the JWKS document on every call), median of 21 batches.
 * Usage: bench_id_token <file: token, jwks, issuer, client_id, nonce, now — one per line> */
#define _POSIX_C_SOURCE 200809L
#include "vipps_auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int compare(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  FILE *f = fopen(argv[1], "r");
  if (!f) return 2;
  char *lines[6] = {0};
  size_t caps[6] = {0};
  for (int i = 0; i < 6; i++) {
    ssize_t n = getline(&lines[i], &caps[i], f);
    if (n <= 0) return 2;
    lines[i][strcspn(lines[i], "\n")] = 0;
  }
  fclose(f);
  long long now = atoll(lines[5]);
  enum { BATCHES = 21, CALLS = 500 };
  double per_call[BATCHES];
  for (int b = -3; b < BATCHES; b++) {
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int i = 0; i < CALLS; i++) {
      if (vipps_id_token_verify(lines[0], lines[1], lines[2], lines[3], NULL, lines[4], NULL, 60, now)) return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    if (b >= 0) per_call[b] = ((end.tv_sec - start.tv_sec) * 1e9 + (end.tv_nsec - start.tv_nsec)) / CALLS;
  }
  qsort(per_call, BATCHES, sizeof per_call[0], compare);
  printf("  C ID-token verification RS256, JWKS read each call (median)  %.1f µs\n", per_call[BATCHES / 2] / 1000);
  for (int i = 0; i < 6; i++) free(lines[i]);
  return 0;
}
