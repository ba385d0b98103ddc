/**
 * The dated price table shipped with the package (prices.json, data not
 * code): on-demand USD list prices per region, each with the offer file it
 * comes from and the day it was taken. A null price is one nobody confirmed
 * for that region: the estimate then says "unknown" rather than guess.
 * scripts/build-prices.mjs rebuilds the file from AWS's price list files.
 */
import table from './prices.json' with { type: 'json' };

export interface PriceSource {
  /** The AWS pricing page a person reads. */
  readonly page: string;
  /** The price list offer file (JSON; the CSV sits beside it) the script reads. */
  readonly offer: string;
}

/**
 * Where a region's price came from when it is not the entry's offer file: a
 * stored public page or price-list excerpt that states it. Only a figure a
 * source states is entered, never one worked out or remembered.
 */
export interface PriceEvidence {
  /** The address of the page or excerpt. */
  readonly page: string;
  /** The date the source gives for its figures (its publication or "as of" date); null when it gives none. */
  readonly published: string | null;
  /** The day the figure was read from the stored copy. */
  readonly read: string;
  /** What the source states, in our words. */
  readonly states: string;
}

export interface PriceEntry {
  readonly description: string;
  readonly unit: string;
  /** Offer code, a key of `sources`. */
  readonly source: string;
  /** Product attributes that pick this price out of the offer file (`usagetype` without its region prefix). */
  readonly match: Readonly<Record<string, string>>;
  /** When the price was taken (the offer file's publication date when rebuilt). */
  readonly date: string;
  /** Price per unit by region code; null when not known for that region. */
  readonly regions: Readonly<Record<string, number | null>>;
  /** Regions whose price comes from another source than the offer file, with that source. */
  readonly found?: Readonly<Record<string, PriceEvidence>>;
}

export interface PriceTable {
  readonly format: 1;
  readonly currency: 'USD';
  /** The newest date of any price. */
  readonly date: string;
  /** How the table was made. */
  readonly method: string;
  readonly sources: Readonly<Record<string, PriceSource>>;
  readonly prices: Readonly<Record<string, PriceEntry>>;
}

export const PRICE_TABLE: PriceTable = table as PriceTable;

/**
 * A price for a region: the number, or null when the table does not know it.
 * An id the table does not have is a programming error, not an unknown price.
 */
export function priceOf(prices: PriceTable, id: string, region: string): number | null {
  const entry = prices.prices[id];
  if (!entry) throw new Error(`the price table has no "${id}"`);
  return entry.regions[region] ?? null;
}

/** Where a region's price comes from: the source it was found in, or the entry's offer file and date. */
export function priceSource(prices: PriceTable, id: string, region: string): { readonly page: string; readonly date: string | null } {
  const entry = prices.prices[id];
  if (!entry) throw new Error(`the price table has no "${id}"`);
  const found = entry.found?.[region];
  if (found) return { page: found.page, date: found.published };
  return { page: prices.sources[entry.source]?.page ?? entry.source, date: entry.date };
}

/** Whether the table has this id at all (an RDS class it does not list, say). */
export function hasPrice(prices: PriceTable, id: string): boolean {
  return prices.prices[id] !== undefined;
}
