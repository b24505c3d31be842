#!/usr/bin/env bash
# Kotlin/JVM: Maven builds the library with cargo, puts it in the jar, generates the bindings,
# compiles them and runs the JUnit suite (Kotlin and Java) through JNA against the emulator.
# Then the README's Kotlin and Java programs run with plain `java -cp`: the jar alone finds
# the native library.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/lib/emulator.sh
source scripts/lib/redis.sh
ensure_redis_server   # SharedStoreTest starts its own

# The jar packs the release library unless asked; the suite asks for debug (built anyway for
# the tests) and checks the default is release.
python3 - bindings/kotlin/pom.xml <<'PY'
import sys, xml.etree.ElementTree as ET
profile = ET.parse(sys.argv[1]).getroot().find("{*}properties/{*}rust.profile.dir").text
assert profile == "release", f"mvn install would pack a {profile} library"
PY
mvn -B -q -Dstyle.color=never -f bindings/kotlin install -Dcargo.target.dir="$TARGET_DIR" -Drust.profile.dir=debug
python3 - bindings/kotlin/target/surefire-reports <<'PY'
import sys, pathlib, xml.etree.ElementTree as ET
suites = [ET.parse(p).getroot() for p in pathlib.Path(sys.argv[1]).glob("TEST-*.xml")]
count = lambda key: sum(int(s.get(key)) for s in suites)
print(f"Kotlin: {count('tests')} tests in {len(suites)} classes, {count('failures') + count('errors')} failed")
assert count("tests") > 0 and any("JavaApiTest" in s.get("name") for s in suites)
PY

classpath=$TARGET_DIR/kotlin-runtime.cp
mvn -B -q -Dstyle.color=never -f bindings/kotlin dependency:build-classpath -Dmdep.outputFile="$classpath" -Dmdep.includeScope=runtime
jar=bindings/kotlin/target/vipps-auth-0.1.0.jar
python3 -c 'import sys, zipfile; names = zipfile.ZipFile(sys.argv[1]).namelist()
assert any(n.endswith(("/libvipps_auth.so", "/libvipps_auth.dylib")) for n in names), "no native library in the jar"' "$jar"

start_emulator --phone-interval 1
export VIPPS_ENV=$EMULATOR_URL VIPPS_CLIENT_ID=emu-client-id VIPPS_CLIENT_SECRET=emu-client-secret \
  VIPPS_SUBSCRIPTION_KEY=emu-subscription-key VIPPS_MSN=123456
cp="$jar:bindings/kotlin/target/test-classes:$(cat "$classpath")"
java -cp "$cp" QuickstartKt | grep -q '^Authorization: Bearer <'
java -cp "$cp" JavaQuickstart | grep -q '^Authorization: Bearer <'
if VIPPS_CLIENT_SECRET=wrong java -cp "$cp" JavaQuickstart 2>/dev/null; then echo "a wrong secret must fail"; exit 1; fi
# Config.fromEnv(): a missing or unknown VIPPS_ENV is named, with what to set.
err=$(env -u VIPPS_ENV java -cp "$cp" JavaQuickstart 2>&1) && { echo "a missing VIPPS_ENV must fail"; exit 1; }
echo "$err" | grep -q 'VIPPS_ENV: not set; set it to `test`, `production`' || { echo "unclear: $err"; exit 1; }
err=$(VIPPS_ENV=prod java -cp "$cp" JavaQuickstart 2>&1) && { echo "VIPPS_ENV=prod must be refused"; exit 1; }
echo "$err" | grep -q 'expected `test`, `production` or a base URL, got `prod`' || { echo "unclear: $err"; exit 1; }
# LoginClient.fromEnv(config): a missing key is named, not a NullPointerException.
err=$(env -u VIPPS_CLIENT_ID java -cp "$cp" JavaPhoneLogin 2>&1) && { echo "a missing VIPPS_CLIENT_ID must fail"; exit 1; }
echo "$err" | grep -q 'VIPPS_CLIENT_ID: not set; copy it from' || { echo "unclear: $err"; exit 1; }
java -cp "$cp" PhoneLoginQuickstartKt | grep -q '^welcome, Kari Nordmann$'
java -cp "$cp" JavaPhoneLogin | grep -q '^welcome, Kari Nordmann$'
# The browser-login examples print the authorize URL and read the URL that came back.
python3 scripts/lib/play_browser.py java -cp "$cp" LoginQuickstartKt
python3 scripts/lib/play_browser.py java -cp "$cp" JavaLogin
# The app-to-app quickstart prints the URL and reads the one the app was opened with.
coproc APP { java -cp "$cp" AppLoginQuickstartKt; }
read -r url <&"${APP[0]}"
curl -s -o /dev/null -w '%{redirect_url}\n' "$url" >&"${APP[1]}"
read -r said <&"${APP[0]}"
wait "$APP_PID"
[ "$said" = "logged in: Kari Nordmann" ] || { echo "the app-to-app quickstart said: $said"; exit 1; }
echo "Kotlin and Java quickstarts (token, browser login, phone login, app-to-app) ran from the jar against the emulator"
