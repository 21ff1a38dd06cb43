import { app, BrowserWindow, dialog, type IpcMain } from 'electron';
import fs from 'node:fs/promises';
import { IPC_SAVE_PDF_CHANNEL, type SavePdfResult } from '../../shared/contract/bridge';
import { isPrintHash, pdfFileName, pdfPageCount } from './pdf-file';
import { isTrustedUrl, RENDERER_URL } from './security';

/**
 * 保存为 PDF (issue 12 item 1): the print route is loaded in a hidden window of the same sandboxed kind as the
 * console, printed once its page says it is finished (<body data-ready="1">: data and bundled fonts in), with
 * the page's own A4 size and margins, and saved where the clerk chooses.
 */
const READY_TIMEOUT_MS = 30_000;

async function waitReady(win: BrowserWindow): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const state = (await win.webContents.executeJavaScript('document.body.dataset.ready ?? ""')) as string;
    if (state === '1') return;
    if (state === 'error')
      throw new Error((await win.webContents.executeJavaScript('document.body.innerText')) as string);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('文书生成超时（30秒），请重试');
}

export async function printRouteToPdf(hash: string, preload: string): Promise<Buffer> {
  const win = new BrowserWindow({
    show: false,
    width: 900,
    height: 1200,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  try {
    await win.loadURL(`${RENDERER_URL}${hash}`);
    await waitReady(win);
    return await win.webContents.printToPDF({ pageSize: 'A4', preferCSSPageSize: true, printBackground: true });
  } finally {
    win.destroy();
  }
}

export function bindSavePdf(ipc: IpcMain, preload: string): void {
  ipc.handle(IPC_SAVE_PDF_CHANNEL, async (event, hash: unknown, fileName: unknown): Promise<SavePdfResult> => {
    if (!isTrustedUrl(event.senderFrame?.url ?? '')) return { ok: false, message: '拒绝来自非本应用页面的调用' };
    if (typeof hash !== 'string' || !isPrintHash(hash)) return { ok: false, message: '不是可打印的文书地址' };
    try {
      const pdf = await printRouteToPdf(hash, preload);
      const owner = BrowserWindow.fromWebContents(event.sender);
      const options = {
        title: '保存为 PDF',
        defaultPath: pdfFileName(String(fileName ?? '')),
        filters: [{ name: 'PDF 文件', extensions: ['pdf'] }],
      };
      const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return { ok: true, path: null, pages: pdfPageCount(pdf) };
      await fs.writeFile(choice.filePath, pdf);
      return { ok: true, path: choice.filePath, pages: pdfPageCount(pdf) };
    } catch (e) {
      return { ok: false, message: `保存 PDF 失败：${e instanceof Error ? e.message : String(e)}` };
    }
  });
}
