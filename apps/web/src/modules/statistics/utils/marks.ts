/**
 * The marks a hidden figure shows, as libs/disclosure publishes them (the API sends each
 * figure's display string; these are only for the legend that explains them).
 */
export const smallGroupMark = (k: number) => `<${k}`;

/** Every figure of a period published with nothing in it (too few people in the period). */
export const WITHHELD_MARK = '[x]';
