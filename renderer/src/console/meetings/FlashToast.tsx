import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { useFlash } from './flash';

const ICONS = { success: <CheckCircleFilled />, error: <CloseCircleFilled />, warning: <ExclamationCircleFilled /> };

/** Shows the latest flash (see flash.ts) at the top of the screen; errors are announced to screen readers at once. */
export function FlashToast() {
  const f = useFlash();
  if (!f) return null;
  return (
    <div
      className={`flash flash-${f.type}`}
      role={f.type === 'error' ? 'alert' : 'status'}
      data-testid="flash"
      key={f.id}
    >
      {ICONS[f.type]}
      <span>{f.content}</span>
    </div>
  );
}
