import { contextBridge, ipcRenderer } from 'electron';
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  IPC_SAVE_PDF_CHANNEL,
  type PreloadBridge,
  type SavePdfResult,
} from '../../shared/contract/bridge';
import type { EventMessage } from '../../shared/contract/api';

// Sandboxed preload: the page gets exactly these functions, never ipcRenderer itself.
const bridge: PreloadBridge = {
  invoke: (method, input) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, input),
  subscribe: (listener) => {
    const handler = (_e: unknown, msg: EventMessage) => listener(msg);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.off(IPC_EVENT_CHANNEL, handler);
    };
  },
  savePdf: (hash, fileName) => ipcRenderer.invoke(IPC_SAVE_PDF_CHANNEL, hash, fileName) as Promise<SavePdfResult>,
};

contextBridge.exposeInMainWorld('yishitai', bridge);
