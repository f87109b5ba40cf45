// The tidy tables (contract: shared/spec/tidy-tables.md) and the kit's public row types.

export type Kind = "actual" | "estimate" | "target";
export type GrowthBasis = "yoy" | "annual_avg" | "vs_start_of_year" | "cumulative";
export type Qualifier = "about" | "at_least" | "more_than" | "at_most";

/** One fact: a region, an indicator, a period and a kind. Field names are fixed by the spec. */
export interface Observation {
  id: string;
  doc: string;
  region: string;
  /** The year, "2023", or a span, "2016-2020", as the spec says. */
  period: string;
  /**
   * Zhibiao's own: the part of the year a figure covers — "Q1", "H1", "Q1-Q3", "M1-M5", "M6" (a
   * month's end) — or null for the whole year. Part of what the observation is about, like period.
   */
  period_part: string | null;
  kind: Kind;
  indicator: string;
  indicator_id: string | null;
  value: number | null;
  unit: string | null;
  /**
   * Zhibiao's own: `value` in the indicator's standard unit (its catalogue `defaultUnit`), so
   * figures written in 万人 and 人, 万元 and 亿元 compare. A currency is never converted: a figure
   * in 美元 is rescaled within 美元 to the standard's scale (1.2 亿美元 stays 1.2 亿美元 where the
   * standard is 亿元). Null, with unit_std null, where it cannot be harmonised: no value, an
   * uncatalogued indicator, a unit units.json does not know, or a unit of another class.
   */
  value_std: number | null;
  /** Zhibiao's own: the unit of value_std (the standard unit, or its counterpart in another currency); null with value_std. */
  unit_std: string | null;
  growth_pct: number | null;
  growth_basis: GrowthBasis;
  value_qualifier: Qualifier | null;
  growth_qualifier: Qualifier | null;
  target_text: string | null;
  rank: number | null;
  rank_scope: string | null;
  conflict: boolean;
  quote: string;
}

/** One place in a source document that states (part of) an observation. */
export interface Mention {
  observation_id: string;
  doc: string;
  /** Offsets into the text as decoded, before any clean-up: text.slice(start, end) === quote. */
  start: number;
  end: number;
  quote: string;
  section: string | null;
  from_table: boolean;
  /** The 1-based page of a paged document (PDF); null otherwise. */
  page: number | null;
}

export type DocumentType =
  | "plan_report" // 国民经济和社会发展计划执行情况与计划草案的报告
  | "government_work_report" // 政府工作报告
  | "five_year_plan" // 五年规划（建议、纲要）
  | "statistical_bulletin" // 统计公报
  | "statistical_release" // 统计资料、统计月报: figures for a month, a quarter or a year
  | "news" // investment news and similar articles
  | "other";

/** One document: a file, or one article of a page that holds several. */
export interface DocumentRow {
  doc: string;
  /** 0-based index of the article within the file (0 for single-document files). */
  part: number;
  title: string | null;
  region: string | null;
  parent_region: string | null;
  /** Why the region is what it is: "title", "meeting line", "signature", "short name and parent", "most named", … */
  region_source: string | null;
  type: DocumentType;
  /** The year the document reports results for, e.g. "2023", or a span "2016-2020". */
  report_period: string | null;
  /** The part of that year a quarterly or half-year report covers ("H1"), else null. */
  report_period_part: string | null;
  /** The year (or span) its targets are for. */
  plan_period: string | null;
  date: string | null;
  /** The format the file was read as: text, csv, html, docx, pdf, xlsx. */
  format: string;
  /** The character encoding of a text format; null for the others. */
  encoding: string | null;
  start: number;
  end: number;
  observations: number;
  mentions: number;
  conflicts: number;
  /** What a user should know about how the document was read (region unknown, figures held back, …). */
  warnings: string[];
}

/** Why a file could not be read as a report. Keyed on `code`, message text lives in lexicon/messages.json. */
export type FailureCode =
  | "unreadable"
  | "empty"
  | "binary"
  | "garbled" // text that decodes plausibly in no encoding (mojibake): refused, no rows from it
  | "not_a_report"
  | "too_large"
  | "unsupported_format" // a format no reader takes (.doc, .xls, a zip of something else)
  | "corrupt" // a damaged PDF, zip or workbook
  | "encrypted" // a password-protected PDF or Office file
  | "no_text_layer" // a scanned PDF: pages of images, no text to read
  | "no_text" // a page or document with no visible text
  | "own_output"; // a workbook Zhibiao itself wrote: skipped in folders, not a report

export interface Failure {
  file: string;
  code: FailureCode;
  message: string;
}

export interface ExtractResult {
  documents: DocumentRow[];
  observations: Observation[];
  mentions: Mention[];
}

/** extractPaths adds the files that failed; the others are still extracted. */
export interface BatchResult extends ExtractResult {
  failures: Failure[];
  /** Files in the folders walked that no reader takes, counted by extension (".jpg": 3). */
  skipped: Record<string, number>;
}
