// The HTML reader's regular expressions (test/redos.test.ts checks each of them).
export const PATTERNS = {
  /** The encoding a <meta> tag declares: charset="gbk", content="text/html; charset=gb2312". */
  metaCharset: /charset\s*=\s*["']?([a-z0-9._:-]+)/i,
  /** Inline styles that hide an element. */
  displayNone: /(?:^|[;\s])display\s*:\s*none\b/i,
  visibilityHidden: /(?:^|[;\s])visibility\s*:\s*(?:hidden|collapse)\b/i,
  /** Inline styles that make an inline element a block, and a block element inline. */
  displayBlock: /(?:^|[;\s])display\s*:\s*(?:block|flex|grid|list-item|table)\b/i,
  displayInline: /(?:^|[;\s])display\s*:\s*inline\b/i,
  /** Runs of collapsible white space (and no-break spaces, read as spaces). */
  spaces: /[ \t\n\r\f\u00a0]+/g,
  /** Characters a browser does not draw: soft hyphens, zero-width spaces and joiners, BOMs. */
  invisible: /[\u00ad\u200b-\u200d\u2060\ufeff]/g,
  /**
   * Where a page's <title> joins the article's title to the site's name: "X _ 中国宜春", "站点 | X",
   * "X-某某县人民政府"; not the hyphen of "2021-2025年", nor the dash of "报告——在…会议上".
   */
  titleSeparator: /[_|｜]| [-–—]+ |(?<![\d\s-])-(?![\d\s-])/,
  /**
   * A line that opens with an enumerator (一、 （二） 3. ① 第一，): after a <br> it starts a new
   * paragraph. "1.5%" is a number, not an enumerator.
   */
  enumerated: /^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、．]|\d{1,2}\.(?!\d)|[①-⑳]|第[一二三四五六七八九十]{1,3}[，、,])/,
  /** Punctuation inside a line: a line without any is a title or a heading, not a wrapped sentence. */
  innerPunct: /[，,、。；;：:]/,
};
