package io.github.neuralstyle4j.spark;

import org.apache.spark.sql.SparkSession;

/** The Spark session of a command: the master given by spark-submit, else {@code --master} (in-process). */
final class SparkSessions {

    private SparkSessions() {
    }

    /**
     * The running session, or a new one. Under {@code spark-submit} the master is the cluster's and {@code master}
     * is ignored; otherwise this JVM runs Spark in local mode.
     */
    static SparkSession open(String master) {
        SparkSession.Builder b = SparkSession.builder().appName("neuralstyle4j")
                // no web UI for a command-line run in local mode; the cluster's own settings win under spark-submit
                .config("spark.ui.enabled", System.getProperty("spark.ui.enabled", "false"))
                .config("spark.ui.showConsoleProgress", "false");
        if (System.getProperty("spark.master") == null) {
            b.master(master);
        }
        return b.getOrCreate();
    }
}
