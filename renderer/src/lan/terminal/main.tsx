import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { demoClient } from '../demo-client';
import { takeLink } from '../fragment';
import '../lan.css';
import { sealedClient } from '../sealed-client';
import { TerminalApp } from './TerminalApp';

const link = takeLink('terminal');
const root = createRoot(document.getElementById('root')!);
if (!link) {
  root.render(
    <div className="lan-page">
      <div className="notice notice-bad" role="alert">
        <div className="notice-title">请用手机扫描投票码打开本页</div>
        <div className="notice-text">投票码印在会务组发给您的凭条上。请直接扫码打开，不要复制或转发链接。</div>
      </div>
    </div>,
  );
} else {
  const demo = 'demo' in link;
  const client = demo
    ? demoClient(link.demo, { drop: Number(new URLSearchParams(location.search).get('drop') ?? 0) })
    : sealedClient(link, 't');
  root.render(
    <StrictMode>
      <TerminalApp client={client} demo={demo} />
    </StrictMode>,
  );
}
