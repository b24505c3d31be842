"""Plays the browser for a README Login example: runs the command given as arguments, opens the
authorize URL it prints, takes the emulator's redirect back instead of following it, and types
that callback URL into the example, which must then greet the emulator's test user. Prints what
the example printed after, for the caller to check."""

import subprocess
import sys
import urllib.error
import urllib.request


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


example = subprocess.Popen(sys.argv[1:], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
url = example.stdout.readline().strip()
while not url.startswith("http"):  # lines the example prints before its URL
    url = example.stdout.readline().strip()
try:
    urllib.request.build_opener(NoRedirect).open(url)
    raise SystemExit("authorize did not redirect")
except urllib.error.HTTPError as answer:
    callback = answer.headers["Location"]
out, _ = example.communicate(callback + "\n", timeout=120)  # under valgrind, too
assert example.returncode == 0 and "logged in: Kari Nordmann" in out, (sys.argv[1:], example.returncode, out)
print(out, end="")
