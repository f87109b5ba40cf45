// Where the source view gets a number's mentions and a document's reading text: reports dropped
// into the pane (kept in memory while the pane is open) first, then the service.
import type { ExtractResult } from "../../kit/types.js";
import type { MentionsResponse, MentionView, ReadingTextResponse } from "../../server/api.js";

export interface LocalReport {
  name: string;
  result: ExtractResult;
  text: string;
  format: string;
  pageStarts: number[] | null;
}

export interface Sources {
  mentions(id: string): Promise<MentionsResponse | null>;
  text(doc: string): Promise<ReadingTextResponse | null>;
}

/** The mentions of one observation of a dropped report, each with its document's title (as the service gives them). */
export function localMentions(report: LocalReport, id: string): MentionsResponse | null {
  const observation = report.result.observations.find((o) => o.id === id);
  if (!observation) return null;
  const docs = report.result.documents;
  const mentions = report.result.mentions
    .filter((m) => m.observation_id === id)
    .map((m): MentionView => {
      // A page of several articles: the mention belongs to the article whose span holds it.
      const d = docs.find((x) => m.start >= x.start && m.start < x.end) ?? docs[0];
      return { ...m, title: d?.title ?? null, document_type: d?.type ?? "other", document_region: d?.region ?? null };
    });
  return { observation, mentions };
}

/** Dropped reports by file name; a file dropped again replaces its earlier reading. */
export class LocalReports {
  private readonly byName = new Map<string, LocalReport>();

  add(report: LocalReport): void {
    this.byName.set(report.name, report);
  }

  has(doc: string): boolean {
    return this.byName.has(doc);
  }

  mentions(id: string): MentionsResponse | null {
    for (const r of this.byName.values()) {
      const m = localMentions(r, id);
      if (m) return m;
    }
    return null;
  }

  text(doc: string): ReadingTextResponse | null {
    const r = this.byName.get(doc);
    return r ? { doc, format: r.format, text: r.text, pageStarts: r.pageStarts } : null;
  }
}

/** Dropped reports first; then the service (which may not be running). Nothing is cached: a report may change on disk. */
export function combinedSources(local: LocalReports, service: Sources): Sources {
  return {
    mentions: async (id) => local.mentions(id) ?? service.mentions(id),
    text: async (doc) => local.text(doc) ?? service.text(doc),
  };
}
