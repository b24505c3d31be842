/* The shared app-URL vectors through the C ABI, plus NULL and invalid UTF-8 arguments.
 * Usage: test_app_vectors <file written by app_vectors_to_text.py> */
#include "check.h"
#include "vipps_auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *kind_name(vipps_app_url_kind kind) {
  switch (kind) {
    case VIPPS_APP_URL_KIND_NOT_OURS: return "not_ours";
    case VIPPS_APP_URL_KIND_RESUME: return "resume";
    case VIPPS_APP_URL_KIND_CODE: return "code";
    case VIPPS_APP_URL_KIND_CANCELLED: return "cancelled";
    case VIPPS_APP_URL_KIND_FAILED: return "failed";
  }
  return "?";
}

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  FILE *f = fopen(argv[1], "r");
  if (!f) return 2;
  char *line = NULL, *url = NULL, *want = NULL, *pending[8] = {0};
  size_t cap = 0, url_cap = 0, want_cap = 0, stored = 0;
  int cases = 0;
  while (next_line(f, &line, &cap)) {
    if (strcmp(line, "L") == 0 && stored < 8) {
      size_t pcap = 0;
      next_line(f, &pending[stored], &pcap);
      stored++;
    } else if (strncmp(line, "U ", 2) == 0) {
      char expected[32], state_wanted[64];
      if (sscanf(line, "U %31s %63s", expected, state_wanted) != 2) break;
      next_line(f, &url, &url_cap);
      next_line(f, &want, &want_cap);
      vipps_app_url_kind kind;
      char *state = NULL, *detail = NULL;
      vipps_status status = vipps_app_url_parse(url, (const char *const *)pending, stored, &kind, &state, &detail);
      EXPECT(status == VIPPS_STATUS_OK, "a URL is never an error", url);
      if (status == VIPPS_STATUS_OK) {
        EXPECT(strcmp(kind_name(kind), expected) == 0, expected, url);
        EXPECT(strcmp(state_wanted, "-") == 0 ? state == NULL : state && strcmp(state, state_wanted) == 0, "state", url);
        EXPECT(strcmp(want, "-") == 0 || (detail && strcmp(detail, want) == 0), "detail", url);
      }
      vipps_string_free(state);
      vipps_string_free(detail);
      cases++;
    }
  }
  fclose(f);

  vipps_app_url_kind kind = VIPPS_APP_URL_KIND_CODE;
  char *state = NULL, *detail = NULL;
  const char invalid_utf8[] = {'h', 't', (char)0xff, 0};
  const char *garbage[] = {"not a pending login"};
  EXPECT(vipps_app_url_parse(NULL, NULL, 0, &kind, &state, &detail) == VIPPS_STATUS_CONFIGURATION, "NULL url", "");
  EXPECT(vipps_app_url_parse(invalid_utf8, NULL, 0, &kind, &state, &detail) == VIPPS_STATUS_CONFIGURATION, "bad UTF-8", "");
  EXPECT(vipps_app_url_parse("x", NULL, 1, &kind, &state, &detail) == VIPPS_STATUS_CONFIGURATION, "NULL array", "");
  EXPECT(vipps_app_url_parse("x", garbage, 1, &kind, &state, &detail) == VIPPS_STATUS_CONFIGURATION, "garbage pending", "");
  EXPECT(vipps_app_url_parse("x", NULL, 0, NULL, &state, &detail) == VIPPS_STATUS_CONFIGURATION, "NULL kind", "");
  EXPECT(kind == VIPPS_APP_URL_KIND_CODE && state == NULL && detail == NULL, "nothing written on error", "");

  free(line);
  free(url);
  free(want);
  for (size_t i = 0; i < stored; i++) free(pending[i]);
  if (cases < 20 || stored != 2) {
    fprintf(stderr, "read only %d cases and %zu pending logins\n", cases, stored);
    return 1;
  }
  if (failures) return 1;
  printf("C: %d app URLs as the vectors say\n", cases);
  return 0;
}
