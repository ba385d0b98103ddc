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

/** Whether the table has this id at all (an RDS class it does not list, say). */
export function hasPrice(prices: PriceTable, id: string): boolean {
  return prices.prices[id] !== undefined;
}
