import type { Locale } from '../../lib/format.js';

/** A code's label in each language the admin speaks. */
export type Label = Readonly<Record<Locale, string>>;

/** The labels of one kind of code, by code. */
export type LabelTable = Readonly<Record<string, Label>>;
