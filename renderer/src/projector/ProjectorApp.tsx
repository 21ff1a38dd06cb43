import { useEffect } from 'react';
import { ProjectorView } from './ProjectorView';
import { useScreenView } from './useScreenView';

/**
 * The projector page (#/projector, or /projector on the host): the whole window is the hall screen. Opened by the
 * desktop app on the hall display, or in a browser on the hall PC (press F11 for full screen).
 */
export function ProjectorApp() {
  const { view, offset, error } = useScreenView();
  useEffect(() => {
    document.title = '议事台 · 投影';
    document.documentElement.classList.add('projector-page');
    return () => document.documentElement.classList.remove('projector-page');
  }, []);
  return (
    <div style={{ position: 'fixed', inset: 0, background: '#000' }}>
      <ProjectorView view={view} offset={offset} error={error} />
    </div>
  );
}

/** The projector is chosen by the hash (#/projector, what the desktop window loads) or the host path /projector. */
export function isProjectorRoute(loc: { hash: string; pathname: string } = window.location): boolean {
  return /^#\/?projector(\/|$)/.test(loc.hash) || /\/projector\/?$/.test(loc.pathname);
}
