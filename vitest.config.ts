import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 600_000,
    // Browser, notebook and spreadsheet tests start real programs; keep them from competing.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
