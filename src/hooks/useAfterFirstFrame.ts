/**
 * What the first frame can go without, loaded once that frame is on screen:
 * undefined while it renders, then the loaded value. The wizard's verdicts
 * (zod's first parse, the cost module and its price table) wait for it, so
 * the screen is up before they cost anything.
 */
import { useEffect, useState } from 'react';

export function useAfterFirstFrame<T>(load: () => Promise<T>): T | undefined {
  const [loaded, setLoaded] = useState<{ readonly value: T }>();
  const [failure, setFailure] = useState<{ readonly error: unknown }>();
  // A failed load (a broken install) fails the render, as a failed static import would fail the start.
  if (failure) throw failure.error;
  useEffect(() => {
    let live = true;
    // An immediate, not the effect itself: by then Ink has written the frame and listens to stdin.
    const timer = setImmediate(() => {
      load().then(
        (value) => live && setLoaded({ value }),
        (error: unknown) => live && setFailure({ error }),
      );
    });
    return () => {
      live = false;
      clearImmediate(timer);
    };
  }, []);
  return loaded?.value;
}
