import { useEffect, useRef, useState } from 'react';

/**
 * The camera is offered only where the browser allows it: a secure context (https or localhost) with a camera.
 * A plain-http LAN page has no getUserMedia at all, so the desk then relies on the USB scanner or the name search.
 */
export async function cameraPossible(): Promise<boolean> {
  if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia || !navigator.mediaDevices.enumerateDevices)
    return false;
  try {
    return (await navigator.mediaDevices.enumerateDevices()).some((d) => d.kind === 'videoinput');
  } catch {
    return false;
  }
}

/** Reads QR codes from the back camera with jsQR (loaded only when the camera is opened), a frame every 200 ms. */
export function CameraScan({ onCode }: { onCode: (text: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const onCodeRef = useRef(onCode);
  useEffect(() => {
    onCodeRef.current = onCode;
  }, [onCode]);
  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | null = null;
    let last = '';
    let lastAt = 0;
    let live = true;
    void (async () => {
      try {
        const jsQR = (await import('jsqr')).default;
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
        if (!live || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        const canvas = document.createElement('canvas');
        const ctx = canvas.getContext('2d', { willReadFrequently: true });
        timer = setInterval(() => {
          const v = video.current;
          if (!v || !ctx || !v.videoWidth) return;
          canvas.width = v.videoWidth;
          canvas.height = v.videoHeight;
          ctx.drawImage(v, 0, 0);
          const code = jsQR(ctx.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height, {
            inversionAttempts: 'dontInvert',
          });
          // The same badge held in front of the camera is read once, not every frame.
          if (code?.data && (code.data !== last || Date.now() - lastAt > 3000)) {
            last = code.data;
            lastAt = Date.now();
            onCodeRef.current(code.data);
          }
        }, 200);
      } catch {
        setProblem('无法打开摄像头：请在浏览器中允许使用摄像头，或改用扫码枪、按姓名签到');
      }
    })();
    return () => {
      live = false;
      if (timer) clearInterval(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, []);
  return (
    <div className="desk-camera">
      {problem ? (
        <div className="desk-flash desk-flash-bad">{problem}</div>
      ) : (
        <video ref={video} muted playsInline aria-label="摄像头画面" />
      )}
    </div>
  );
}
