/** The plain parts of 保存为 PDF, kept apart from Electron so they can be tested in Node. */

/** Only our own print routes may be loaded into the hidden print window: #/print/<doc>/<id>[?a=b&…]. */
export function isPrintHash(hash: string): boolean {
  return /^#\/print\/[a-z-]+\/\d+(\?[A-Za-z0-9=&%._-]*)?$/.test(hash);
}

/** A file name the clerk's system accepts: no path separators or characters Windows refuses, ending in .pdf. */
export function pdfFileName(name: string): string {
  const base =
    name
      .replace(/[\\/:*?"<>|\r\n\t]+/g, '_')
      .trim()
      .slice(0, 120) || '文书';
  return /\.pdf$/i.test(base) ? base : `${base}.pdf`;
}

/** Pages of a PDF as Chromium writes it: one "/Type /Page" object per page (the page tree is "/Type /Pages"). */
export function pdfPageCount(pdf: Uint8Array): number {
  return (
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []
  ).length;
}
