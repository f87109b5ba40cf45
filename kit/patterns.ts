// Every regular expression of the kit lives here, built from the lexicons, so that one
// test (test/redos.test.ts) can check each of them for catastrophic backtracking.
import { WORDS, UNITS, longestFirst } from "./lexicon/lexicon.js";

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
function alt(words: Iterable<string>): string {
  return longestFirst(words).map(esc).join("|");
}

const CN_DIGIT = "[一二三四五六七八九十百零〇两]";
/**
 * A number as written: 386.42, 1,234.5. Never preceded by a letter, digit or dot (PM2.5,
 * G228) nor by "digit," — so that no match can start inside 1,234,567 (which would make
 * the scan quadratic on long digit groups).
 */
const NUM = "(?<![\\dA-Za-z.第])(?<!\\d,)\\d+(?:,\\d{3})*(?:\\.\\d+)?";
const SIGNED = "(?<![\\dA-Za-z.])(?<!\\d,)-?\\d+(?:,\\d{3})*(?:\\.\\d+)?";

const UNIT_ALT = alt(UNITS.map((u) => u.unit));
// "约" and "近" only as words of their own: not the 约 of 签约/节约, the 近 of 最近/附近.
const QPRE = alt(Object.keys(WORDS.qualifierPrefix)).replace(/(^|\|)约(?=\||$)/, "$1(?<![签节制预集公条契婚])约").replace(/(^|\|)近(?=\||$)/, "$1(?<![最附接邻靠将])近");
const QSUF = alt(Object.keys(WORDS.qualifierSuffix));
const GUP = alt(WORDS.growthUp);
const GDOWN = alt(WORDS.growthDown);
const GBASIS = alt(Object.values(WORDS.growthBasis).flat());
const RANK_VERB = alt(WORDS.rankVerbs);
const RANK_SUBJ = alt(WORDS.rankSubjects);

/**
 * The figure tokenizer: one regex, one named alternative per kind of figure. The engine
 * (prose/tokens.ts) scans a sentence with it and reads which group matched.
 */
/**
 * The figure tokenizer: one regex, one named alternative per kind of figure. The engine
 * (prose/tokens.ts) scans a sentence with it and reads which group matched. The branches
 * are kept apart too, so that the ReDoS test can check each of them.
 */
export const FIGURE_BRANCHES = {
  // growth: 增长 3.6%, 比上年增长3%以上, 下降9.6%, 增长3.2倍, 提高0.5个百分点, 增速为5.2%, 增长5%-6%
  growth: `(?<g>(?<gbasis>${GBASIS})?(?<gverb>${GUP}|${GDOWN})(?:为|达到|达|完成|实现)?(?<gpre>${QPRE})?(?<gnum>${SIGNED})(?:[-—–~至到](?<gto>\\d+(?:\\.\\d+)?)(?=%))?(?<gunit>%|倍|个百分点)(?:[-—–~至到](?<gto2>\\d+(?:\\.\\d+)?)%)?(?<gsuf>${QSUF})?)`,
  // rank: 增速居湛江市第三, 位居全市第1名, 降幅居全市第一
  rank: `(?<r>(?<rsubj>${RANK_SUBJ})?(?<rverb>${RANK_VERB})(?<rscope>(?:[^第首,;。:、()]|\\([^()第,;。]{0,8}\\)){0,12})(?:第(?<rnum>\\d{1,3}|${CN_DIGIT}{1,3})(?:名|位)?|(?<rtop>首位|榜首)))`,
  // a rank with no verb after a figure: 增长6.5%、全省第二; the next of packed ranks: 居全国第二、第七
  rankBare: `(?<rk>(?<=[、,])(?:(?<rkscope>全[国省市区县州])|(?<=第(?:\\d{1,3}|${CN_DIGIT}{1,3})(?:名|位)?、))第(?<rknum>\\d{1,3}|${CN_DIGIT}{1,3})(?:名|位)?)`,
  // ratio: 21.8:45.3:32.9
  ratio: `(?<ratio>(?<ra>${NUM}):(?<rb>\\d+(?:\\.\\d+)?):(?<rc>\\d+(?:\\.\\d+)?))`,
  // range: 1至3个
  range: `(?<range>(?<na>${NUM})(?:至|到|~|-)(?<nb>\\d+(?:\\.\\d+)?)(?<nunit>${UNIT_ALT}))`,
  // value: 386.42亿元, 约3000盏, 4700人以上, 50多家, 突破6万户, 1亿元人民币以上
  value: `(?<v>(?<vpre>${QPRE})?(?<vnum>${NUM})(?<vinf>多|余)?(?<vunit>${UNIT_ALT})(?:人民币)?(?<vsuf>${QSUF})?)`,
  // a count with 个 left out before a measure: 区级重点项目271总投资1873.19亿元
  count: `(?<bc>(?<=项目)(?<bcnum>\\d{1,6})(?=总投资|计划投资|年度计划投资))`,
  // word target: 与经济增长同步, 与地区生产总值同步增长, 与去年同期持平, 基本持平, 完成市下达任务,
  // 实现正增长, 增速不低于经济增速, 增速高于城镇居民收入增速
  word: `(?<w>(?:与|和)[^,;。与和同]{1,12}同步(?:增长)?|(?:与去年同期|与上年同期|与上年|与去年|同比)?(?:基本)?持平|完成(?:国家|省|市|县|区|上级)?(?:下达的?|定的?|确定的?)(?:目标任务|目标|任务|指标)|(?:实现)?正增长|(?:实现)?(?:止跌回升|止跌企稳|企稳回升)|(?:增速|增长)(?:不低于|高于|快于|略高于|不慢于)[^,;。增]{1,10}(?:增速|增长)|(?:增速|增长)?(?:快于|高于|不低于)(?:全国|全省|全市|全州)(?:平均水平|平均)?)`,
};
const FIGURE = Object.values(FIGURE_BRANCHES).join("|");
/** Words that never start a place name (推动, 加快, 建设…: verbs that open an action), as an alternation. */
const NOT_PLACE_START = alt(WORDS.placeNeverStarts);

export const P = {
  // ---- labels (lexicon/labels.ts): months of period_part ("M1-M5", "M6"), {placeholders} in a label's text
  monthPart: /^M(\d{1,2})(?:-M(\d{1,2}))?$/,
  placeholder: /\{(\w+)\}/g,
  // ---- blocks
  markdownHeading: /^(#{1,6})\s*/,
  /** 【湛江招商】: a column name heading a news item; not a page's control (【字体：大 中 小】) nor a footnote (【12】). */
  newsHeadline: /^【(?=[^】\n]{0,19}[\u4e00-\u9fa5])[^】\n:：\s]{1,20}】/,
  enumeratedHeading: new RegExp(`^(?:第${CN_DIGIT}{1,3}[章节部分篇]|${CN_DIGIT}{1,3}[、.．]|[（(]${CN_DIGIT}{1,3}[）)]|\\d{1,2}[.、．](?!\\d))`),
  separatorLine: /^[-—_=*·•]{1,80}$/,
  boilerplate: new RegExp(alt(WORDS.boilerplate)),
  endMatter: new RegExp(`^(?:附件[\\d:：]{0,3})?(?:${alt(WORDS.endMatter)})[:：]?$`),
  spacedCellSeparator: / {2,}|\u3000+|\t/,
  numericCell: /^[-+]?\d+(?:\.\d+)?%?$/,

  /** 8.5_M_M_: a figure followed by a token that a bad export put where every % stood. */
  mangledPercent: /\d([A-Za-z_#$@^&*~]{2,8})(?![A-Za-z_#$@^&*~\d])/g,
  mangledMark: /[_#$@^&*~]/,

  // ---- prose
  figure: new RegExp(FIGURE, "g"),
  /** Sentence ends. */
  sentenceEnd: /[。！？!?]+/g,
  /** Inline section markers: 一、2017年工作回顾 (government reports pasted on one line). */
  inlineSectionHint: /[一二三四五六七八九十]、/,
  /** 一、 starting a section inside a paragraph; walk.ts reads the words after it. */
  inlineSection: new RegExp(`(?:^|(?<=[。！？!?:：\\s]))${CN_DIGIT}{1,3}、`, "g"),
  sectionWords: new RegExp(alt([...WORDS.sectionResult, ...WORDS.sectionPlan])),
  clauseEnd: /[。，,；;]/,
  year: /(?<![\d])((?:19|20)\d{2})\s*年/g,
  singleYear: /^\d{4}$/,
  fullYear: /全年|1\s*[-—–~至]\s*12\s*月/,
  /** Part of a year: 一季度, 前三季度, 上半年, 1-6月, 前5个月, 6月末. */
  subYear: /(前三季度)|第?([一二三四1-4])季度|([上下])半年|(?<![\d.])1\s*[-—–~至]\s*(\d{1,2})\s*月|前([2-9]|1[01])个月|(?<![\d.-])(\d{1,2})\s*月(?:末|底)/,
  yearOnce: /(?<![\d])((?:19|20)\d{2})\s*年/,
  fiveYearPlan: /十([一二三四五六七八九])个?五/,
  date: /((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|((?:19|20)\d{2})-(\d{2})-(\d{2})/,
  dateGlobal: /(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日/g,
  dateDay: /\d{1,2}\s*月\s*\d{1,2}\s*日$/,
  statisticsBureau: /统计局|调查队/,
  planDocWord: /规划|纲要|建议/,
  quoted: /《[^《》]{0,80}》|“[^“”]{0,40}”/g,

  // A clause that opens with a verb (推动湛河区智能装备制造产业园…项目开工) is an action of the
  // report's government, not a place speaking: no place name starts with a word of placeNeverStarts.
  zoneSubject: new RegExp(`^(?!${NOT_PLACE_START})([\\u4e00-\\u9fa5]{2,12}?(?:${alt(WORDS.zoneSuffixes)}))(?=${alt(WORDS.subjectVerbs)})`),
  /** 龙门镇完成…: a town that opens a clause. Not 城镇/乡镇 ending a longer word (确保城镇新增就业). */
  townSubject: new RegExp(`^(?!${alt([...WORDS.notTowns, ...WORDS.scopeWords, ...WORDS.placeNeverStarts])})([\\u4e00-\\u9fa5]{2,4}(?:(?<![城乡村集])镇|(?<!城)乡|街道))(?=${alt(WORDS.subjectVerbs)})`),
  zoneName: new RegExp(`(?:${alt([...WORDS.zoneLeadVerbs, ...WORDS.placeNeverStarts])}){0,3}(?!${NOT_PLACE_START})([\\u4e00-\\u9fa5()（）]{2,16}?(?:${alt(WORDS.zoneSuffixes)}))`, "g"),
  subjectVerbStart: new RegExp(`^(?:${alt(WORDS.subjectVerbs)})`),
  childrenLead: /^其中[,:]?/,
  /** A zone that opens a sentence, whatever follows: 沙塘工业集聚区着重抓好…. Not a generic 工业园区. */
  zoneOpening: new RegExp(`^(?!(?:${alt(WORDS.genericZonePrefixes)})(?:${alt(WORDS.zoneSuffixes)}))(?!${NOT_PLACE_START})([\\u4e00-\\u9fa5]{2,12}?(?:${alt(WORDS.zoneSuffixes)}))`),
  /** 工业园区投产…: a zone named by its kind only that opens a sentence. */
  genericZoneOpening: new RegExp(`^((?:${alt(WORDS.genericZonePrefixes)})?(?:${alt(WORDS.genericZonePrefixes)})?(?:${alt(WORDS.zoneSuffixes)}))`),
  /** 工业园区, 各类开发区: a zone named by its kind only. */
  genericZone: new RegExp(`^(?:${alt(WORDS.genericZonePrefixes)})?(?:${alt(WORDS.genericZonePrefixes)})?(?:${alt(WORDS.zoneSuffixes)})$`),
  zoneSuffixAny: new RegExp(`(?<!全)(?:${alt(WORDS.zoneSuffixes)})`),
  zoneAnaphora: new RegExp(`^(?:${alt(WORDS.zoneAnaphora)})(?![\\u4e00-\\u9fa5]{0,2}(?:${alt(WORDS.zoneSuffixes)}))`),
  /** A qualifier before a name (超额完成播种面积…), not one before a number inside it (超10亿元项目). */
  leadingQualifier: new RegExp(`^(?:${QPRE})(?!\\d)`),
  eventVerb: new RegExp(alt(WORDS.eventVerbs)),
  hypothetical: new RegExp(alt(WORDS.hypotheticalMarkers)),
  singularEntity: new RegExp(alt(WORDS.singularEntityMarkers)),
  stopName: new RegExp(alt(WORDS.stopNameWords)),
  estimate: new RegExp(alt(WORDS.estimateMarkers)),
  threshold: new RegExp(`^(?:${alt(WORDS.thresholdNouns)})`),
  leadingNoise: new RegExp(`^(?:${alt([...WORDS.leadingNoise, ...WORDS.scopeWords])})+`),
  leadingFiller: new RegExp(`^(?:${alt(WORDS.fillerWords)})+(?=[\\u4e00-\\u9fa5“"]{2})`),
  /** One word at a time (the caller loops): "(?:words)+$" backtracks badly on long runs. */
  trailingNoise: new RegExp(`(?:${alt(WORDS.trailingNoise)})$`),
  leadingVerb: new RegExp(`^(?:${alt(WORDS.verbsBeforeCount)})+`),
  leadingYear: /^(?:到|至|截至|截止|比|较)?(?:“?十[一二三四五六七八九]五”?(?:时期|期间|末)?|(?:19|20)\d{2}\s*年(?:度)?(?:底|末)?(?:以来|来)?|\d{1,2}\s*[-—至~]\s*\d{1,2}\s*月(?:份)?|\d{1,2}\s*月(?:末|底)|第?[一二三四]季度|前三季度|[上下]半年)/,
  leadingEnumerator: /^(?:[(（]?[一二三四五六七八九十]{1,3}[)）、.．]|\d{1,2}[.、．)）](?!\d)|[⑴-⒇①-⑳]|[一二三四五六七八九十]{1,2}是)\s*/,
  examplesBefore: /^.*(?<![平同对均初中高一二三四优])等(?![级于同待额奖])(?=[\u4e00-\u9fa5“"])/,
  genericMeasure: new RegExp(`^(?:${alt(WORDS.genericMeasures)})$`),
  entityMeasure: new RegExp(`^(?:${alt(WORDS.entityMeasures)})$`),
  /** A stock (总数, 保有量) of what was just counted as new: 新增企业21家，总数达到285家. */
  stockMeasure: new RegExp(`^(?:${alt(WORDS.stockMeasures)})$`),
  topicSuffix: new RegExp(`(?:${alt(WORDS.topicSuffixes)})$`),
  sectionResult: new RegExp(alt(WORDS.sectionResult)),
  sectionPlan: new RegExp(alt(WORDS.sectionPlan)),
  titleWord: new RegExp(alt(WORDS.titleWords)),
  /** A place named in a title that the region list lacks: 关于东兴县2023年… → 东兴县. */
  titleRegionSpan: /(?:关于|中共|】|年|月|^)([\u4e00-\u9fa5]{2,8}?(?:自治县|自治州|自治区|特区|新区|省|市|县|区|旗|盟))(?=(?:19|20)\d{2}|国民经济|人民政府|政府工作|经济运行|第[一二三四五六七八九十]|“十)/,
  nationalTitle: new RegExp(alt(WORDS.nationalTitles)),
  docPlanReport: new RegExp(alt(WORDS.documentTypes.plan_report)),
  docGovWork: new RegExp(alt(WORDS.documentTypes.government_work_report)),
  docFiveYear: new RegExp(`${alt(WORDS.documentTypes.five_year_plan)}|十[一二三四五六七八九]五`),
  docBulletin: new RegExp(alt(WORDS.documentTypes.statistical_bulletin)),
  docRelease: new RegExp(alt(WORDS.documentTypes.statistical_release)),
  /** In the text (not the title) only the words themselves say five-year plan, never a passing 十四五. */
  docFiveYearExplicit: new RegExp(alt(WORDS.documentTypes.five_year_plan)),
  nameChars: /^[\u4e00-\u9fa5A-Za-z0-9“”"《》()（）·\-—&+/%]+/,
  notHeadingEnd: /[，,、；;。！？!?]$/,
  sentenceEndChar: /[。！？!?]/,
  mayHaveFigure: /\d|持平|同步|第|下达|定目标|正增长|不低于|高于|快于|不慢于|首位|榜首|止跌|企稳|确定/,
  cumulativeWord: /累计|年均|五年/,
  fiveYear: new RegExp(alt(WORDS.fiveYearWords)),
  /** “十四五”时期, 十三五期间: a five-year plan's period, by its number. */
  planPeriod: /十([一二三四五六七八九])五”?(?:时期|期间|以来|末)/,
  /** 今年, 2025年 opening a paragraph: it speaks of one year again. */
  thisYearOpening: /^(?:今年|去年|明年|一年来|过去一年|本年度)/,
  pastSpan: new RegExp(alt(WORDS.pastSpanWords)),
  futureSpan: new RegExp(alt(WORDS.futureSpanWords)),
  /** 主要预期目标是：…: the goals of the plan year follow, wherever the passage stands. */
  laterYearWork: new RegExp(alt(WORDS.laterYearWork)),
  goalLead: new RegExp(`(?:${alt(WORDS.goalLeads)})[:：]?`),
  planName: /计划(?:投资|完成|总投资|新增|建设|开工|竣工)|年度目标|全年目标|目标任务/,
  targetName: /(?:全年目标|年度目标|目标)$/,
  /** A top-level item (1. / 一、) ends the list a 其中 opened; ⑴ and （一） are its children. */
  itemEnumeratorTest: /(?<![\d.])\d{1,2}\.(?=[\u4e00-\u9fa5])|(?<![\u4e00-\u9fa5])[一二三四五六七八九十]{1,2}、/,
  childrenMarker: /其中/,
  childrenStart: /^其中/,
  /** ⑴工业项目 / (1) / ①: enumerated items of a list, which inherit their parent's kind (在建/预备). */
  childEnumerator: /(?:[⑴-⒇①-⑳]|[(（]\d{1,2}[)）])\s*$/,
  /** 国民经济全年实现…, 人口年末…: a bulletin's topic label before the name. */
  topicLabel: /^[\u4e00-\u9fa5]{2,4}?(?:全年|年末|年底)(?=[\u4e00-\u9fa5“"]{2})/,
  /** 比上年末增加0.1万人: an absolute change, not a level. */
  absoluteChange: /^(?:(?:比|较)(?:上年|去年|年初|上年末|上年同期|去年同期)?末?)?(?:增加|减少|增长|下降|多|少|增收|减收|增支|减支|净增|多增|少增)$/,
  ratioAny: /\d:\d/,
  nameOnly: /^[\u4e00-\u9fa5“”"()（）]{1,8}$/,
  scopePrefix: /^全[市区县省]/,
  trailingDe: /的$/,
  trailingPunct: /[\s,;:、“(（]$/,
  trailingListSep: /(?:和|及|与|以及|、)$/,
  cumulativeGap: /累计|共计|总计|总数/,
  /** 等 closing a list of examples (大毛牛、伟嘉晶创等签约项目), not 等 in 等级, 平等, 一等奖. */
  examplesMarker: /(?<![平同对均初中高一二三四优])等(?![级于同待额奖])/,
  spanPrefix: /^(?:年均|年平均|累计)/,
  /** 比2021年, 较2019年: the year a change is measured from, not the figure's period. */
  comparisonBefore: /[比较]$/,
  /** …较2019年, …比上年同期 ending a name: what the change after it is measured from. */
  trailingComparison: /(?:比|较)(?:(?:19|20)\d{2}年|上年|去年|年初)(?:同期|末|底)?$/,
  yearNotPeriod: /^(?:以来|来|度计划|代)/,
  measureLead: /(?:完成|实现|累计|共|年度|计划)$/,
  startsWithDigit: /^\d/,
  clauseLead: /^[\s,;:“”"]+/,
  listGap: /^[、,和及]?$/,
  /** What joins the figures of a list written without 分别 (增长5.3%和6.4%). */
  listJoin: /^[、和及]$/,
  listVerbs: /^[\u4e00-\u9fa5]{0,2}?(?:拓宽|扩大|提高|提升|推进|推动|加强|加快|持续|不断|积极)+/,
  clauseBoundaryChar: /[,;:。!?]/,
  nameVerbPrefix: new RegExp(`^(?:${alt(WORDS.nameVerbs)})+`),
  afterNounNoise: new RegExp(`^(?:${alt(WORDS.afterNounNoise)})`),
  spanMarker: /^(?:累计|年均|年平均)|累计$/,
  completionGap: /^完成[^,;:。]{0,20}的$/,
  shareGap: /^占/,
  /** 由2017年的398亿元增加到2022年的512.6亿元: the same measure at two dates. */
  fromYear: /^(?:由|从)(?:(?:19|20)\d{2}年(?:底|末)?)?的?$/,
  toYear: /^(?:增加|增长|提高|提升|上升|扩大|跃升|下降|减少|降低)?(?:到|至)(?:(?:19|20)\d{2}年(?:底|末)?)?的?$/,
  /** "占收入比重为": the share word the gap already says. */
  shareSuffix: /的?(?:比重|比例)$/,
  /** A share named by the rule above, whose base a second share refers to. */
  shareName: /占[^占]+比重$/,
  listSplit: /、|以及|和|及|与/,
  /** 第一、二、三产业: ordinals that share 第 and the noun of the last item. */
  ordinalItem: /^第?[一二三四五六七八九十]$/,
  ordinalHead: /^第?[一二三四五六七八九十]/,
  distributive: /分别/,
  eachSuffix: new RegExp(`(?:${alt(WORDS.eachMarkers)})(?:达到|达|为)?$`),
  topicClause: new RegExp(`^(.{2,30}?)(?:${alt(WORDS.topicPredicates)})$`),
  resultTarget: new RegExp(alt(WORDS.resultTargetMarkers)),
  /** A word after which the rest of the sentence is a target (力争全年签约60个，到位资金超100亿元). */
  targetScope: new RegExp(alt(WORDS.targetScopeMarkers)),
  changeTo: new RegExp(`^(?:${alt(WORDS.changeToVerbs)})`),
  changeFrom: /从[^,;。:]{0,8}$|由[^,;。:]{0,8}$/,
  rankScopeSplit: /^(全[省市区县国]|全[\u4e00-\u9fa5]{0,3}?(?:同类|县区|县市区|区县))(.{2,})$/,
  programName: /^.*”(?:计划|行动|工程|战略|专项行动)(?=[\u4e00-\u9fa5]{4,})/,
  itemImplied: /^目/,
  ratioFrom: /由$/,
  /** 年均增长, 年均分别增长, 两年平均增长: a rate per year, written before the verb or before 分别. */
  annualBefore: /(?:年均|年平均)(?:分别|均|都)?$/,
  /** 两年平均, 三年年均: the number of years the average runs over. */
  yearsAveraged: /^([两二三四五])年/,
  /** 比2021年提高, 较2019年增长: growth against a named year, not a figure for that year. */
  baseYearBefore: /(?:比|较|同)((?:19|20)\d{2})年(?:同期|末|底)?$/,
  rankScopeLead: /^[的在]/,
  /** 2000万元及以上的工业企业, 500万元以上的项目: a size class in a definition or a name, not a figure. */
  notAMeasureAfter: /^(?:[级型号]|及以上|以上的)/,
  listCountBefore: /(?<!\d)\d{1,4}类$/,
  newsBracket: /^【([^】]+)】/,
  yearLike: /(?<!\d)(?:19|20)\d{2}(?!\d)|十[一二三四五六七八九]/,
  /** A title ends with what the document is (政府工作报告, …的建议); a sentence of the text does not. */
  titleEnd: new RegExp(`(?:${alt(WORDS.titleWords)})[)）]?$`),
  sentenceStop: /[。！？!?；;]/,
  /** "(2023年12月28日在…会议上)" under a title, joined to it as one line: the words that mark it. */
  meetingNote: /(?:会议|大会)上[^()]{0,10}\)$/,
  /** 【湛江招商】 opening a line heads an article; a footnote 【12】 does not. */
  articleHeadline: /(^|\n)[ \t]*【(?=[^】\n]{0,19}[\u4e00-\u9fa5])[^】\n:：\s]{1,20}】/g,
  /** 在广东省第十四届人民代表大会: the meeting a report was given to names its region. */
  meetingLine: /在([\u4e00-\u9fa5]{2,24}?)第[一二三四五六七八九十\d]{1,3}届人民代表大会/,
  /** 全县, 我区, 县委县政府: how a report speaks of its own region, by level. */
  selfReference: new RegExp(Object.values(WORDS.selfReference).flat().map(esc).join("|"), "g"),
  signatureAfter: new RegExp(`^(?:${alt(WORDS.signatureWords)})`),
  /** A line that only signs (黔东南州统计局): who issued the document, not its title. */
  signatureLine: new RegExp(`^[\u4e00-\u9fa5]{2,16}(?:${alt(WORDS.signatureWords)})$`),
  /** "标题 _ 网站名", "标题-网站名": a web page's title names the site after the article. */
  siteSuffix: /\s[_|｜—-]\s|\s_|_\s/,
  executionWords: /执行情况/,
  sameBelow: /下同/,
  thousandsSep: /,/g,
  asciiName: /^[A-Z]/,
  asciiName2: /^[A-Z]{2,}/,
  wordTargetHint: /同步|持平|目标|任务/,
  readme: /^readme/i,
  leadingPunct: /^[\s,;:、。)）”」]+/,
  leadingParen: /^[(（][^()（）]{0,20}[)）]/,
  openQuote: /“/g,
  closeQuote: /”/g,
  unclosedQuote: /“(?![^”]*”)/,
  leadingCloser: /^[”)）]/,
  indentChar: /[ \t\u3000\u00a0\ufeff]/,
  /** A line ending on a word that cannot end a sentence or a heading (…发展的, …和). */
  midSentenceEnd: /[的和与及对在将把从向了着、，,]$/,
  /** A line starting with what cannot start one (是：…, ，…). */
  midSentenceStart: /^(?:[，,、；;：:。）)”]|(?:是|为)[:：])/,
  terminated: /[。！？!?；;：:…”」』）)]\s*$/u,
  tab: /\t/g,
  /** Markdown tables: | 指标 | 2023年 | rows and their | --- | rule. */
  pipe: /\|/g,
  pipeRow: /^\|.*\|$/,
  pipeRule: /^\s*:?-{3,}:?\s*$/,
  spacedCellSeparatorAll: / {2,}|\u3000+|\t/g,
  whitespaceChar: /\s/,
  /** Who holds a stock (银行机构本外币存款余额): not part of what the indicator is. */
  nameModifier: new RegExp(`^(?:${alt(WORDS.nameModifiers)})`),
  /** 总量连续37年…, 规模稳…: the clause before a rank names what is ranked of the last figure. */
  rankSubjectLead: new RegExp(`^(?:${alt(WORDS.rankSubjectLeads)})`),
  /** 高于全市平均, 快于经济增速, 不低于…: a comparison, a target only where targets are set. */
  comparativeWord: /不低于|高于|快于|不慢于/,
  /** …、达到23562亿元: an exact figure after a threshold or a rounded one. */
  /** 由上年410万人增加到412万人: the start is last year's. */
  lastYearWord: /上年|去年/,
  exactAfter: /^[、,]?(?:达到|达|为|至)$/,
  /** 迈上600亿元台阶: the verb before a threshold is no name of its own. */
  thresholdVerb: new RegExp(`^(?:${alt(WORDS.thresholdVerbs)})$`),
  innerVerb: /(?<=[\u4e00-\u9fa5]{2})(?:累计完成|完成|实现)(?=[\u4e00-\u9fa5]{2})/,
  nameNoise: /[\s“”"'‘’「」《》]/g,
  trailingBracket: /[（(][^()（）]{0,14}[)）]$/,
  spaces: /\s+/g,
  hasCjk2: /[\u4e00-\u9fa5].*[\u4e00-\u9fa5]/,

  // ---- tables
  /** A table cell, spaces removed: 245.24, 7.5以上, 5.0左右, 98.02%. */
  tableNumber: /^([-+]?\d+(?:,\d{3})*(?:\.\d+)?)(%)?(左右|以上|以内|以下|多|余)?$/,
  tableDash: /^[-—–―－/\\]{1,3}$|^$/,
  tableNameUnit: /[（(]([^（()）]{1,10})[)）]$/,
  tableNamePrefix: /^(?:其中\s*[:：]?\s*|[（(][一二三四五六七八九十]{1,3}[)）]\s*|[一二三四五六七八九十]{1,3}[、.．]\s*|\d{1,2}\s*[.、．)）](?!\d)\s*|[⑴-⒇①-⑳]\s*)+/,
  headerValue: /绝对值|绝对数|数值|总量|金额|数量|规模|完成数|实绩|产量|本年|本期/,
  /** A value header that names the measure of every row (产品名称 | 产量): 粮食 → 粮食产量. */
  tableMeasure: /产量|产值/,
  headerGrowth: /增长|增速|增幅|比增|±|同比|百分比|比上年/,
  headerName: /指\s*标|名\s*称|项\s*目/,
  headerUnit: /单\s*位/,
  headerTarget: /计划|目标|预期|草案/,
  headerEstimate: /预计/,
  headerActual: /实际|完成|执行|实绩|实现/,
  headerYear: /((?:19|20)\d{2})/,
  /** 表7 分行业500万元以上固定资产投资, 附表2: a table's caption. */
  unitListSep: /[、,]/,
  tableCaption: /^(?:附?表\s*\d{1,2}|附表)/,
  tableCaptionMeasure: new RegExp(alt(WORDS.tableCaptionMeasures)),
} as const;

/**
 * All matches of a global regex. Unlike String.prototype.matchAll it does not clone the
 * regex on every call, which costs more than the scan for the big figure pattern.
 */
export function execAll(re: RegExp, s: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    out.push(m);
    if (m[0].length === 0) re.lastIndex++;
  }
  re.lastIndex = 0;
  return out;
}

/** A set of characters as a table by UTF-16 code: one array read per character scanned. */
export interface CharTable {
  has(ch: string): boolean;
  readonly codes: Uint8Array;
}

function charTable(chars: string): CharTable {
  const codes = new Uint8Array(0x10000);
  for (const ch of chars) codes[ch.charCodeAt(0)] = 1;
  return { codes, has: (ch: string) => ch.length === 1 && codes[ch.charCodeAt(0)] === 1 };
}

/** Characters that end a piece of a list or a clause (、 included), and those that end a clause. */
export const BOUNDARY_CHARS: CharTable = charTable(",;:、。!?");
export const CLAUSE_BOUNDARY_CHARS: CharTable = charTable(",;:。!?");

/** Offset just after the last of `chars` before pos (0 if none), scanning back from pos. */
export function afterLast(s: string, pos: number, chars: CharTable): number {
  const codes = chars.codes;
  for (let i = Math.min(pos, s.length) - 1; i >= 0; i--) if (codes[s.charCodeAt(i)] === 1) return i + 1;
  return 0;
}

/**
 * Every regex above, for the ReDoS check. The figure tokenizer is a top-level alternation
 * (not under a quantifier), so it is linear when each branch is: its branches stand in for it.
 */
export function allPatterns(): [string, RegExp][] {
  const own = Object.entries(P).filter((e): e is [string, RegExp] => e[1] instanceof RegExp && e[0] !== "figure");
  const branches = Object.entries(FIGURE_BRANCHES).map(([k, src]): [string, RegExp] => [`figure.${k}`, new RegExp(src)]);
  return [...own, ...branches];
}

export const CN_NUMERALS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 百: 100 };

/** 第三 → 3, 十二 → 12, 二十一 → 21, 5 → 5. */
export function parseRankNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  let total = 0;
  let current = 0;
  for (const ch of s) {
    const v = CN_NUMERALS[ch];
    if (v === undefined) return null;
    if (v === 10 || v === 100) {
      total += (current || 1) * v;
      current = 0;
    } else current = v;
  }
  return total + current;
}
