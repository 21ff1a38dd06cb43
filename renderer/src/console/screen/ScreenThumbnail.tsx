import { useEffect, useRef, useState } from 'react';
import type { ScreenView } from '../../../../shared/contract';
import { ProjectorView } from '../../projector/ProjectorView';

const WIDTH = 1920;

/**
 * What the hall screen shows right now: the projector component itself, laid out at 1920×1080 and scaled down with
 * a CSS transform into a 16:9 box, so the clerk sees exactly the same picture (and the same line breaks).
 */
export function ScreenThumbnail({
  view,
  offset,
  error,
}: {
  view: ScreenView | null;
  offset: number;
  error: string | null;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState(0.3);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => entry && setScale(entry.contentRect.width / WIDTH));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return (
    <div ref={box} className="screen-thumb" data-testid="screen-thumbnail" aria-label="大屏画面">
      <div className="screen-thumb-canvas" style={{ transform: `scale(${scale})` }}>
        <ProjectorView view={view} offset={offset} error={error} thumbnail />
      </div>
    </div>
  );
}
