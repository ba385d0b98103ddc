/**
 * Row budgeting: Ink redraws the whole terminal, flickering, once a frame is
 * as tall as the window, so each screen gives its lists only the rows left
 * after everything else it shows.
 */
import { wrapWords } from './Paragraph.js';

export function linesOf(text: string, width: number): number {
  return wrapWords(text, width).length;
}

export const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

/** At least 3 rows so a list is usable on a tiny window; at most 10 so it stays scannable. */
export function rowsLeft(rows: number, used: number): number {
  return clamp(rows - 1 - used, 3, 10);
}
