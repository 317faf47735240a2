#!/usr/bin/env bash
# The Spark stack of tools/neuralstyle (docs/spark.md), which dispatches `spark ...` and `search index --from-parquet`
# here: builds the classes with the Maven profile `spark` (Spark's jars come from Maven, never into target/lib) and
# runs the jobs in this JVM, Spark in local mode (--master local[N], default local[*]).
#   tools/neuralstyle spark stylize --master local[2] --input photos/ --config config/default.json --output-dir out/
# JAVA_OPTS is passed to the JVM (e.g. JAVA_OPTS=-Xmx8g).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
classpath="$root/target/spark-classpath.txt"
main_class="$root/target/classes/io/github/neuralstyle4j/spark/SparkMain.class"

stale() {
  [ ! -f "$classpath" ] || [ ! -f "$main_class" ] && return 0
  [ -n "$(find "$root/pom.xml" "$root/src/main" "$root/src/spark" -newer "$classpath" -print -quit 2>/dev/null)" ]
}

if stale; then
  echo "neuralstyle: building the Spark stack (first run or sources changed) ..." >&2
  log="$(mktemp)"
  # -Dlean -Pspark: this stack without the other optional ones; every scope but the test engines: the core's
  # runtime jars and Spark's provided ones
  if ! (cd "$root" && mvn -q -B -Dlean -Pspark -DskipTests compile dependency:build-classpath -Dmdep.includeScope=test \
        -Dmdep.excludeGroupIds=org.junit.jupiter,org.junit.platform,net.jqwik,org.opentest4j,org.apiguardian \
        -Dmdep.outputFile="$classpath") >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "neuralstyle: the Spark build failed (see above)" >&2
    exit 1
  fi
  rm -f "$log"
fi

if [ "${1:-}" = search ]; then
  shift 2                      # search index --from-parquet P --index DIR  ->  index --from-parquet P --index DIR
  set -- index "$@"
elif [ "${1:-}" = spark ]; then
  shift
fi
# what Spark's own launcher gives a Java 17 JVM (org.apache.spark.launcher.JavaModuleOptions); pom.xml has the same
opens=(-XX:+IgnoreUnrecognizedVMOptions)
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done
opens+=(--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true)
export ORT_DISABLE_TELEMETRY="${ORT_DISABLE_TELEMETRY:-1}"
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} "${opens[@]}" -Dneuralstyle.home="$root" \
  -Dlog4j2.configurationFile="$root/src/spark/log4j2.properties" \
  -cp "$root/target/classes:$(cat "$classpath")" io.github.neuralstyle4j.spark.SparkMain "$@"
