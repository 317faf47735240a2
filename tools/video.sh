#!/usr/bin/env bash
# The video stack of tools/neuralstyle (docs/video.md), which dispatches `video ...` here: builds it with the Maven
# profile `video` alone (-Dlean -Pvideo: JavaCV's FFmpeg and OpenCV, ~46 MB of jars on first use, never into
# target/lib; no other optional stack) and runs io.github.neuralstyle4j.video.VideoCommand.
#   tools/neuralstyle video --input clip.mp4 --style painting.jpg --output-dir styled/ --output styled.mp4
# JAVA_OPTS is passed to the JVM (e.g. JAVA_OPTS=-Xmx8g).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/target/neuralstyle4j.jar"
video_jar="$root/target/neuralstyle4j-video.jar"
classpath="$root/target/video.classpath"

stale() {
  [ ! -f "$jar" ] || [ ! -f "$video_jar" ] || [ ! -f "$classpath" ] && return 0
  [ -n "$(find "$root/pom.xml" "$root/src/main" "$root/src/video/java" -newer "$video_jar" -print -quit \
          2>/dev/null)" ]
}

if stale; then
  echo "neuralstyle: building the video stack (first video run or sources changed) ..." >&2
  log="$(mktemp)"
  if ! (cd "$root" && mvn -q -B -DskipTests -Dlean -Pvideo package) >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "neuralstyle: the video build failed (see above)" >&2
    exit 1
  fi
  rm -f "$log"
fi
export ORT_DISABLE_TELEMETRY="${ORT_DISABLE_TELEMETRY:-1}"
# the core jar brings target/lib through its manifest's Class-Path
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -Dneuralstyle.home="$root" -cp "$jar:$video_jar:$(cat "$classpath")" \
  io.github.neuralstyle4j.video.VideoCommand "$@"
