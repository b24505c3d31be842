/* `vipps_login_complete` (exchange + ID-token checks) from C beside a bare POST of the same
 * exchange on a kept-alive connection: interleaved rounds, each with a fresh code made
 * outside the timing; medians.
 * Usage: bench_complete <emulator base URL> */
#define _POSIX_C_SOURCE 200809L
#include "../tests/emulator_http.h"
#include "vipps_auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define REDIRECT_URI "https://example.com/app/callback"
#define TOKEN_PATH "/access-management-1.0/access/oauth2/token"
/* base64("emu-client-id:emu-client-secret"), the emulator's documented fake credentials. */
#define BASIC "Authorization: Basic ZW11LWNsaWVudC1pZDplbXUtY2xpZW50LXNlY3JldA==\r\n"

static int port;

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e9 + t.tv_nsec;
}

static int compare(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* The PKCE verifier inside a serialized pending login ("vipps-login.v1." + base64url JSON). */
static void verifier_of(const char *pending, char *out, size_t size) {
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const char *in = strchr(pending, '.') ? strrchr(pending, '.') + 1 : pending;
  char json[4096];
  size_t n = 0, bits = 0;
  unsigned long acc = 0;
  for (; *in && n < sizeof json - 1; in++) {
    const char *at = strchr(alphabet, *in);
    if (!at) break;
    acc = (acc << 6) | (unsigned long)(at - alphabet);
    if ((bits += 6) >= 8) json[n++] = (char)((acc >> (bits -= 8)) & 0xff);
  }
  json[n] = 0;
  const char *v = strstr(json, "\"verifier\":\"");
  v = v ? v + strlen("\"verifier\":\"") : "";
  snprintf(out, size, "%.*s", (int)strcspn(v, "\""), v);
}

/* A fresh login up to the callback URL; both malloc'd. */
static void fresh_login(vipps_login_client *client, char **pending, char **callback) {
  char *url = NULL;
  if (vipps_login_authorize(client, REDIRECT_URI, "name", &url, pending) != VIPPS_STATUS_OK) exit(1);
  *callback = http_follow(port, url);
  vipps_string_free(url);
  if (!*callback) exit(1);
}

static double sdk_round(vipps_login_client *client) {
  char *pending, *callback, *claims = NULL;
  fresh_login(client, &pending, &callback);
  double began = now_ns();
  vipps_status status = vipps_login_complete(client, pending, callback, false, &claims);
  double spent = now_ns() - began;
  if (status != VIPPS_STATUS_OK) exit(1);
  vipps_string_free(claims);
  vipps_string_free(pending);
  free(callback);
  return spent;
}

static double bare_round(vipps_login_client *client, int fd) {
  char *pending, *callback, verifier[256], form[1024];
  fresh_login(client, &pending, &callback);
  const char *code = strstr(callback, "code=") + strlen("code=");
  verifier_of(pending, verifier, sizeof verifier);
  snprintf(form, sizeof form,
           "grant_type=authorization_code&code=%.*s&redirect_uri=https%%3A%%2F%%2Fexample.com%%2Fapp%%2Fcallback"
           "&code_verifier=%s",
           (int)strcspn(code, "&"), code, verifier);
  double began = now_ns();
  char *answer = http_request(fd, "POST", TOKEN_PATH, BASIC, form);
  double spent = now_ns() - began;
  if (!answer || strncmp(answer, "HTTP/1.1 200", 12) != 0) exit(1);
  free(answer);
  vipps_string_free(pending);
  free(callback);
  return spent;
}

int main(int argc, char **argv) {
  if (argc != 2 || sscanf(argv[1], "http://127.0.0.1:%d", &port) != 1) return 2;
  vipps_config *config = NULL;
  vipps_login_client *client = NULL;
  if (vipps_config_new(argv[1], &config) != VIPPS_STATUS_OK ||
      vipps_login_client_new(config, VIPPS_LOGIN_AUTH_BASIC, "emu-client-id", "emu-client-secret", &client) !=
          VIPPS_STATUS_OK)
    return 1;
  vipps_config_free(config);
  int fd = http_connect(port);
  if (fd < 0) return 1;
  enum { WARM = 30, ROUNDS = 200 };
  double sdk[ROUNDS], bare[ROUNDS];
  for (int i = -WARM; i < ROUNDS; i++) {
    double s = sdk_round(client), b = bare_round(client, fd);
    if (i >= 0) sdk[i] = s, bare[i] = b;
  }
  qsort(sdk, ROUNDS, sizeof sdk[0], compare);
  qsort(bare, ROUNDS, sizeof bare[0], compare);
  double s = sdk[ROUNDS / 2] / 1e6, b = bare[ROUNDS / 2] / 1e6;
  printf("  complete (exchange + ID-token checks), C ABI: %.2f ms; a bare POST on a kept-alive socket: %.2f ms (%.2fx)\n", s, b,
         s / b);
  close(fd);
  vipps_login_client_free(client);
  return 0;
}
