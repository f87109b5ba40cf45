// Questions an analyst asks of the tidy tables, as pure functions over plain rows (no
// data-frame library: the kit stays light for the add-in and the command line).
export { indicatorKey, yearOf, convertValue, inTermsOf, completeness, difference, byPreference, preferred, figureText, type ResultKind, type Measure } from "./figures.js";
export { select, latestResults, headlineTable, type Selection, type HeadlineTable } from "./latest.js";
export { reportingRegions, compareRegions, rankDescending, industryStructure, INDUSTRIES, type RegionFigure, type Industry, type IndustryShare } from "./compare.js";
export {
  judge,
  compareMeasure,
  planVersusResult,
  targetsAgainstLastResult,
  verdictCounts,
  ABOUT_TOLERANCE,
  type Verdict,
  type Comparison,
  type AboutTolerance,
  type TargetCheck,
  type TargetStep,
} from "./targets.js";
export { crossChecks, type CrossCheck } from "./checks.js";
export {
  seriesView,
  planResultPairs,
  seriesAndPairs,
  documentTime,
  SERIES_PREFERENCES,
  type Side,
  type Vintage,
  type Revision,
  type SeriesRow,
  type PlanResultPair,
  type PreferenceCriterion,
  type PreferenceReason,
  type SeriesPreferences,
} from "./series.js";
export { indicatorInfo, indicatorCatalogue, type IndicatorInfo, type IndicatorCoverage, type IndicatorDocument } from "./indicators.js";
