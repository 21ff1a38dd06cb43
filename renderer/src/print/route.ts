/** The print routes: #/print/<doc>/<id>[?key=value…], one page of the one renderer bundle per document. */
export interface PrintRoute {
  doc: string;
  id: number;
  query: URLSearchParams;
}

export function isPrintRoute(hash = window.location.hash): boolean {
  return /^#\/?print\//.test(hash);
}

export function parsePrintRoute(hash = window.location.hash): PrintRoute | null {
  const m = /^#\/?print\/([a-z-]+)\/(\d+)(?:\?(.*))?$/.exec(hash);
  return m ? { doc: m[1]!, id: Number(m[2]), query: new URLSearchParams(m[3] ?? '') } : null;
}

/** The address of a document, for the console's preview and the desktop app's printToPDF. */
export function printHash(doc: string, id: number, query?: Record<string, string | number>): string {
  const q = query ? new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString() : '';
  return `#/print/${doc}/${id}${q ? `?${q}` : ''}`;
}
