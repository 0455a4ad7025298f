import loadHighs from 'highs';
import { MAX_PERTURBATION } from '@haven/disclosure';
import type { PublishedFigure } from '@haven/contracts';

/**
 * A statistical-disclosure attacker. It knows the method (the minimum cell size k, that
 * 0 is exact, that a group of 1…k−1 always shows `<k`, that any other count is moved by
 * at most MAX_PERTURBATION and shows `<k` when moved below k) and every additive fact
 * about the data: months add up to quarters and years, organisations to the whole,
 * the lines of a table to its totals, and tables over the same people to the same
 * people. Each published figure bounds a sum of unknown counts ("atoms"); the attacker
 * tightens the atoms' bounds by interval propagation, then asks an exact integer
 * programme (HiGHS) for the least and the greatest value every hidden or small figure
 * can take. A figure is pinned when both are the same.
 */

/** One published figure as a constraint: the atoms it sums (and their signs) and what its display says about the sum. */
export interface Observation {
  /** What it is, for the report: table, scope, period and values. */
  label: string;
  atoms: number[];
  display: string;
  value: number | null;
}

export interface Linkage {
  label: string;
  /**
   * Atoms with +1, atoms with −1: their sums are equal (the same people, counted in two
   * tables), or, with `lower`/`upper`, their difference lies between them (e.g. a quarter's
   * people are at least those of each of its months and at most their sum).
   */
  plus: number[];
  minus: number[];
  lower?: number;
  upper?: number;
}

export interface AttackResult {
  targets: number;
  pinnedByPropagation: string[];
  pinnedByIntegerProgramme: string[];
  solves: number;
}

/** The range of true counts a display allows, knowing the method. */
export function rangeOf(
  display: string,
  value: number | null,
  k: number,
  maxPerturbation = MAX_PERTURBATION,
): [number, number] {
  if (display === '0') return [0, 0];
  if (display === `<${k}`) return [1, k - 1 + maxPerturbation];
  if (value === null) throw new Error(`unexpected mark ${display}`);
  return [Math.max(k, value - maxPerturbation), value + maxPerturbation];
}

interface Row {
  terms: [number, number][];
  lower: number;
  upper: number;
}

/** Interval propagation over rows lower ≤ Σ coefficient·atom ≤ upper, to a fixed point (bounded passes). */
export function propagate(rows: Row[], bounds: [number, number][], passes = 50): void {
  for (let pass = 0; pass < passes; pass += 1) {
    let changed = false;
    for (const row of rows) {
      let minSum = 0;
      let maxSum = 0;
      for (const [coefficient, atom] of row.terms) {
        const [low, high] = bounds[atom]!;
        minSum += coefficient > 0 ? coefficient * low : coefficient * high;
        maxSum += coefficient > 0 ? coefficient * high : coefficient * low;
      }
      for (const [coefficient, atom] of row.terms) {
        const [low, high] = bounds[atom]!;
        const othersMin = minSum - (coefficient > 0 ? coefficient * low : coefficient * high);
        const othersMax = maxSum - (coefficient > 0 ? coefficient * high : coefficient * low);
        // coefficient·atom lies in [lower − othersMax, upper − othersMin].
        let from = row.lower - othersMax;
        let to = row.upper - othersMin;
        if (coefficient < 0) [from, to] = [-to, -from];
        const newLow = Math.max(low, Math.ceil(from));
        const newHigh = Math.min(high, Math.floor(to));
        if (newLow !== low || newHigh !== high) {
          bounds[atom] = [newLow, newHigh];
          changed = true;
        }
      }
    }
    if (!changed) return;
  }
}

/**
 * Runs the attack. `truth` holds the real value of every atom (known to the test, not
 * to the attacker): it checks that the model is sound (the truth satisfies every
 * constraint) and tells which value a pinned figure would be pinned to.
 */
export async function attack(
  observations: Observation[],
  linkages: Linkage[],
  atomCount: number,
  k: number,
  truth: number[],
  maxPerturbation = MAX_PERTURBATION,
): Promise<AttackResult> {
  const rows: Row[] = [];
  for (const observation of observations) {
    const [lower, upper] = rangeOf(observation.display, observation.value, k, maxPerturbation);
    rows.push({ terms: observation.atoms.map((atom) => [1, atom]), lower, upper });
  }
  for (const linkage of linkages) {
    rows.push({
      terms: [
        ...linkage.plus.map((atom): [number, number] => [1, atom]),
        ...linkage.minus.map((atom): [number, number] => [-1, atom]),
      ],
      lower: linkage.lower ?? 0,
      upper: linkage.upper ?? 0,
    });
  }
  for (const [index, row] of rows.entries()) {
    const sum = row.terms.reduce((total, [coefficient, atom]) => total + coefficient * truth[atom]!, 0);
    if (sum < row.lower || sum > row.upper)
      throw new Error(
        `the attacker's model is unsound at row ${index}: ${sum} outside ${row.lower}…${row.upper} (${observations[index]?.label ?? 'linkage'})`,
      );
  }

  const bounds: [number, number][] = Array.from({ length: atomCount }, () => [0, 1_000_000]);
  propagate(rows, bounds);

  // Targets: every figure shown `<k` and every figure of 1…k−1 people, each sum once.
  const targets = new Map<string, Observation>();
  for (const observation of observations) {
    const value = observation.atoms.reduce((total, atom) => total + truth[atom]!, 0);
    if (observation.display === `<${k}` || (value >= 1 && value < k))
      targets.set([...observation.atoms].sort((a, b) => a - b).join(','), observation);
  }
  const result: AttackResult = {
    targets: targets.size,
    pinnedByPropagation: [],
    pinnedByIntegerProgramme: [],
    solves: 0,
  };
  const pendingTargets: Observation[] = [];
  for (const observation of targets.values()) {
    const low = observation.atoms.reduce((total, atom) => total + bounds[atom]![0], 0);
    const high = observation.atoms.reduce((total, atom) => total + bounds[atom]![1], 0);
    if (low === high) result.pinnedByPropagation.push(`${observation.label} = ${low}`);
    else pendingTargets.push(observation);
  }

  const highs = await loadHighs();
  const name = (atom: number) => `x${atom}`;
  // Atoms propagation fixed (most often at 0) enter the programme as constants: a smaller model, the same answers.
  const fixed = (atom: number) => bounds[atom]![0] === bounds[atom]![1];
  const expression = (terms: [number, number][]) =>
    terms
      .map(([coefficient, atom], index) => `${coefficient < 0 ? '-' : index === 0 ? '' : '+'} ${name(atom)}`)
      .join(' ');
  const constraints = rows.flatMap((row, index) => {
    const free = row.terms.filter(([, atom]) => !fixed(atom));
    if (free.length === 0) return [];
    const constant = row.terms.reduce(
      (total, [coefficient, atom]) => total + (fixed(atom) ? coefficient * bounds[atom]![0] : 0),
      0,
    );
    const [lower, upper] = [row.lower - constant, row.upper - constant];
    if (lower === upper) return [` r${index}: ${expression(free)} = ${lower}`];
    return [
      ...(Number.isFinite(lower) ? [` r${index}l: ${expression(free)} >= ${lower}`] : []),
      ...(Number.isFinite(upper) ? [` r${index}u: ${expression(free)} <= ${upper}`] : []),
    ];
  });
  const freeAtoms = Array.from({ length: atomCount }, (_, atom) => atom).filter((atom) => !fixed(atom));
  const boundLines = freeAtoms.map((atom) => ` ${bounds[atom]![0]} <= ${name(atom)} <= ${bounds[atom]![1]}`);
  const generals = freeAtoms.map(name);
  const truthOf = (observation: Observation) => observation.atoms.reduce((total, atom) => total + truth[atom]!, 0);
  /**
   * One exact integer programme: the best solution for `objective` (atoms with weights),
   * with an extra row when asked; null when infeasible. Every solution found also
   * clears the pending figures it gives another value than the truth: they are not pinned.
   */
  const solve = (sense: 'Maximize' | 'Minimize', objective: Map<number, number>, extra?: string): number[] | null => {
    result.solves += 1;
    const terms = [...objective.entries()].filter(([, weight]) => weight !== 0);
    const objectiveText = terms.length
      ? terms
          .map(
            ([atom, weight], index) => `${weight < 0 ? '-' : index === 0 ? '' : '+'} ${Math.abs(weight)} ${name(atom)}`,
          )
          .join(' ')
      : `0 ${name(freeAtoms[0] ?? 0)}`;
    const text = `${sense}\n obj: ${objectiveText}\nSubject To\n${constraints.join('\n')}${extra ? `\n ${extra}` : ''}\nBounds\n${boundLines.join('\n')}\nGenerals\n ${generals.join(' ')}\nEnd\n`;
    const solution = highs.solve(text, { output_flag: false } as Parameters<typeof highs.solve>[1]);
    if (solution.Status === 'Infeasible') return null;
    if (solution.Status !== 'Optimal') throw new Error(`HiGHS: ${solution.Status}`);
    const values = Array.from({ length: atomCount }, (_, atom) =>
      fixed(atom)
        ? bounds[atom]![0]
        : Math.round((solution.Columns as Record<string, { Primal: number }>)[name(atom)]?.Primal ?? 0),
    );
    for (const observation of [...pending]) {
      if (observation.atoms.reduce((total, atom) => total + values[atom]!, 0) !== truthOf(observation))
        pending.delete(observation);
    }
    return values;
  };
  const pending = new Set(pendingTargets);
  // Whole batches first: pushing every pending figure up, then down, clears most of them at once.
  for (const sense of ['Maximize', 'Minimize'] as const) {
    const objective = new Map<number, number>();
    for (const observation of pending)
      for (const atom of observation.atoms) if (!fixed(atom)) objective.set(atom, (objective.get(atom) ?? 0) + 1);
    solve(sense, objective);
  }
  // Then one figure at a time: is there any solution where it is above, or below, the truth?
  while (pending.size > 0) {
    const observation = pending.values().next().value!;
    const value = truthOf(observation);
    const free = observation.atoms.filter((atom) => !fixed(atom));
    const constant = observation.atoms.reduce((total, atom) => total + (fixed(atom) ? bounds[atom]![0] : 0), 0);
    const row = free.map((atom, index) => `${index === 0 ? '' : '+ '}${name(atom)}`).join(' ');
    const above = free.length ? solve('Maximize', new Map(), `t: ${row} >= ${value - constant + 1}`) : null;
    if (above) continue;
    const below =
      free.length && value > 0 ? solve('Minimize', new Map(), `t: ${row} <= ${value - constant - 1}`) : null;
    if (below) continue;
    pending.delete(observation);
    result.pinnedByIntegerProgramme.push(`${observation.label} = ${value}`);
  }
  return result;
}

/** The figures of a published table with the period and values of each, for building observations. */
export function figuresOf(table: {
  cells: PublishedFigure[];
  totals: PublishedFigure[];
  population: PublishedFigure[];
}): { figure: PublishedFigure; population: boolean }[] {
  return [
    ...table.cells.map((figure) => ({ figure, population: false })),
    ...table.totals.map((figure) => ({ figure, population: false })),
    ...table.population.map((figure) => ({ figure, population: true })),
  ];
}
