// Observations written by hand in tests get value_std and unit_std as the kit computes them
// (from value, unit and indicator_id), unless the test sets them itself.
import { standardise } from "../../kit/lexicon/standard.js";
import type { Observation } from "../../kit/types.js";

export type ObservationFields = Omit<Observation, "value_std" | "unit_std"> & Partial<Pick<Observation, "value_std" | "unit_std">>;

export function withStandard(o: ObservationFields): Observation {
  return { ...standardise(o.indicator_id, o.value, o.unit), ...o };
}
