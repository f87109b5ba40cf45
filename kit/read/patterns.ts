// The regular expressions of the reading layer's own modules (kit/read/*.ts); each reader folder
// keeps its own patterns.ts. test/redos.test.ts checks every one of them.
export const PATTERNS = {
  /** A figure as tables write it (7.5以上, 3.8%, -16.8), or a dash standing for none. */
  FIGURE: /^(?:[-+−]?\d[\d,，]*(?:\.\d+)?%?(?:以上|左右|以内|以下)?|[—–－-]+|\/)$/,
  /** A year on its own is a column's label (2023, 2023年), not a figure. */
  YEAR: /^(?:19|20)\d\d年?$/,
  /** Letter-spaced Chinese in headers (指 标 名 称): the spaces are layout, not words. */
  SPACED: /(?<=[\u3400-\u9fff])[ \u3000]+(?=[\u3400-\u9fff])/g,
  /** Thousands separators inside a number. */
  THOUSANDS: /[,，]/g,
  /** The numbers of a cell. */
  NUMBER: /[-−]?\d+(?:\.\d+)?/g,
} as const;
