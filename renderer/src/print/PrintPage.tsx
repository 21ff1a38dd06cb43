import '@fontsource/noto-serif-sc/400.css';
import '@fontsource/noto-serif-sc/500.css';
import '@fontsource/noto-serif-sc/700.css';
import '@fontsource/noto-serif-sc/900.css';
import { useEffect, useLayoutEffect, useRef, type ReactNode } from 'react';
import type { Input, MethodName, Output } from '../../../shared/contract';
import { useApi } from '../api/hooks';
import './print.css';

/** The type area of an A4 page after the GB/T 9704 margins (297 − 37 − 35 mm), for the preview's page estimate. */
export const TYPE_AREA_HEIGHT_MM = 225;
const PX_PER_MM = 96 / 25.4;

/**
 * Pages the print engine will make of the on-screen sheet (which has the paper's width and margins), by the same
 * rules it follows: a table row is never split, so a row that would cross the bottom starts the next page under its
 * table's repeated header row; what follows the last row runs on. The e2e tests check it against the real PDF.
 */
export function estimatePages(sheet: HTMLElement): number {
  const area = TYPE_AREA_HEIGHT_MM * PX_PER_MM;
  const style = getComputedStyle(sheet);
  const box = sheet.getBoundingClientRect();
  const top = box.top + parseFloat(style.paddingTop);
  const end = Math.max(
    top,
    ...[...sheet.querySelectorAll('*')].map(
      (el) => el.getBoundingClientRect().bottom + parseFloat(getComputedStyle(el).marginBottom || '0'),
    ),
  );
  let pages = 1;
  let pageTop = top;
  let repeated = 0;
  for (const row of sheet.querySelectorAll('tbody tr')) {
    const r = row.getBoundingClientRect();
    if (r.bottom - pageTop + repeated > area + 0.5) {
      pages++;
      pageTop = r.top;
      repeated = row.closest('table')?.querySelector('thead')?.getBoundingClientRect().height ?? 0;
    }
  }
  if (end - pageTop + repeated > area + 0.5) pages += Math.ceil((end - pageTop + repeated - area) / area);
  return pages;
}

/**
 * The frame of every printed document: it fetches the document's data, lays it out, waits for the bundled fonts,
 * and only then marks the page finished (`<body data-ready="1">`), so Chromium, Playwright and Electron's
 * printToPDF print a finished page. `data-pages` is an estimate for the console's preview (the print engine
 * decides the real page breaks); a failure sets `data-ready="error"` and shows the reason.
 */
export function PrintPage<M extends MethodName>({
  method,
  input,
  fileName,
  children,
}: {
  method: M;
  input: Input<M>;
  /** The document's name, used as the window title (the browser's "save as PDF" proposes it as the file name). */
  fileName: (data: Output<M>) => string;
  children: (data: Output<M>) => ReactNode;
}) {
  const { data, error } = useApi(method, input);
  const sheet = useRef<HTMLDivElement>(null);

  useEffect(() => {
    delete document.body.dataset.ready;
    return () => {
      delete document.body.dataset.ready;
      delete document.body.dataset.pages;
    };
  }, []);

  useLayoutEffect(() => {
    if (error) {
      document.body.dataset.ready = 'error';
      return;
    }
    if (data === undefined) return;
    document.title = fileName(data);
    let live = true;
    // Two frames so the text is laid out and every font face it needs has started loading; then fonts.ready.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        void document.fonts.ready.then(() => {
          if (!live) return;
          if (sheet.current) document.body.dataset.pages = String(estimatePages(sheet.current));
          document.body.dataset.ready = '1';
          window.parent?.postMessage(
            { type: 'yishitai:print-ready', pages: Number(document.body.dataset.pages ?? 1) },
            window.location.origin,
          );
        });
      }),
    );
    return () => {
      live = false;
    };
  }, [data, error]); // eslint-disable-line react-hooks/exhaustive-deps -- fileName is a render function

  if (error) return <div className="doc-error">无法生成文书：{error}</div>;
  if (data === undefined) return null;
  return (
    <div className="print-doc" ref={sheet}>
      {children(data)}
    </div>
  );
}

/** Title and the meeting line (date, time, venue) that head a document. */
export function DocHeading({ title, subtitle, meta }: { title: ReactNode; subtitle?: ReactNode; meta?: ReactNode[] }) {
  return (
    <header>
      <h1 className="doc-title">{title}</h1>
      {subtitle && <div className="doc-subtitle">{subtitle}</div>}
      {meta && meta.length > 0 && (
        <div className="doc-meta">
          {meta.filter(Boolean).map((m, i) => (
            <span key={i}>{m}</span>
          ))}
        </div>
      )}
    </header>
  );
}
