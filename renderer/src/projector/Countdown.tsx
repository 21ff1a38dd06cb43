import { useEffect, useState } from 'react';
import { remaining } from './live';

/** A countdown by the host's clock (offset = host minus local), ticking on its own so nothing else re-renders. */
export function Countdown({ endsAt, offset, className }: { endsAt: string; offset: number; className?: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, []);
  const left = remaining(endsAt, now + offset);
  if (!left) return null;
  return (
    <div className={`${className ?? ''} ${left.seconds === 0 ? 'pj-countdown-done' : ''}`} data-testid="pj-countdown">
      {left.seconds === 0 ? '时间到' : left.text}
    </div>
  );
}
