/**
 * False while the first frame renders, true from the render after it. Work
 * the first frame can go without (the schema's verdicts: the problems and the
 * cost line) waits for it, so the screen is up before zod parses anything.
 */
import { useEffect, useState } from 'react';

export function useFirstFrameDrawn(): boolean {
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    // An immediate, not the effect itself: Ink has written the frame and read stdin by then.
    const timer = setImmediate(() => setDrawn(true));
    return () => clearImmediate(timer);
  }, []);
  return drawn;
}
