import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { demoClient } from '../demo-client';
import { takeLink } from '../fragment';
import '../lan.css';
import { sealedClient } from '../sealed-client';
import { DeskApp } from './DeskApp';

const link = takeLink('desk');
const root = createRoot(document.getElementById('root')!);
if (!link) {
  root.render(
    <div className="lan-page">
      <div className="notice notice-bad" role="alert">
        <div className="notice-title">请用签到台链接打开本页</div>
        <div className="notice-text">签到台链接（含二维码）由会务工作人员在议事台「签到台」中生成。</div>
      </div>
    </div>,
  );
} else {
  const demo = 'demo' in link;
  root.render(
    <StrictMode>
      <DeskApp client={demo ? demoClient(link.demo) : sealedClient(link, 'd')} demo={demo} />
    </StrictMode>,
  );
}
