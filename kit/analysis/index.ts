// Questions an analyst asks of the tidy tables, as pure functions over plain rows (no
// data-frame library: the kit stays light for the add-in and the command line).
export { indicatorKey, yearOf, convertValue, difference, byPreference, preferred, figureText, type ResultKind } from "./figures.js";
export { select, latestResults, headlineTable, type Selection, type HeadlineTable } from "./latest.js";
export { reportingRegions, compareRegions, rankDescending, industryStructure, INDUSTRIES, type RegionFigure, type Industry, type IndustryShare } from "./compare.js";
export {
  judge,
  planVersusResult,
  targetsAgainstLastResult,
  verdictCounts,
  ABOUT_TOLERANCE,
  type Verdict,
  type AboutTolerance,
  type TargetCheck,
  type TargetStep,
} from "./targets.js";
export { crossChecks, type CrossCheck } from "./checks.js";
export { indicatorInfo, indicatorCatalogue, type IndicatorInfo, type IndicatorCoverage, type IndicatorDocument } from "./indicators.js";
