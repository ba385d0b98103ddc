/** Which slice of a long list to show so the selected item stays in view, near the middle. */
export function listWindow(count: number, selected: number, maxVisible: number): { start: number; end: number } {
  const size = Math.max(1, Math.min(count, maxVisible));
  const start = Math.min(Math.max(selected - Math.floor(size / 2), 0), Math.max(count - size, 0));
  return { start, end: start + size };
}
