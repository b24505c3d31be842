/* What the C tests share: a failure count, checks that say where and why they failed, and
 * reading a vectors file (written by the *_to_text.py scripts) line by line. */
#ifndef VIPPS_TEST_CHECK_H
#define VIPPS_TEST_CHECK_H
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <sys/types.h>

static int failures = 0;

#define CHECK(cond, ...)                                              \
  do {                                                                \
    if (!(cond)) {                                                    \
      failures++;                                                     \
      fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
      fprintf(stderr, __VA_ARGS__);                                   \
      fprintf(stderr, "\n");                                          \
    }                                                                 \
  } while (0)

/* A check about one vector: what was expected, and of which input. */
#define EXPECT(cond, what, input) CHECK(cond, "%s: [%s]", what, input)

/* The next line without its newline, in a buffer getline grows; NULL at the end. */
static inline char *next_line(FILE *f, char **line, size_t *cap) {
  ssize_t n = getline(line, cap, f);
  if (n < 0) return NULL;
  if (n > 0 && (*line)[n - 1] == '\n') (*line)[n - 1] = 0;
  return *line;
}

#endif
