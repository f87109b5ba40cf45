// The regular expressions of the PDF reader (test/redos.test.ts checks each of them).
export const PATTERNS = {
  /**
   * A page number as a header or footer prints it, spaces removed: "-1-", "— 3 —", "·3·", "3",
   * "第3页", "第3页共13页", "共13页第3页", "3/13", "Page 3".
   */
  pageNumber:
    /^(?:[-—–－―~～·•_.]{0,3}\d{1,4}[-—–－―~～·•_.]{0,3}|第\d{1,4}页(?:[,，/]?共\d{1,4}页)?|共\d{1,4}页[,，]?第\d{1,4}页|\d{1,4}[/／]\d{1,4}|[Pp]age\d{1,4}(?:of\d{1,4})?)$/,
  /** A footnote marker set as a superscript: [1], ［2］, ①. */
  noteMarker: /^(?:\[\d{1,3}\]|［\d{1,3}］|[\u2460-\u2473])$/,
  /** A line that opens with a section or item number: 一、 （二） 第三章 3. — a heading when it stands short. */
  enumeratedHeading: /^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|第[一二三四五六七八九十百]{1,4}[章节部分篇]|\d{1,2}[、.．](?!\d))/,
  /** A mark that ends a sentence somewhere in a paragraph (a title has none). */
  sentenceEnd: /[。！？；!?;]/,
  /** A table cell that is a figure: 386.42, -3.2, 1,234, 45.31%. */
  figureCell: /^[-+−]?\d+(?:[.,]\d+)*%?$/,
  /** A line that opens with a bracket: （亿元） — the unit of a label wrapped onto it. */
  startsBracket: /^[（(]/,
  /** A bracketed unit or note at a label's end, or anywhere in it. */
  endsBracketGroup: /[（(][^（()）]{1,12}[）)]$/,
  bracketGroup: /[（(][^（()）]{1,12}[）)]/,
  /** Runs of digits, so that running titles with a page number or a date compare equal. */
  digits: /\d+/g,
  /** A Windows drive in a file URL's path: /C:/… */
  driveInUrlPath: /^\/[A-Za-z]:\//,
};
