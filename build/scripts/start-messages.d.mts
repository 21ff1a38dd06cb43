// Types for start-messages.mjs (plain JS so that `npm start` runs on Node without a TypeScript loader).
export interface StartMessage {
  cause: 'network' | 'timeout' | 'node' | 'other';
  zh: string[];
  en: string;
}
export function versionParts(text: string | null | undefined): [number, number, number] | null;
export function nodeTooOld(version: string, required: string): boolean;
export function firstErrorLine(output: string): string | undefined;
export function electronUnavailable(o: {
  output?: string;
  timedOut?: string | null;
  error?: Error | null;
  code?: number | null;
  node: string;
  requiredNode: string;
  host?: string;
  mirror?: boolean;
  resolvable?: boolean | null;
  elapsed?: string;
}): StartMessage;
export function consoleReady(o: {
  url: string;
  dataDir?: string | null;
  opened?: boolean;
  desktopFallback?: boolean;
}): string[];
