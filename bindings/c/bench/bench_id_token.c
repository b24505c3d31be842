/* Per-call cost of offline ID-token verification from C, median of 21 batches: with
 * vipps_id_token_verify, which reads the JWKS document on every call, and with a
 * vipps_id_token_verifier, which read it once and writes the claims JSON.
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

static char *lines[6];
static long long now;
static vipps_id_token_verifier *verifier;

static int one_shot(void) {
  return vipps_id_token_verify(lines[0], lines[1], lines[2], lines[3], NULL, lines[4], NULL, 60, now);
}

static int with_verifier(void) {
  char *claims = NULL;
  vipps_status status = vipps_id_token_verifier_verify(verifier, lines[0], lines[4], NULL, now, &claims);
  vipps_string_free(claims);
  return status;
}

/* The median per-call time of `call` in µs, or -1 if a call failed. */
static double median_us(int (*call)(void)) {
  enum { BATCHES = 21, CALLS = 500 };
  double per_call[BATCHES];
  for (int b = -3; b < BATCHES; b++) {
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (int i = 0; i < CALLS; i++) {
      if (call()) return -1;
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    if (b >= 0) per_call[b] = ((end.tv_sec - start.tv_sec) * 1e9 + (end.tv_nsec - start.tv_nsec)) / CALLS;
  }
  qsort(per_call, BATCHES, sizeof per_call[0], compare);
  return per_call[BATCHES / 2] / 1000;
}

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  FILE *f = fopen(argv[1], "r");
  if (!f) return 2;
  size_t caps[6] = {0};
  for (int i = 0; i < 6; i++) {
    ssize_t n = getline(&lines[i], &caps[i], f);
    if (n <= 0) return 2;
    lines[i][strcspn(lines[i], "\n")] = 0;
  }
  fclose(f);
  now = atoll(lines[5]);
  if (vipps_id_token_verifier_new(lines[1], lines[2], lines[3], NULL, 60, &verifier)) return 1;
  double each_call = median_us(one_shot), once = median_us(with_verifier);
  if (each_call < 0 || once < 0) return 1;
  printf("  C ID-token verification RS256, JWKS read each call (median)   %.1f µs\n", each_call);
  printf("  C ID-token verification RS256, verifier with the claims JSON  %.1f µs\n", once);
  vipps_id_token_verifier_free(verifier);
  for (int i = 0; i < 6; i++) free(lines[i]);
  return 0;
}
