#!/usr/bin/env bash
# Many short style transfers in one JVM, printing resident memory (RSS) after each: a native-memory leak shows as
# RSS that keeps climbing. Usage: tools/bench/soak.sh [RUNS=50] [SIZE=32]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B package -DskipTests        # target/classes, target/test-classes and the dependencies in target/lib
exec java -Xmx1g -cp 'target/classes:target/test-classes:target/lib/*' io.github.neuralstyle4j.engine.SoakRuns "$@"
