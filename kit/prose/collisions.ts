// Two figures of one sentence under the same name ("城市低保保障…,累计发放低保金670.8万元；
// 农村低保保障…,累计发放低保金320.2万元") take what tells their ;-groups apart (城市/农村),
// so that they stay two observations instead of one in conflict.
import type { Building } from "./scan.js";

export function disambiguateNames(s: string, out: Building[]): void {
  if (new Set(out.map((b) => b.draft.name)).size === out.length) return;
  const byName = new Map<string, Building[]>();
  for (const b of out) {
    const k = `${b.draft.name}|${b.draft.period}|${b.draft.kind}|${b.draft.region}`;
    byName.set(k, [...(byName.get(k) ?? []), b]);
  }
  for (const list of byName.values()) {
    // Two to a few figures under one name; a long run of them is not a case of this.
    if (list.length < 2 || list.length > 8) continue;
    const subjects = list.map((b) => {
      const groupStart = s.lastIndexOf(";", b.a) + 1;
      return out.find((o) => o.a >= groupStart && o.a <= b.a)?.draft.name ?? "";
    });
    if (new Set(subjects).size !== subjects.length) continue;
    let common = 0;
    while (subjects.every((x) => x.length > common && x[x.length - 1 - common] === subjects[0]![subjects[0]!.length - 1 - common])) common++;
    list.forEach((b, i) => {
      const prefix = subjects[i]!.slice(0, subjects[i]!.length - common);
      if (prefix && !b.draft.name.startsWith(prefix)) b.draft.name = prefix + b.draft.name;
    });
  }
}
