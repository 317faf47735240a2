/**
 * Apache Spark jobs over many images (docs/spark.md): {@code spark stylize} (one output per input and a results
 * table, restartable), {@code spark features} (search descriptors into Parquet), {@code spark index} (the Lucene
 * index of {@code search} from that Parquet) and {@code spark recall} (HNSW recall@K against an exact top-K).
 * Built by the Maven profile {@code spark}; Spark itself is provided by the cluster or the launcher.
 */
package io.github.neuralstyle4j.spark;
