/* Just enough HTTP/1.1 to play the browser against the emulator on 127.0.0.1 and to time a
 * bare POST beside the SDK: one connection, requests one after another, each answer read
 * whole (by Content-Length, or to the end when the server closes). The emulator writes header
 * names in lower case, as hyper does. Header-only: static inline, and valid C++ for the wrapper's test. */
#ifndef EMULATOR_HTTP_H
#define EMULATOR_HTTP_H

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* A connection to the emulator's port on 127.0.0.1; -1 when it cannot be made. */
static inline int http_connect(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in addr;
  memset(&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_port = htons((uint16_t)port);
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (fd >= 0 && connect(fd, (struct sockaddr *)&addr, sizeof addr) == 0) return fd;
  if (fd >= 0) close(fd);
  return -1;
}

/* How many bytes the answer in `answer` (headers complete) takes; 0 when it runs to the close. */
static inline size_t http_answer_length(const char *answer) {
  const char *end = strstr(answer, "\r\n\r\n");
  const char *length = strstr(answer, "\r\ncontent-length:");
  if (!length || length > end) return 0;
  return (size_t)(end + 4 - answer) + strtoul(length + strlen("\r\ncontent-length:"), NULL, 10);
}

/* One request on `fd` (`headers`: extra lines, each ending in \r\n, or NULL); the whole answer,
 * malloc'd and NUL-terminated, or NULL when the connection fails. */
static inline char *http_request(int fd, const char *method, const char *path, const char *headers, const char *body) {
  /* One write for head and body: two would wait on Nagle and the peer's delayed ACK. */
  size_t body_length = body ? strlen(body) : 0, room = 1024 + strlen(path) + (headers ? strlen(headers) : 0) + body_length;
  char *request = (char *)malloc(room);
  int n = snprintf(request, room,
                   "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%sContent-Type: application/x-www-form-urlencoded\r\n"
                   "Content-Length: %zu\r\n\r\n%s",
                   method, path, headers ? headers : "", body_length, body ? body : "");
  ssize_t sent = n > 0 ? write(fd, request, (size_t)n) : -1;
  free(request);
  if (sent != n) return NULL;
  size_t size = 0, cap = 8192, whole = 0;
  char *answer = (char *)malloc(cap);
  ssize_t got;
  while ((!whole || size < whole) && (got = read(fd, answer + size, cap - size - 1)) > 0) {
    size += (size_t)got;
    answer[size] = 0;
    if (!whole && strstr(answer, "\r\n\r\n")) whole = http_answer_length(answer);
    if (cap - size < 1024) answer = (char *)realloc(answer, cap *= 2);
  }
  answer[size] = 0;
  if (size == 0) {
    free(answer);
    return NULL;
  }
  return answer;
}

/* One request on a connection of its own, closed after the answer. */
static inline char *http_once(int port, const char *method, const char *path, const char *body) {
  int fd = http_connect(port);
  if (fd < 0) return NULL;
  char *answer = http_request(fd, method, path, "Connection: close\r\n", body);
  close(fd);
  return answer;
}

/* The path and query of a URL on the emulator. */
static inline const char *http_path_of(const char *url) {
  const char *rest = strstr(url, "://");
  return rest ? strchr(rest + 3, '/') : url;
}

/* Where a 302 answer sends the browser, malloc'd; NULL when it does not redirect. */
static inline char *http_location(const char *answer) {
  const char *at = answer ? strstr(answer, "\r\nlocation: ") : NULL;
  if (!at) return NULL;
  at += strlen("\r\nlocation: ");
  return strndup(at, strcspn(at, "\r\n"));
}

/* Opens `url` as a browser would and returns where the emulator's 302 sends it, malloc'd. */
static inline char *http_follow(int port, const char *url) {
  char *answer = http_once(port, "GET", http_path_of(url), NULL);
  char *next = http_location(answer);
  free(answer);
  return next;
}

#endif
