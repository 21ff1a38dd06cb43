import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ConsoleApp } from './console/ConsoleApp';
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

/** One bundle, two faces: the hall screen at #/projector (or /projector), the clerk's console everywhere else. */
function Root() {
  const [projector, setProjector] = useState(() => isProjectorRoute());
  useEffect(() => {
    const onChange = () => setProjector(isProjectorRoute());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  if (projector) return <ProjectorApp />;
  return (
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <ConsoleApp />
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
