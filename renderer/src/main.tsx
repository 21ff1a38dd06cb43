import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import { App as AntApp, ConfigProvider, Result } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { onUnauthorized } from './api/client';
import { ConsoleApp } from './console/ConsoleApp';
import { PrintApp } from './print/PrintApp';
import { isPrintRoute } from './print/route';
import { isProjectorRoute, ProjectorApp } from './projector/ProjectorApp';
import './styles.css';

// The bundled Noto Sans SC makes the console look the same on every office machine, with or without CJK fonts.
const theme = {
  token: {
    fontFamily: "'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif",
    colorPrimary: '#b71c1c',
    borderRadius: 4,
    fontSize: 15,
  },
};

/**
 * One bundle, three faces: the hall screen at #/projector (or /projector), printable A4 documents at #/print/…,
 * the clerk's console everywhere else.
 */
function Root() {
  const [projector, setProjector] = useState(() => isProjectorRoute());
  // The print route's hash, so moving from one document to another (a hash change only) mounts the new one.
  const [print, setPrint] = useState(() => (isPrintRoute() ? window.location.hash : null));
  useEffect(() => {
    const onChange = () => {
      setProjector(isProjectorRoute());
      setPrint(isPrintRoute() ? window.location.hash : null);
    };
    window.addEventListener('hashchange', onChange);
    // A hash changed before this effect ran (between the first render and now) fired no event we heard.
    onChange();
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const [unauthorized, setUnauthorized] = useState(false);
  useEffect(() => onUnauthorized(() => setUnauthorized(true)), []);
  if (unauthorized) return <Unauthorized />;
  if (projector) return <ProjectorApp />;
  if (print) return <PrintApp key={print} />;
  return (
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <ConsoleApp />
      </AntApp>
    </ConfigProvider>
  );
}

/** Without the host's token nothing can be read or changed: say how to get in, on the console and the hall screen alike. */
function Unauthorized() {
  return (
    <Result
      status="403"
      title="需要管理令牌"
      subTitle="请用启动议事台主机时打印的地址（以 #token= 结尾）打开本页。主机每次启动都会换新令牌，重启后请使用最新打印的地址。"
      style={{ marginTop: '12vh', fontFamily: theme.token.fontFamily }}
    />
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
