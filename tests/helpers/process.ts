// The benchmarks start servers the same way, and scripts/ never imports tests/: the code lives in scripts/lib.
export * from "../../scripts/lib/process.js";
