// How a likert self-assessment turns an average answer into a profile band. One rule, used twice:
// the content schema refuses bands that break it (likertBandProblems), and the SCO picks the
// learner's band with bandFor. It has no imports so the SCO bundle can carry this very file.
//
// The rule: bands are listed from lowest to highest; the first starts at 1 (the lowest answer),
// each next one starts exactly where the one before ends, and the last ends at the number of
// scale points. A band covers min <= average < max, and the top band also covers its max. An
// average on a boundary therefore belongs to the higher band: on a 1-4 scale with bands 1-2, 2-3
// and 3-4, answering 3 ("Mostly true") to everything gives the 3-4 band.

export interface LikertBandRange {
  min: number;
  max: number;
}

/**
 * The band an average answer falls in: the one with the highest `min` the average reaches. For
 * bands that follow the rule, that is exactly min <= average < max (the top band including its
 * max). Bands stored before the rule existed (out of order, overlapping or with gaps) still give
 * every average exactly one band; an average below every band gets the lowest one.
 */
export function bandFor<Band extends LikertBandRange>(
  average: number,
  bands: readonly Band[],
): Band | undefined {
  let pick: Band | undefined;
  let lowest: Band | undefined;
  for (const band of bands) {
    if (!lowest || band.min < lowest.min) lowest = band;
    if (band.min <= average && (!pick || band.min > pick.min)) pick = band;
  }
  return pick ?? lowest;
}

export interface BandProblem {
  /** Index of the band the problem is reported on. */
  index: number;
  field: "min" | "max";
  message: string;
}

const show = (n: number) => String(Math.round(n * 1000) / 1000);

/**
 * Every way `bands` break the rule for a scale of `points` answers (1..points), each pointing at
 * the band and field an author would change. Empty when the bands are right.
 */
export function likertBandProblems(
  bands: readonly LikertBandRange[],
  points: number,
): BandProblem[] {
  const problems: BandProblem[] = [];
  bands.forEach((band, i) => {
    if (!(band.max > band.min)) {
      problems.push({
        index: i,
        field: "max",
        message: `band ${i + 1} must end above where it starts (${show(band.min)})`,
      });
    }
  });
  const first = bands[0];
  if (first && first.min !== 1) {
    problems.push({
      index: 0,
      field: "min",
      message: `the first band must start at 1, the lowest answer, not ${show(first.min)}`,
    });
  }
  for (let i = 1; i < bands.length; i++) {
    const before = bands[i - 1] as LikertBandRange;
    const band = bands[i] as LikertBandRange;
    if (band.min < before.min) {
      problems.push({
        index: i,
        field: "min",
        message: `list the bands from lowest to highest: band ${i + 1} starts below band ${i}`,
      });
    } else if (band.min < before.max) {
      problems.push({
        index: i,
        field: "min",
        message: `band ${i + 1} starts at ${show(band.min)} but band ${i} runs to ${show(before.max)}, so they overlap; start it at ${show(before.max)}`,
      });
    } else if (band.min > before.max) {
      problems.push({
        index: i,
        field: "min",
        message: `no band covers averages from ${show(before.max)} to ${show(band.min)}; start band ${i + 1} at ${show(before.max)}, where band ${i} ends`,
      });
    }
  }
  const last = bands[bands.length - 1];
  if (last && last.max !== points) {
    problems.push({
      index: bands.length - 1,
      field: "max",
      message: `the last band must end at ${points}, the highest answer on this ${points}-point scale, not ${show(last.max)}`,
    });
  }
  return problems;
}
