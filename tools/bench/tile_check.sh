#!/usr/bin/env bash
# Checks a tiled run's output as docs/high-resolution.md reports it: the seam ratio at each tile border against every
# other column, and the whole-image style loss at a common smaller size of the output, the last full-frame stage
# (read from the tiles folder) and the content.
# Usage: tools/bench/tile_check.sh CONFIG CONTENT STYLE OUTPUT TILES_DIR CxR OVERLAP SIZE
#   e.g. tools/bench/tile_check.sh config/high-resolution.json photo.jpg painting.jpg print.png work/tiles 2x2 128 540
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B -Dlean package -DskipTests   # target/classes, target/test-classes and the dependencies in target/lib
exec java -cp 'target/classes:target/test-classes:target/lib/*' io.github.neuralstyle4j.tiles.TiledOutputCheck "$@"
