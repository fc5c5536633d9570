package org.sttbench.cli;
public class Main { public static void main(String[] a) {} }
