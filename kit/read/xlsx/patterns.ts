// Regular expressions of the spreadsheet reader (checked by test/redos.test.ts).
export const PATTERNS = {
  /** A sheet name Excel or WPS gave by default ("Sheet1", "工作表2"): not a caption worth reading. */
  defaultSheetName: /^(?:sheet|工作表)\s?\d{0,4}$/i,
};
