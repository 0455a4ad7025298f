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
  /**
   * Figures the solver could neither clear nor pin within its time limits: not shown to
   * be safe, and never counted as safe. Empty unless a time limit was set.
   */
  undecided: string[];
  solves: number;
  /** Independent parts of the model (no constraint joins two of them), each solved on its own. */
  components: number;
  /** Solves that stopped at the time limit without a usable answer. */
  timeLimitsHit: number;
}

export interface AttackOptions {
  /** Seconds each integer programme may take; one that stops without an answer leaves its figure undecided. */
  timeLimitSeconds?: number;
  /** A wall-clock deadline (ms since the epoch) after which every figure still open is reported undecided. */
  deadline?: number;
  /** Called now and then with how far the attack has got. */
  progress?: (message: string) => void;
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
 *
 * After propagation, atoms it fixed become constants and the rest fall apart into
 * independent components (atoms joined by no constraint, e.g. different years or table
 * families): each is a separate, much smaller integer programme with the same answers.
 * With a time limit, a figure whose programmes all stop without an answer is reported
 * `undecided` — neither safe nor pinned.
 */
export async function attack(
  observations: Observation[],
  linkages: Linkage[],
  atomCount: number,
  k: number,
  truth: number[],
  maxPerturbation = MAX_PERTURBATION,
  options: AttackOptions = {},
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
    undecided: [],
    solves: 0,
    components: 0,
    timeLimitsHit: 0,
  };
  const truthOf = (observation: Observation) => observation.atoms.reduce((total, atom) => total + truth[atom]!, 0);
  // Atoms propagation fixed (most often at 0) enter the programmes as constants: smaller models, the same answers.
  const fixed = (atom: number) => bounds[atom]![0] === bounds[atom]![1];
  const pendingTargets: Observation[] = [];
  for (const observation of targets.values()) {
    const low = observation.atoms.reduce((total, atom) => total + bounds[atom]![0], 0);
    const high = observation.atoms.reduce((total, atom) => total + bounds[atom]![1], 0);
    if (low === high) result.pinnedByPropagation.push(`${observation.label} = ${low}`);
    else pendingTargets.push(observation);
  }
  if (pendingTargets.length === 0) return result;

  // Components: union-find over the atoms still free, joined by every row they share.
  const parent = Array.from({ length: atomCount }, (_, atom) => atom);
  const find = (atom: number): number => {
    while (parent[atom] !== atom) {
      parent[atom] = parent[parent[atom]!]!;
      atom = parent[atom]!;
    }
    return atom;
  };
  for (const row of rows) {
    let first: number | undefined;
    for (const [, atom] of row.terms) {
      if (fixed(atom)) continue;
      if (first === undefined) first = find(atom);
      else {
        const root = find(atom);
        if (root !== first) parent[root] = first;
      }
    }
  }
  const componentOf = (atoms: number[]) => {
    const free = atoms.find((atom) => !fixed(atom));
    return free === undefined ? undefined : find(free);
  };
  const rowsByComponent = new Map<number, Row[]>();
  for (const row of rows) {
    const component = componentOf(row.terms.map(([, atom]) => atom));
    if (component === undefined) continue;
    if (!rowsByComponent.has(component)) rowsByComponent.set(component, []);
    rowsByComponent.get(component)!.push(row);
  }
  const targetsByComponent = new Map<number, Observation[]>();
  for (const observation of pendingTargets) {
    const component = componentOf(observation.atoms)!;
    if (!targetsByComponent.has(component)) targetsByComponent.set(component, []);
    targetsByComponent.get(component)!.push(observation);
  }
  const atomsByComponent = new Map<number, number[]>();
  for (let atom = 0; atom < atomCount; atom += 1) {
    if (fixed(atom)) continue;
    const component = find(atom);
    if (!targetsByComponent.has(component)) continue;
    if (!atomsByComponent.has(component)) atomsByComponent.set(component, []);
    atomsByComponent.get(component)!.push(atom);
  }
  result.components = rowsByComponent.size;

  const highs = await loadHighs();
  const name = (atom: number) => `x${atom}`;
  const expression = (terms: [number, number][]) =>
    terms
      .map(([coefficient, atom], index) => `${coefficient < 0 ? '-' : index === 0 ? '' : '+'} ${name(atom)}`)
      .join(' ');
  const expired = () => options.deadline !== undefined && Date.now() >= options.deadline;
  let done = 0;
  for (const [component, componentTargets] of targetsByComponent) {
    const componentRows = rowsByComponent.get(component)!;
    const componentAtoms = atomsByComponent.get(component)!;
    const pending = new Set(componentTargets);
    const undecidedHere = new Set<Observation>();
    const constraints = componentRows.flatMap((row, index) => {
      const free = row.terms.filter(([, atom]) => !fixed(atom));
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
    const boundLines = componentAtoms.map((atom) => ` ${bounds[atom]![0]} <= ${name(atom)} <= ${bounds[atom]![1]}`);
    const generals = componentAtoms.map(name).join(' ');
    /** A solution is used only when it really is one: integers within bounds satisfying every row (and the extra one). */
    const valid = (values: number[], extra?: { atoms: number[]; lower: number; upper: number }) =>
      componentAtoms.every((atom) => values[atom]! >= bounds[atom]![0] && values[atom]! <= bounds[atom]![1]) &&
      [
        ...componentRows,
        ...(extra ? [{ terms: extra.atoms.map((atom): [number, number] => [1, atom]), ...extra }] : []),
      ].every((row) => {
        const sum = row.terms.reduce((total, [coefficient, atom]) => total + coefficient * values[atom]!, 0);
        return sum >= row.lower && sum <= row.upper;
      });
    /**
     * One exact integer programme over this component: 'infeasible' when proven so, the
     * solution when one was found (every solution found also clears the pending figures
     * it gives another value than the truth: they are not pinned), 'unknown' when it
     * stopped at the time limit without either.
     */
    const solve = (
      sense: 'Maximize' | 'Minimize',
      objective: Map<number, number>,
      extra?: { atoms: number[]; lower: number; upper: number },
    ): number[] | 'infeasible' | 'unknown' => {
      result.solves += 1;
      if (result.solves % 25 === 0)
        options.progress?.(
          `${result.solves} solves; component ${done + 1} of ${targetsByComponent.size} (${componentAtoms.length} unknowns), ${pending.size} of its ${componentTargets.length} figures open`,
        );
      const terms = [...objective.entries()].filter(([, weight]) => weight !== 0);
      const objectiveText = terms.length
        ? terms
            .map(
              ([atom, weight], index) =>
                `${weight < 0 ? '-' : index === 0 ? '' : '+'} ${Math.abs(weight)} ${name(atom)}`,
            )
            .join(' ')
        : `0 ${name(componentAtoms[0]!)}`;
      let extraText = '';
      if (extra) {
        const free = extra.atoms.filter((atom) => !fixed(atom));
        const constant = extra.atoms.reduce((total, atom) => total + (fixed(atom) ? bounds[atom]![0] : 0), 0);
        const row = free.map((atom, index) => `${index === 0 ? '' : '+ '}${name(atom)}`).join(' ');
        extraText = `\n t${Number.isFinite(extra.lower) ? 'l' : 'u'}: ${row} ${Number.isFinite(extra.lower) ? `>= ${extra.lower - constant}` : `<= ${extra.upper - constant}`}`;
      }
      const text = `${sense}\n obj: ${objectiveText}\nSubject To\n${constraints.join('\n')}${extraText}\nBounds\n${boundLines.join('\n')}\nGenerals\n ${generals}\nEnd\n`;
      const solution = highs.solve(text, {
        output_flag: false,
        ...(options.timeLimitSeconds !== undefined ? { time_limit: options.timeLimitSeconds } : {}),
      } as Parameters<typeof highs.solve>[1]);
      if (solution.Status === 'Infeasible') return 'infeasible';
      const columns = solution.Columns as Record<string, { Primal?: number }> | undefined;
      const values = Array.from({ length: atomCount }, (_, atom) => (fixed(atom) ? bounds[atom]![0] : 0));
      for (const atom of componentAtoms) values[atom] = Math.round(columns?.[name(atom)]?.Primal ?? Number.NaN);
      if (!columns || !valid(values, extra)) {
        if (solution.Status === 'Optimal') throw new Error('HiGHS answered optimal with an invalid solution');
        result.timeLimitsHit += 1;
        return 'unknown';
      }
      for (const observation of [...pending]) {
        if (observation.atoms.reduce((total, atom) => total + values[atom]!, 0) !== truthOf(observation))
          pending.delete(observation);
      }
      return values;
    };
    // Whole batches first: pushing every pending figure up, then down, clears most of them at once; again over those
    // left while a round clears any (each round's objective is only the figures still pending).
    for (let round = 0; round < 10; round += 1) {
      const before = pending.size;
      for (const sense of ['Maximize', 'Minimize'] as const) {
        if (pending.size === 0 || expired()) break;
        const objective = new Map<number, number>();
        for (const observation of pending)
          for (const atom of observation.atoms) if (!fixed(atom)) objective.set(atom, (objective.get(atom) ?? 0) + 1);
        solve(sense, objective);
      }
      if (pending.size === 0 || pending.size === before || expired()) break;
    }
    // Then one figure at a time: is there any solution where it is above, or below, the truth?
    while (pending.size > 0) {
      const observation = pending.values().next().value!;
      if (expired()) {
        pending.delete(observation);
        undecidedHere.add(observation);
        continue;
      }
      const value = truthOf(observation);
      const above = solve('Maximize', new Map(), {
        atoms: observation.atoms,
        lower: value + 1,
        upper: Number.POSITIVE_INFINITY,
      });
      if (Array.isArray(above)) continue;
      const below =
        value > 0
          ? solve('Minimize', new Map(), {
              atoms: observation.atoms,
              lower: Number.NEGATIVE_INFINITY,
              upper: value - 1,
            })
          : 'infeasible';
      if (Array.isArray(below)) continue;
      pending.delete(observation);
      if (above === 'unknown' || below === 'unknown') undecidedHere.add(observation);
      else result.pinnedByIntegerProgramme.push(`${observation.label} = ${value}`);
    }
    for (const observation of undecidedHere)
      result.undecided.push(`${observation.label} (true value ${truthOf(observation)})`);
    done += 1;
    options.progress?.(
      `component ${done} of ${targetsByComponent.size} (${componentAtoms.length} unknowns, ${componentTargets.length} figures): ${result.solves} solves so far, ${result.undecided.length} undecided`,
    );
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
