import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Browser, notebook and spreadsheet tests start real programs; keep them from competing.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
