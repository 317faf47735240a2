package io.github.neuralstyle4j.cli; public class Main { public static void main(String[] a){} }
