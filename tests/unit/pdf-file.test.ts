import { describe, expect, it } from 'vitest';
import { isPrintHash, pdfFileName, pdfPageCount } from '../../electron/main/pdf-file';

/** The plain parts of the desktop app's 保存为 PDF (electron/main/print-pdf.ts runs only inside Electron). */
describe('保存为 PDF helpers', () => {
  it('loads only our own print routes into the hidden print window', () => {
    expect(isPrintHash('#/print/signin/12')).toBe(true);
    expect(isPrintHash('#/print/count-sheet/3?copy=2')).toBe(true);
    expect(isPrintHash('#/projector')).toBe(false);
    expect(isPrintHash('https://evil.example/#/print/signin/1')).toBe(false);
    expect(isPrintHash('#/print/signin/1"><script>')).toBe(false);
  });

  it('proposes a file name the system accepts, ending in .pdf', () => {
    expect(pdfFileName('江北区2029年年中会议签到表')).toBe('江北区2029年年中会议签到表.pdf');
    expect(pdfFileName('a/b:c*?"<>|')).toBe('a_b_c_.pdf');
    expect(pdfFileName('  ')).toBe('文书.pdf');
    expect(pdfFileName('计票单.PDF')).toBe('计票单.PDF');
  });

  it('counts the page objects of a PDF, not its page tree', () => {
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj <</Type /Pages /Count 2>>\n2 0 obj <</Type /Page>>\n3 0 obj <</Type/Page /Parent 1 0 R>>\n',
      'latin1',
    );
    expect(pdfPageCount(pdf)).toBe(2);
  });
});
