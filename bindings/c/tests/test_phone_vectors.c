/* The shared phone-login vectors through the C ABI: phone numbers and binding messages, plus
 * NULL and invalid UTF-8 on both functions.
 * Usage: test_phone_vectors <file written by phone_vectors_to_text.py> */
#include "check.h"
#include "vipps_auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void phone_ok(const char *input, const char *hint, const char *masked) {
  char *got_hint = NULL, *got_masked = NULL;
  vipps_status status = vipps_phone_number_normalize(input, &got_hint, &got_masked);
  EXPECT(status == VIPPS_STATUS_OK, "a number that should parse", input);
  if (status != VIPPS_STATUS_OK) return;
  EXPECT(strcmp(got_hint, hint) == 0, "login hint", input);
  EXPECT(strcmp(got_masked, masked) == 0, "masked form", input);
  vipps_string_free(got_hint);
  vipps_string_free(got_masked);
}

static void phone_refused(const char *input, const char *reason, const char *digits) {
  char *hint = NULL, *masked = NULL;
  vipps_status status = vipps_phone_number_normalize(input, &hint, &masked);
  char *message = vipps_last_error_message();
  EXPECT(status == VIPPS_STATUS_CONFIGURATION, "a number that should be refused", input);
  EXPECT(hint == NULL && masked == NULL, "outputs untouched on error", input);
  EXPECT(message && strstr(message, reason), "the reason in the message", input);
  EXPECT(!message || strcmp(digits, "-") == 0 || !strstr(message, digits), "the number kept out of the message", input);
  vipps_string_free(message);
}

int main(int argc, char **argv) {
  if (argc != 2) return 2;
  FILE *f = fopen(argv[1], "r");
  if (!f) return 2;
  char *line = NULL, *fields[3] = {0};
  size_t cap = 0, caps[3] = {0};
  int numbers = 0, messages = 0;
  while (next_line(f, &line, &cap)) {
    if (strcmp(line, "P ok") == 0 || strcmp(line, "P error") == 0) {
      for (int i = 0; i < 3; i++) next_line(f, &fields[i], &caps[i]);
      if (line[2] == 'o') phone_ok(fields[0], fields[1], fields[2]);
      else phone_refused(fields[0], fields[1], fields[2]);
      numbers++;
    } else if (strcmp(line, "B ok") == 0 || strcmp(line, "B bad") == 0) {
      int ok = line[2] == 'o';
      next_line(f, &fields[0], &caps[0]);
      vipps_status status = vipps_binding_message_check(fields[0]);
      EXPECT(ok ? status == VIPPS_STATUS_OK : status == VIPPS_STATUS_CONFIGURATION, "binding message", fields[0]);
      messages++;
    }
  }
  free(line);
  for (int i = 0; i < 3; i++) free(fields[i]);
  fclose(f);

  char *hint = NULL, *masked = NULL;
  const char invalid_utf8[] = {'+', '4', '7', (char)0xff, 0};
  EXPECT(vipps_phone_number_normalize(NULL, &hint, &masked) == VIPPS_STATUS_CONFIGURATION, "NULL input", "");
  EXPECT(vipps_phone_number_normalize("+4712345678", NULL, &masked) == VIPPS_STATUS_CONFIGURATION, "NULL output", "");
  EXPECT(vipps_phone_number_normalize(invalid_utf8, &hint, &masked) == VIPPS_STATUS_CONFIGURATION, "invalid UTF-8", "");
  EXPECT(vipps_binding_message_check(NULL) == VIPPS_STATUS_CONFIGURATION, "NULL binding message", "");
  EXPECT(vipps_binding_message_check(invalid_utf8) == VIPPS_STATUS_CONFIGURATION, "invalid UTF-8 message", "");
  EXPECT(hint == NULL && masked == NULL, "nothing written on error", "");

  if (numbers < 20 || messages < 10) {
    fprintf(stderr, "read only %d numbers and %d binding messages\n", numbers, messages);
    return 1;
  }
  if (failures) return 1;
  printf("C: %d phone numbers and %d binding messages as the vectors say\n", numbers, messages);
  return 0;
}
